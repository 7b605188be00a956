// Reporting periods of a project (Berichtszeiträume): a lead adds and closes them, an administrator
// reopens a closed one with a reason. Every query carries the project id; every change writes an audit
// entry in the same transaction. The lock itself is enforced by lock.server.ts in the other services.
import { recordAudit } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { ValidationError } from "~/utils/validation";
import { isClosed } from "./lock.server";
import { PeriodCreateSchema, PeriodReopenSchema, type PeriodCreateInput, type PeriodReopenInput } from "./schema";

const ENTITY = "ReportingPeriod";

export interface Actor {
  id: string;
}

export type PeriodStatus = "open" | "closed" | "reopened";

/** Status of a period row: never closed, closed now, or reopened after its last close. */
export function periodStatus(period: { lockedAt: Date | null; reopenedAt: Date | null }): PeriodStatus {
  if (!period.lockedAt) return "open";
  return isClosed(period) ? "closed" : "reopened";
}

/** The project's periods, oldest first, with status and the names of who closed / reopened them. */
export async function listPeriods(projectId: string) {
  const periods = await db.reportingPeriod.findMany({
    where: { projectId },
    orderBy: { start: "asc" },
    select: { id: true, start: true, end: true, lockedAt: true, lockedById: true, reopenedAt: true, reopenedById: true },
  });
  const userIds = [...new Set(periods.flatMap((p) => [p.lockedById, p.reopenedById]).filter((id): id is string => !!id))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return periods.map((p) => ({
    ...p,
    status: periodStatus(p),
    lockedByName: p.lockedById ? names.get(p.lockedById) ?? null : null,
    reopenedByName: p.reopenedById ? names.get(p.reopenedById) ?? null : null,
  }));
}

export interface PeriodPreset {
  kind: "year" | "firstHalf" | "secondHalf";
  year: number;
  start: Date;
  end: Date;
}

/**
 * Calendar years and half-years that lie inside the project's duration and overlap no existing period
 * of the project (the quick choices of the add form), oldest first.
 */
export async function listPeriodPresets(projectId: string): Promise<PeriodPreset[]> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { startDate: true, endDate: true } });
  if (!project) notFound();
  const existing = await db.reportingPeriod.findMany({ where: { projectId }, select: { start: true, end: true } });
  const presets: PeriodPreset[] = [];
  for (let year = project.startDate.getUTCFullYear(); year <= project.endDate.getUTCFullYear(); year++) {
    const candidates: PeriodPreset[] = [
      { kind: "year", year, start: utcDay(year, 0, 1), end: utcDay(year, 11, 31) },
      { kind: "firstHalf", year, start: utcDay(year, 0, 1), end: utcDay(year, 5, 30) },
      { kind: "secondHalf", year, start: utcDay(year, 6, 1), end: utcDay(year, 11, 31) },
    ];
    for (const candidate of candidates) {
      // why: a year that starts or ends inside the project is offered clipped to the project's days.
      const start = candidate.start < project.startDate ? project.startDate : candidate.start;
      const end = candidate.end > project.endDate ? project.endDate : candidate.end;
      if (start > end) continue;
      if (existing.some((p) => p.start <= end && p.end >= start)) continue;
      presets.push({ ...candidate, start, end });
    }
  }
  return presets;
}

function utcDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day));
}

async function findPeriod(client: Tx, projectId: string, periodId: string) {
  const period = await client.reportingPeriod.findFirst({ where: { id: periodId, projectId } });
  if (!period) notFound();
  return period;
}

/**
 * Adds a period: start ≤ end, both inside the project's duration, no overlap with another period of
 * the project (a day belongs to at most one period). Audited as "create".
 */
export async function createPeriod(projectId: string, input: PeriodCreateInput, actor: Actor): Promise<{ id: string }> {
  const data = parseInput(PeriodCreateSchema, input);
  if (data.start > data.end) throw new ValidationError({ end: ["periods.endBeforeStart"] });
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId }, select: { startDate: true, endDate: true } });
    if (!project) notFound();
    if (data.start < project.startDate || data.end > project.endDate) throw new ValidationError({}, ["periods.outsideProject"]);
    const overlapping = await tx.reportingPeriod.findFirst({ where: { projectId, start: { lte: data.end }, end: { gte: data.start } }, select: { id: true } });
    if (overlapping) throw new ValidationError({}, ["periods.overlap"]);
    const period = await tx.reportingPeriod.create({ data: { projectId, start: data.start, end: data.end }, select: { id: true } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "create", entity: ENTITY, entityId: period.id, fields: ["start", "end"] });
    return period;
  });
}

/** Closes an open or reopened period (lead, `period:lock`); closing a closed one is refused. Audited as "lock". */
export async function closePeriod(projectId: string, periodId: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const period = await findPeriod(tx, projectId, periodId);
    if (isClosed(period)) throw new ValidationError({}, ["periods.alreadyClosed"]);
    // why: "closed" compares lockedAt with reopenedAt, so a re-close must be strictly later than the reopening.
    const now = Date.now();
    const lockedAt = new Date(period.reopenedAt && period.reopenedAt.getTime() >= now ? period.reopenedAt.getTime() + 1 : now);
    await tx.reportingPeriod.update({ where: { id: period.id }, data: { lockedAt, lockedById: actor.id } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "lock", entity: ENTITY, entityId: period.id, fields: ["lockedAt", "lockedById"] });
  });
}

/** Reopens a closed period (administrators, `period:reopen`); the reason is required and kept in the audit note. */
export async function reopenPeriod(projectId: string, periodId: string, input: PeriodReopenInput, actor: Actor): Promise<void> {
  const data = parseInput(PeriodReopenSchema, input);
  await db.$transaction(async (tx) => {
    const period = await findPeriod(tx, projectId, periodId);
    if (!isClosed(period)) throw new ValidationError({}, ["periods.notClosed"]);
    const now = Date.now();
    const reopenedAt = new Date(Math.max(now, period.lockedAt!.getTime()));
    await tx.reportingPeriod.update({ where: { id: period.id }, data: { reopenedAt, reopenedById: actor.id } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "reopen", entity: ENTITY, entityId: period.id, fields: ["reopenedAt", "reopenedById"], note: data.reason });
  });
}

/** Deletes a period that was never closed (a mistake in its days); a closed or reopened one stays. */
export async function deletePeriod(projectId: string, periodId: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const period = await findPeriod(tx, projectId, periodId);
    if (period.lockedAt) throw new ValidationError({}, ["periods.deleteClosed"]);
    await tx.reportingPeriod.delete({ where: { id: period.id } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "delete", entity: ENTITY, entityId: period.id });
  });
}

/** Audit trail of the project's periods (create, close, reopen with reason, delete), newest first. */
export async function listPeriodAudit(projectId: string, take = 100) {
  const events = await db.auditEvent.findMany({
    where: { projectId, entity: ENTITY },
    orderBy: { at: "desc" },
    take,
    select: { id: true, at: true, action: true, entityId: true, note: true, user: { select: { name: true } } },
  });
  return events.map((e) => ({ id: e.id, at: e.at, action: e.action, periodId: e.entityId, note: e.note, userName: e.user?.name ?? null }));
}
