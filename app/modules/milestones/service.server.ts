// Milestones of a project: what the lead steers by. Every query carries the project id, so another
// project's milestone is simply not found (404). Every change writes an audit entry (field names only)
// in the same transaction. Edits name the version they read (optimistic concurrency): two people
// editing the same milestone cannot silently overwrite each other.
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput, type FormValues } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { ValidationError } from "~/utils/validation";
import {
  MilestoneCompleteSchema,
  MilestoneSchema,
  type MilestoneCompleteInput,
  type MilestoneData,
  type MilestoneInput,
  type MilestoneListQuery,
  type MilestoneStatus,
} from "./schema";
import { addDays, DUE_SOON_DAYS, dueState, today, type DueState } from "./schedule";

const ENTITY = "Milestone";

const MILESTONE_SELECT = {
  id: true,
  title: true,
  description: true,
  dueDate: true,
  status: true,
  ownerUserId: true,
  actionFieldId: true,
  completedAt: true,
  evidenceNote: true,
  version: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  actionField: { select: { id: true, code: true, name: true, nameEn: true } },
} as const;

export interface MilestoneOptions {
  owners: { id: string; name: string }[];
  actionFields: { id: string; code: string; name: string; nameEn: string | null }[];
}

/** Who can own a milestone (the project's members) and which action fields it can belong to (the project's). */
export async function listMilestoneOptions(projectId: string): Promise<MilestoneOptions> {
  const [members, fields] = await Promise.all([
    db.projectMembership.findMany({ where: { projectId }, select: { user: { select: { id: true, name: true, active: true } } } }),
    db.projectActionField.findMany({
      where: { projectId },
      select: { actionField: { select: { id: true, code: true, name: true, nameEn: true, sortOrder: true } } },
    }),
  ]);
  return {
    owners: members
      .map((m) => m.user)
      .filter((u) => u.active)
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, "de")),
    actionFields: fields
      .map((f) => f.actionField)
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map(({ sortOrder: _s, ...field }) => field),
  };
}

/**
 * The project's milestones by due date, each with its due state (overdue / due soon / later / done).
 * Filters: a stored status, "open" (not done), "overdue", "due_soon"; and an action field.
 */
export async function listMilestones(projectId: string, query: MilestoneListQuery = {}, now = new Date()) {
  const day = today(now);
  const where: Record<string, unknown> = { projectId };
  if (query.actionField) where.actionFieldId = query.actionField;
  switch (query.status) {
    case undefined:
      break;
    case "open":
      where.status = { not: "done" };
      break;
    case "overdue":
      where.status = { not: "done" };
      where.dueDate = { lt: day };
      break;
    case "due_soon":
      where.status = { not: "done" };
      where.dueDate = { gte: day, lte: addDays(day, DUE_SOON_DAYS) };
      break;
    default:
      where.status = query.status;
  }
  const rows = await db.milestone.findMany({ where, orderBy: [{ dueDate: "asc" }, { title: "asc" }], select: MILESTONE_SELECT });
  return rows.map((row) => ({ ...row, dueState: dueState(row.dueDate, row.status === "done", day) as DueState }));
}

export type MilestoneRow = Awaited<ReturnType<typeof listMilestones>>[number];

/** One milestone of the project with its due state; 404 when it belongs to another project or does not exist. */
export async function getMilestone(projectId: string, milestoneId: string, now = new Date()) {
  const row = await db.milestone.findFirst({ where: { id: milestoneId, projectId }, select: MILESTONE_SELECT });
  if (!row) notFound();
  return { ...row, dueState: dueState(row.dueDate, row.status === "done", today(now)) as DueState };
}

