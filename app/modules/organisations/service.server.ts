// Supported organisations (HF 2 local economy): businesses and public bodies, and the supports they
// received (advice, events, placements, networking), standalone or linked to a logged activity. The
// first support date is derived — recomputed inside every support change — and drives EECO18 (public
// bodies) and EECO19 (micro, small and medium enterprises). Every query is scoped by project; every
// change writes an audit entry in the same transaction (field names only).
import { instantToBerlin } from "~/modules/activities/schema";
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { assertDatesOpen } from "~/modules/periods/lock.server";
import { db, type Tx } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { parseInput } from "~/utils/form-values";
import { ValidationError } from "~/utils/validation";
import {
  ORGANISATION_PAGE_SIZE,
  organisationSchema,
  supportSchema,
  type OrganisationInput,
  type OrganisationListQuery,
  type SupportInput,
} from "./schema";

export interface Actor {
  id: string;
}

/** Thrown when an update names a version that is no longer current (someone saved meanwhile). */
export class OrganisationConflictError extends Error {
  constructor() {
    super("organisation was changed meanwhile");
    this.name = "OrganisationConflictError";
  }
}

const ORGANISATION_FIELDS = [
  "name",
  "kind",
  "sector",
  "sizeClass",
  "socialEnterprise",
  "cooperative",
  "soloSelfEmployed",
  "street",
  "postcode",
  "city",
  "areaId",
  "contactName",
  "contactEmail",
  "contactPhone",
  "notes",
] as const;

async function checkArea(tx: Tx, projectId: string, areaId: string | null): Promise<void> {
  if (!areaId) return;
  const link = await tx.projectArea.findUnique({ where: { projectId_areaId: { projectId, areaId } }, select: { areaId: true } });
  if (!link) throw new ValidationError({ areaId: ["organisations.error.areaUnknown"] });
}

/**
 * Sets the organisation's firstSupportDate to the earliest of its supports (null without supports).
 * Returns whether it changed, so the caller can audit the derived field.
 */
export async function recomputeFirstSupportDate(tx: Tx, projectId: string, organisationId: string): Promise<boolean> {
  const [earliest, current] = await Promise.all([
    tx.organisationSupport.findFirst({ where: { projectId, organisationId }, orderBy: { date: "asc" }, select: { date: true } }),
    tx.organisation.findFirst({ where: { id: organisationId, projectId }, select: { firstSupportDate: true } }),
  ]);
  if (!current) notFound();
  const next = earliest?.date ?? null;
  if ((current.firstSupportDate?.getTime() ?? null) === (next?.getTime() ?? null)) return false;
  await tx.organisation.update({ where: { id: organisationId }, data: { firstSupportDate: next } });
  return true;
}

// ---------------------------------------------------------------------------------------------- reads

/**
 * One page of the project's organisations by name, filtered by kind, area and a name search.
 * why in memory: a project supports tens to a few hundred organisations, and a case-insensitive
 * "contains" is not portable across SQLite and PostgreSQL without a search column.
 */
export async function listOrganisations(projectId: string, query: Partial<OrganisationListQuery> = {}) {
  const rows = await db.organisation.findMany({
    where: { projectId, ...(query.kind ? { kind: query.kind } : {}), ...(query.areaId ? { areaId: query.areaId } : {}) },
    select: {
      id: true,
      name: true,
      kind: true,
      sector: true,
      sizeClass: true,
      city: true,
      firstSupportDate: true,
      area: { select: { name: true } },
      _count: { select: { supports: true } },
    },
  });
  const needle = (query.q ?? "").toLocaleLowerCase("de");
  const matching = needle
    ? rows.filter((o) => [o.name, o.sector ?? "", o.city ?? ""].some((v) => v.toLocaleLowerCase("de").includes(needle)))
    : rows;
  matching.sort((a, b) => a.name.localeCompare(b.name, "de"));
  const page = query.page ?? 1;
  return {
    total: matching.length,
    page,
    pages: Math.max(1, Math.ceil(matching.length / ORGANISATION_PAGE_SIZE)),
    items: matching
      .slice((page - 1) * ORGANISATION_PAGE_SIZE, page * ORGANISATION_PAGE_SIZE)
      .map(({ _count, ...o }) => ({ ...o, supportCount: _count.supports })),
  };
}

/** One organisation with its supports (oldest first) and linked activities; 404 when not the project's. */
export async function getOrganisation(projectId: string, organisationId: string) {
  const organisation = await db.organisation.findFirst({
    where: { id: organisationId, projectId },
    include: {
      area: { select: { name: true } },
      supports: {
        orderBy: [{ date: "asc" }, { createdAt: "asc" }],
        select: { id: true, date: true, type: true, notes: true, activity: { select: { id: true, title: true, startsAt: true } } },
      },
    },
  });
  if (!organisation) notFound();
  return organisation;
}

/** The project's areas (for the form's select). */
export async function listOrganisationAreas(projectId: string) {
  const areas = await db.projectArea.findMany({ where: { projectId }, select: { area: { select: { id: true, name: true } } } });
  return areas.map((a) => a.area).sort((a, b) => a.name.localeCompare(b.name, "de"));
}

// ---------------------------------------------------------------------------------------------- writes

