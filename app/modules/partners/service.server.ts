// Partners of a project (sub-project partners with budget, cooperation partners, Jobcenter, ...) and their
// contact persons. Every query carries the project id: another project's partner or contact is not found.
// Every change writes an audit entry with field names only, in the same transaction. Edits and deletes
// name the version they read (optimistic concurrency): a save over someone else's newer save is refused
// with what changed since (VersionConflictError), never applied silently.
import { versionConflict } from "~/modules/audit/conflict.server";
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput, type FormValues } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { ValidationError } from "~/utils/validation";
import { PartnerContactSchema, PartnerSchema, type PartnerContactInput, type PartnerData, type PartnerInput, type PartnerType } from "./schema";

const ENTITY = "Partner";
const CONTACT_ENTITY = "PartnerContact";

/** The project's partners by name (optionally of one type), with their number of contact persons. */
export async function listPartners(projectId: string, query: { type?: PartnerType } = {}) {
  const rows = await db.partner.findMany({
    where: { projectId, ...(query.type ? { type: query.type } : {}) },
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, type: true, hasBudget: true, roleInProject: true, agreementType: true, agreementDate: true, city: true,
      _count: { select: { contacts: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, contactCount: _count.contacts }));
}

export type JobcenterAgreementState = "ok" | "missing_partner" | "missing_agreement";

/**
 * BIWAQ requires a letter of intent from the Jobcenter: "missing_partner" when the project has no
 * Jobcenter partner, "missing_agreement" when none of them has an agreement date.
 */
export async function jobcenterAgreementState(projectId: string): Promise<JobcenterAgreementState> {
  const jobcenters = await db.partner.findMany({ where: { projectId, type: "jobcenter" }, select: { agreementDate: true } });
  if (jobcenters.length === 0) return "missing_partner";
  return jobcenters.some((p) => p.agreementDate) ? "ok" : "missing_agreement";
}

/** One partner with its contact persons; 404 for another project's partner. */
export async function getPartner(projectId: string, partnerId: string) {
  const partner = await db.partner.findFirst({
    where: { id: partnerId, projectId },
    select: {
      id: true, name: true, type: true, hasBudget: true, roleInProject: true, agreementType: true, agreementDate: true,
      street: true, postcode: true, city: true, website: true, notes: true, version: true, updatedAt: true,
      contacts: { orderBy: { name: "asc" }, select: { id: true, name: true, function: true, email: true, phone: true } },
    },
  });
  if (!partner) notFound();
  return partner;
}

/** why: a sub-project partner is by definition the one with an own budget (domain: Teilvorhabenpartner). */
function storedValues(data: PartnerData) {
  return { ...data, hasBudget: data.type === "sub_project_partner" ? true : data.hasBudget };
}

/** Creates a partner (ValidationError and nothing written on bad input); audited. */
export async function createPartner(projectId: string, userId: string, input: PartnerInput | FormValues) {
  const data = storedValues(parseInput(PartnerSchema, input));
  return db.$transaction(async (tx) => {
    const created = await tx.partner.create({ data: { ...data, projectId }, select: { id: true, version: true } });
    const fields = Object.keys(data).filter((key) => {
      const value = data[key as keyof typeof data];
      return value !== null && value !== false;
    });
    await recordAudit(tx, { userId, projectId, action: "create", entity: ENTITY, entityId: created.id, fields });
    return created;
  });
}

/** The conflict of a save that read `version`: what is stored now and what changed since (404 when deleted meanwhile). */
async function staleVersion(tx: Tx, projectId: string, partnerId: string, version: number) {
  const current = await tx.partner.findFirst({ where: { id: partnerId, projectId }, select: { version: true } });
  if (!current) notFound();
  return versionConflict(tx, { projectId, entity: ENTITY, entityId: partnerId, readVersion: version, currentVersion: current.version });
}

/**
 * Edits a partner the editor read at `version`: bumps the version and audits the changed field names
 * (nothing changed: no write, no entry, same version). A stale version throws VersionConflictError.
 */
export async function updatePartner(projectId: string, userId: string, partnerId: string, version: number, input: PartnerInput | FormValues) {
  const data = storedValues(parseInput(PartnerSchema, input));
  return db.$transaction(async (tx) => {
    const before = await tx.partner.findFirst({ where: { id: partnerId, projectId } });
    if (!before) notFound();
    if (before.version !== version) throw await staleVersion(tx, projectId, partnerId, version);
    const fields = changedFields(before as unknown as Record<string, unknown>, data);
    if (fields.length === 0) return { id: partnerId, version, changed: fields };
    // why: the version in the filter makes the check and the write one atomic step.
    const result = await tx.partner.updateMany({ where: { id: partnerId, projectId, version }, data: { ...data, version: { increment: 1 } } });
    if (result.count !== 1) throw await staleVersion(tx, projectId, partnerId, version);
    await recordAudit(tx, { userId, projectId, action: "update", entity: ENTITY, entityId: partnerId, fields });
    return { id: partnerId, version: version + 1, changed: fields };
  });
}

/**
 * Deletes a partner the user read at `version`, with its contacts. Refused (form error) while budget
 * lines or expenses name it: finance records must keep their partner. Activities only lose the
 * reference. A stale version throws VersionConflictError.
 */
export async function deletePartner(projectId: string, userId: string, partnerId: string, version: number) {
  await db.$transaction(async (tx) => {
    const partner = await tx.partner.findFirst({
      where: { id: partnerId, projectId },
      select: { id: true, version: true, _count: { select: { budgetLines: true, expenses: true } } },
    });
    if (!partner) notFound();
    if (partner.version !== version) throw await staleVersion(tx, projectId, partnerId, version);
    if (partner._count.budgetLines > 0 || partner._count.expenses > 0) throw new ValidationError({}, ["partners.deleteInUse"]);
    const result = await tx.partner.deleteMany({ where: { id: partnerId, projectId, version } });
    if (result.count !== 1) throw await staleVersion(tx, projectId, partnerId, version);
    await recordAudit(tx, { userId, projectId, action: "delete", entity: ENTITY, entityId: partnerId });
  });
}

async function requirePartner(tx: Tx, projectId: string, partnerId: string) {
  const partner = await tx.partner.findFirst({ where: { id: partnerId, projectId }, select: { id: true } });
  if (!partner) notFound();
}

/** Adds a contact person to a partner of the project; audited. */
export async function addPartnerContact(projectId: string, userId: string, partnerId: string, input: PartnerContactInput | FormValues) {
  const data = parseInput(PartnerContactSchema, input);
  return db.$transaction(async (tx) => {
    await requirePartner(tx, projectId, partnerId);
    const created = await tx.partnerContact.create({ data: { ...data, partnerId }, select: { id: true } });
    const fields = Object.keys(data).filter((key) => data[key as keyof typeof data] !== null);
    await recordAudit(tx, { userId, projectId, action: "create", entity: CONTACT_ENTITY, entityId: created.id, fields, note: `partner ${partnerId}` });
    return created;
  });
}

/** Edits a contact person (scoped by partner and project); audits the changed field names. */
export async function updatePartnerContact(projectId: string, userId: string, partnerId: string, contactId: string, input: PartnerContactInput | FormValues) {
  const data = parseInput(PartnerContactSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.partnerContact.findFirst({ where: { id: contactId, partnerId, partner: { projectId } } });
    if (!before) notFound();
    const fields = changedFields(before as unknown as Record<string, unknown>, data);
    if (fields.length === 0) return { id: contactId, changed: fields };
    await tx.partnerContact.update({ where: { id: contactId }, data });
    await recordAudit(tx, { userId, projectId, action: "update", entity: CONTACT_ENTITY, entityId: contactId, fields, note: `partner ${partnerId}` });
    return { id: contactId, changed: fields };
  });
}

/** Removes a contact person (scoped by partner and project); audited. */
export async function deletePartnerContact(projectId: string, userId: string, partnerId: string, contactId: string) {
  await db.$transaction(async (tx) => {
    const result = await tx.partnerContact.deleteMany({ where: { id: contactId, partnerId, partner: { projectId } } });
    if (result.count !== 1) notFound();
    await recordAudit(tx, { userId, projectId, action: "delete", entity: CONTACT_ENTITY, entityId: contactId, note: `partner ${partnerId}` });
  });
}