/** Owner and action field must belong to the project; otherwise a field error (nothing is written). */
async function checkReferences(tx: Tx, projectId: string, data: Pick<MilestoneData, "ownerUserId" | "actionFieldId">) {
  const errors: Record<string, ["validation.invalid"]> = {};
  const [owner, field] = await Promise.all([
    data.ownerUserId ? tx.projectMembership.findFirst({ where: { projectId, userId: data.ownerUserId }, select: { id: true } }) : null,
    data.actionFieldId
      ? tx.projectActionField.findFirst({ where: { projectId, actionFieldId: data.actionFieldId }, select: { projectId: true } })
      : null,
  ]);
  if (data.ownerUserId && !owner) errors.ownerUserId = ["validation.invalid"];
  if (data.actionFieldId && !field) errors.actionFieldId = ["validation.invalid"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** A completion date may not lie in the future. */
function checkCompletedAt(completedAt: Date | null, now: Date) {
  if (completedAt && completedAt.getTime() > today(now).getTime()) {
    throw new ValidationError({ completedAt: ["milestones.completedInFuture"] });
  }
}

/** The stored values for a validated form: done ⇒ completion date (default today); other statuses ⇒ none. */
function storedValues(data: MilestoneData, now: Date) {
  const completedAt = data.status === "done" ? (data.completedAt ?? today(now)) : null;
  checkCompletedAt(completedAt, now);
  return { ...data, status: data.status as MilestoneStatus, completedAt };
}

/** Creates a milestone; validates the input (ValidationError, nothing written) and audits the creation. */
export async function createMilestone(projectId: string, userId: string, input: MilestoneInput | FormValues, now = new Date()) {
  const data = storedValues(parseInput(MilestoneSchema, input), now);
  return db.$transaction(async (tx) => {
    await checkReferences(tx, projectId, data);
    const created = await tx.milestone.create({ data: { ...data, projectId }, select: { id: true, version: true } });
    await recordAudit(tx, {
      userId,
      projectId,
      action: "create",
      entity: ENTITY,
      entityId: created.id,
      fields: Object.keys(data).filter((key) => data[key as keyof typeof data] !== null),
    });
    return created;
  });
}

/**
 * Applies `data` when the stored version is still `version`; bumps the version and audits the changed
 * field names. A stale version is a conflict (form error "error.conflict"), a foreign id a 404.
 */
async function applyUpdate(
  tx: Tx,
  params: { projectId: string; userId: string; milestoneId: string; version: number; data: Record<string, unknown>; note?: string },
) {
  const before = await tx.milestone.findFirst({ where: { id: params.milestoneId, projectId: params.projectId } });
  if (!before) notFound();
  if (before.version !== params.version) throw new ValidationError({}, ["error.conflict"]);
  const fields = changedFields(before as unknown as Record<string, unknown>, params.data);
  // why: updateMany with the version in the filter makes the check and the write one atomic step.
  const result = await tx.milestone.updateMany({
    where: { id: params.milestoneId, projectId: params.projectId, version: params.version },
    data: { ...params.data, version: { increment: 1 } },
  });
  if (result.count !== 1) throw new ValidationError({}, ["error.conflict"]);
  await recordAudit(tx, { userId: params.userId, projectId: params.projectId, action: "update", entity: ENTITY, entityId: params.milestoneId, fields, note: params.note });
  return { id: params.milestoneId, version: params.version + 1, changed: fields };
}

/** Edits a milestone the editor read at `version`; validation and conflicts throw, nothing is written then. */
export async function updateMilestone(projectId: string, userId: string, milestoneId: string, version: number, input: MilestoneInput | FormValues, now = new Date()) {
  const data = storedValues(parseInput(MilestoneSchema, input), now);
  return db.$transaction(async (tx) => {
    await checkReferences(tx, projectId, data);
    return applyUpdate(tx, { projectId, userId, milestoneId, version, data });
  });
}

/** Marks a milestone done with its completion date (default today) and optional evidence note. */
export async function completeMilestone(projectId: string, userId: string, milestoneId: string, version: number, input: MilestoneCompleteInput | FormValues, now = new Date()) {
  const parsed = parseInput(MilestoneCompleteSchema, input);
  const completedAt = parsed.completedAt ?? today(now);
  checkCompletedAt(completedAt, now);
  return db.$transaction((tx) =>
    applyUpdate(tx, { projectId, userId, milestoneId, version, data: { status: "done", completedAt, evidenceNote: parsed.evidenceNote }, note: "complete" }),
  );
}

/** Deletes a milestone the user read at `version` (audited). */
export async function deleteMilestone(projectId: string, userId: string, milestoneId: string, version: number) {
  await db.$transaction(async (tx) => {
    const existing = await tx.milestone.findFirst({ where: { id: milestoneId, projectId }, select: { version: true } });
    if (!existing) notFound();
    const result = await tx.milestone.deleteMany({ where: { id: milestoneId, projectId, version } });
    if (result.count !== 1) throw new ValidationError({}, ["error.conflict"]);
    await recordAudit(tx, { userId, projectId, action: "delete", entity: ENTITY, entityId: milestoneId });
  });
}