/** Registers an organisation; ValidationError (nothing written) for invalid input or another project's area. */
export async function createOrganisation(projectId: string, input: OrganisationInput, actor: Actor): Promise<{ id: string }> {
  const values = parseInput(organisationSchema, input);
  return db.$transaction(async (tx) => {
    await checkArea(tx, projectId, values.areaId);
    const organisation = await tx.organisation.create({ data: { projectId, ...values }, select: { id: true } });
    const fields = ORGANISATION_FIELDS.filter((f) => values[f] !== null && values[f] !== false);
    await recordAudit(tx, { userId: actor.id, projectId, action: "create", entity: "Organisation", entityId: organisation.id, fields });
    return organisation;
  });
}

/** Saves an edited organisation; OrganisationConflictError when `version` is not current any more. */
export async function updateOrganisation(projectId: string, organisationId: string, input: OrganisationInput, version: number, actor: Actor) {
  const values = parseInput(organisationSchema, input);
  return db.$transaction(async (tx) => {
    const current = await tx.organisation.findFirst({ where: { id: organisationId, projectId } });
    if (!current) notFound();
    if (current.version !== version) throw new OrganisationConflictError();
    await checkArea(tx, projectId, values.areaId);
    const fields = changedFields(current, values);
    if (!fields.length) return { id: organisationId, version };
    const result = await tx.organisation.updateMany({ where: { id: organisationId, projectId, version }, data: { ...values, version: { increment: 1 } } });
    if (result.count !== 1) throw new OrganisationConflictError();
    await recordAudit(tx, { userId: actor.id, projectId, action: "update", entity: "Organisation", entityId: organisationId, fields });
    return { id: organisationId, version: version + 1 };
  });
}

/** Deletes an organisation with its supports (version-checked, audited). */
export async function deleteOrganisation(projectId: string, organisationId: string, version: number | null, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.organisation.findFirst({ where: { id: organisationId, projectId }, select: { version: true, supports: { select: { date: true } }, _count: { select: { supports: true } } } });
    if (!current) notFound();
    if (version !== null && current.version !== version) throw new OrganisationConflictError();
    // why: deleting the organisation deletes its supports; none of them may lie in a closed period.
    await assertDatesOpen(tx, projectId, current.supports.map((s) => s.date));
    await tx.organisation.delete({ where: { id: organisationId } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "delete", entity: "Organisation", entityId: organisationId, note: `supports -${current._count.supports}` });
  });
}

/**
 * Records a support for an organisation of the project, optionally linked to an activity of the
 * project (an empty date then takes the activity's day). The date must lie in the project's duration.
 * Recomputes firstSupportDate in the same transaction.
 */
export async function addSupport(projectId: string, organisationId: string, input: SupportInput, actor: Actor): Promise<{ id: string }> {
  const values = parseInput(supportSchema, input);
  return db.$transaction(async (tx) => {
    const [organisation, project, activity] = await Promise.all([
      tx.organisation.findFirst({ where: { id: organisationId, projectId }, select: { id: true } }),
      tx.project.findUnique({ where: { id: projectId }, select: { startDate: true, endDate: true } }),
      values.activityId ? tx.activity.findFirst({ where: { id: values.activityId, projectId }, select: { startsAt: true } }) : null,
    ]);
    if (!organisation || !project) notFound();
    if (values.activityId && !activity) throw new ValidationError({ activityId: ["organisations.error.activityUnknown"] });
    const date = values.date ?? (activity ? instantToBerlin(activity.startsAt).day : null);
    if (!date) throw new ValidationError({ date: ["validation.required"] });
    if (date < project.startDate || date > project.endDate) throw new ValidationError({ date: ["organisations.error.outsideProject"] });
    await assertDatesOpen(tx, projectId, [date]);
    const support = await tx.organisationSupport.create({
      data: { projectId, organisationId, date, type: values.type, activityId: values.activityId, notes: values.notes },
      select: { id: true },
    });
    await recordAudit(tx, {
      userId: actor.id,
      projectId,
      action: "create",
      entity: "OrganisationSupport",
      entityId: support.id,
      fields: ["organisationId", "date", "type", ...(values.activityId ? ["activityId"] : []), ...(values.notes ? ["notes"] : [])],
    });
    if (await recomputeFirstSupportDate(tx, projectId, organisationId)) {
      await recordAudit(tx, { userId: actor.id, projectId, action: "update", entity: "Organisation", entityId: organisationId, fields: ["firstSupportDate"] });
    }
    return support;
  });
}

/** Removes a support of the project and recomputes its organisation's first support date. */
export async function removeSupport(projectId: string, supportId: string, actor: Actor, organisationId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const support = await tx.organisationSupport.findFirst({
      where: { id: supportId, projectId, ...(organisationId ? { organisationId } : {}) },
      select: { organisationId: true, date: true },
    });
    if (!support) notFound();
    await assertDatesOpen(tx, projectId, [support.date]);
    await tx.organisationSupport.delete({ where: { id: supportId } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "delete", entity: "OrganisationSupport", entityId: supportId });
    if (await recomputeFirstSupportDate(tx, projectId, support.organisationId)) {
      await recordAudit(tx, { userId: actor.id, projectId, action: "update", entity: "Organisation", entityId: support.organisationId, fields: ["firstSupportDate"] });
    }
  });
}

