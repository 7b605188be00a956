// Targets of a project (per project, optionally per year and programme area) and the manually entered
// actuals of custom targets. Every query carries the project id: another project's target is not found.
// Every change writes an audit entry (field names only) in the same transaction. Edits and deletes of a
// target name the version they read (optimistic concurrency): a save over someone else's newer save is
// refused with what changed since (VersionConflictError), never applied silently.
import { versionConflict } from "~/modules/audit/conflict.server";
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput, type FormValues } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { ValidationError, type FieldErrors } from "~/utils/validation";
import { targetPeriod } from "./progress";
import { CUSTOM_INDICATOR, TargetActualSchema, TargetSchema, type TargetActualInput, type TargetData, type TargetInput } from "./schema";

const ENTITY = "Target";
const ACTUAL_ENTITY = "TargetActual";

export { computeTargetProgress } from "./actuals.server";

export interface TargetOptions {
  /** Calendar years the project runs in. */
  years: number[];
  areas: { id: string; name: string }[];
  startDate: Date;
  endDate: Date;
}

/** What a target form can choose: the project's years and programme areas. */
export async function listTargetOptions(projectId: string): Promise<TargetOptions> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { startDate: true, endDate: true, areas: { select: { area: { select: { id: true, name: true } } } } },
  });
  if (!project) notFound();
  const years: number[] = [];
  for (let y = project.startDate.getUTCFullYear(); y <= project.endDate.getUTCFullYear(); y++) years.push(y);
  return {
    years,
    areas: project.areas.map((a) => a.area).sort((a, b) => a.name.localeCompare(b.name, "de")),
    startDate: project.startDate,
    endDate: project.endDate,
  };
}

/** One target of the project with its manual actuals (newest first); 404 for another project's target. */
export async function getTarget(projectId: string, targetId: string) {
  const target = await db.target.findFirst({
    where: { id: targetId, projectId },
    select: {
      id: true, indicator: true, customName: true, year: true, areaId: true, targetValue: true, note: true, version: true, updatedAt: true,
      area: { select: { name: true } },
      actuals: { orderBy: [{ date: "desc" }, { createdAt: "desc" }], select: { id: true, date: true, value: true, note: true } },
    },
  });
  if (!target) notFound();
  return target;
}

/**
 * Checks what only the project knows: the year lies in the project duration, the area is one of the
 * project's, and no other target has the same indicator and scope (custom targets: the same name).
 */
async function checkScope(tx: Tx, projectId: string, data: TargetData, exceptId?: string) {
  const [project, area, twin] = await Promise.all([
    tx.project.findUnique({ where: { id: projectId }, select: { startDate: true, endDate: true } }),
    data.areaId ? tx.projectArea.findFirst({ where: { projectId, areaId: data.areaId }, select: { areaId: true } }) : null,
    tx.target.findFirst({
      where: {
        projectId,
        indicator: data.indicator,
        year: data.year,
        areaId: data.areaId,
        customName: data.customName,
        ...(exceptId ? { id: { not: exceptId } } : {}),
      },
      select: { id: true },
    }),
  ]);
  if (!project) notFound();
  const errors: FieldErrors = {};
  if (data.year !== null && !targetPeriod(project, data.year)) errors.year = ["targets.yearOutsideProject"];
  if (data.areaId && !area) errors.areaId = ["validation.invalid"];
  if (twin) errors.indicator = ["targets.duplicate"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** Creates a target (ValidationError and nothing written on bad input); audited. */
export async function createTarget(projectId: string, userId: string, input: TargetInput | FormValues) {
  const data = parseInput(TargetSchema, input);
  return db.$transaction(async (tx) => {
    await checkScope(tx, projectId, data);
    const created = await tx.target.create({ data: { ...data, projectId }, select: { id: true, version: true } });
    const fields = Object.keys(data).filter((key) => data[key as keyof TargetData] !== null);
    await recordAudit(tx, { userId, projectId, action: "create", entity: ENTITY, entityId: created.id, fields });
    return created;
  });
}

/** The conflict of a save that read `version`: what is stored now and what changed since (404 when deleted meanwhile). */
async function staleVersion(tx: Tx, projectId: string, targetId: string, version: number) {
  const current = await tx.target.findFirst({ where: { id: targetId, projectId }, select: { version: true } });
  if (!current) notFound();
  return versionConflict(tx, { projectId, entity: ENTITY, entityId: targetId, readVersion: version, currentVersion: current.version });
}

/**
 * Edits a target the editor read at `version`. A custom target that already has entered actuals keeps
 * its indicator (the actuals would otherwise be silently ignored); delete them first. Bumps the version
 * and audits the changed field names (nothing changed: no write). A stale version throws VersionConflictError.
 */
export async function updateTarget(projectId: string, userId: string, targetId: string, version: number, input: TargetInput | FormValues) {
  const data = parseInput(TargetSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.target.findFirst({ where: { id: targetId, projectId }, include: { _count: { select: { actuals: true } } } });
    if (!before) notFound();
    if (before.version !== version) throw await staleVersion(tx, projectId, targetId, version);
    if (before.indicator === CUSTOM_INDICATOR && data.indicator !== CUSTOM_INDICATOR && before._count.actuals > 0) {
      throw new ValidationError({ indicator: ["targets.indicatorHasActuals"] });
    }
    await checkScope(tx, projectId, data, targetId);
    const { _count: _actuals, ...stored } = before;
    const fields = changedFields(stored as unknown as Record<string, unknown>, data);
    if (fields.length === 0) return { id: targetId, version, changed: fields };
    // why: the version in the filter makes the check and the write one atomic step.
    const result = await tx.target.updateMany({ where: { id: targetId, projectId, version }, data: { ...data, version: { increment: 1 } } });
    if (result.count !== 1) throw await staleVersion(tx, projectId, targetId, version);
    await recordAudit(tx, { userId, projectId, action: "update", entity: ENTITY, entityId: targetId, fields });
    return { id: targetId, version: version + 1, changed: fields };
  });
}

/** Deletes a target the user read at `version`, with its entered actuals; audited. A stale version throws VersionConflictError. */
export async function deleteTarget(projectId: string, userId: string, targetId: string, version: number) {
  await db.$transaction(async (tx) => {
    const result = await tx.target.deleteMany({ where: { id: targetId, projectId, version } });
    if (result.count !== 1) throw await staleVersion(tx, projectId, targetId, version);
    await recordAudit(tx, { userId, projectId, action: "delete", entity: ENTITY, entityId: targetId });
  });
}

/**
 * Enters an actual for a custom target. Built-in indicators are computed from the records and refuse
 * typed actuals; the date must lie in the target's period (its year within the project, or the project).
 */
export async function addTargetActual(projectId: string, userId: string, targetId: string, input: TargetActualInput | FormValues) {
  const data = parseInput(TargetActualSchema, input);
  return db.$transaction(async (tx) => {
    const target = await tx.target.findFirst({
      where: { id: targetId, projectId },
      select: { indicator: true, year: true, project: { select: { startDate: true, endDate: true } } },
    });
    if (!target) notFound();
    if (target.indicator !== CUSTOM_INDICATOR) throw new ValidationError({}, ["targets.actualsComputed"]);
    const period = targetPeriod(target.project, target.year);
    if (!period || data.date.getTime() < period.from.getTime() || data.date.getTime() > period.to.getTime()) {
      throw new ValidationError({ date: ["targets.actualOutsidePeriod"] });
    }
    const created = await tx.targetActual.create({ data: { ...data, targetId }, select: { id: true } });
    const fields = Object.keys(data).filter((key) => data[key as keyof typeof data] !== null);
    await recordAudit(tx, { userId, projectId, action: "create", entity: ACTUAL_ENTITY, entityId: created.id, fields, note: `target ${targetId}` });
    return created;
  });
}

/** Removes an entered actual of a target of the project; audited. */
export async function deleteTargetActual(projectId: string, userId: string, targetId: string, actualId: string) {
  await db.$transaction(async (tx) => {
    const result = await tx.targetActual.deleteMany({ where: { id: actualId, targetId, target: { projectId } } });
    if (result.count !== 1) notFound();
    await recordAudit(tx, { userId, projectId, action: "delete", entity: ACTUAL_ENTITY, entityId: actualId, note: `target ${targetId}` });
  });
}
