// Programme areas (Programmgebiete) are global: several projects can work in the same area. Only
// admins change them; every change is audited (field names only).
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { isUniqueConstraintError } from "~/utils/prisma-errors";
import { ValidationError } from "~/utils/validation";
import { AreaInputSchema, type AreaInput, type AreaInputValues } from "./schema";

/** Placeholder for areas created from a bare name (`biwaq project create --areas`); an admin completes them. */
export const UNKNOWN_PLACE = "unbekannt";

const key = (municipality: string, name: string) => `${municipality.toLocaleLowerCase("de")}\u0000${name.toLocaleLowerCase("de")}`;
const duplicateArea = () => new ValidationError({ name: ["admin.areas.duplicate"] });

// why: the database's unique index is case-sensitive; "Grünau" and "grünau" in Leipzig are the same place.
async function assertUniqueName(tx: Tx, input: AreaInput, exceptId?: string): Promise<void> {
  const candidates = await tx.programmeArea.findMany({ select: { id: true, name: true, municipality: true } });
  const wanted = key(input.municipality, input.name);
  if (candidates.some((area) => area.id !== exceptId && key(area.municipality, area.name) === wanted)) throw duplicateArea();
}

/** All areas with the number of projects working in them, by municipality and name. */
export async function listAreas() {
  const areas = await db.programmeArea.findMany({
    orderBy: [{ municipality: "asc" }, { name: "asc" }],
    select: {
      id: true, name: true, municipality: true, federalState: true, regionCategory: true, sizeHectares: true, inhabitants: true,
      _count: { select: { projects: true } },
    },
  });
  return areas.map(({ _count, ...area }) => ({ ...area, projectCount: _count.projects }));
}

/** Areas for project forms: id, name, municipality. */
export async function listAreaOptions() {
  return db.programmeArea.findMany({ orderBy: [{ municipality: "asc" }, { name: "asc" }], select: { id: true, name: true, municipality: true } });
}

/** One area with the projects that use it; 404 when unknown. */
export async function getArea(areaId: string) {
  const area = await db.programmeArea.findUnique({
    where: { id: areaId },
    include: { projects: { select: { isCore: true, project: { select: { id: true, code: true, title: true } } } } },
  });
  if (!area) notFound();
  return area;
}

/** Creates an area; a second area of the same name in the same municipality is a field error on `name`. */
export async function createArea(input: AreaInputValues, actorId: string | null): Promise<{ id: string }> {
  const values = parseInput(AreaInputSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      await assertUniqueName(tx, values);
      const area = await tx.programmeArea.create({ data: values, select: { id: true } });
      const fields = Object.entries(values).filter(([, value]) => value !== null).map(([field]) => field);
      await recordAudit(tx, { userId: actorId, action: "create", entity: "ProgrammeArea", entityId: area.id, fields });
      return area;
    });
  } catch (error) {
    if (isUniqueConstraintError(error)) throw duplicateArea();
    throw error;
  }
}

/** Updates every field of the area; unchanged input writes nothing. */
export async function updateArea(areaId: string, input: AreaInputValues, actorId: string | null): Promise<void> {
  const values = parseInput(AreaInputSchema, input);
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.programmeArea.findUnique({ where: { id: areaId } });
      if (!before) notFound();
      await assertUniqueName(tx, values, areaId);
      const fields = changedFields(before, values);
      if (fields.length === 0) return;
      await tx.programmeArea.update({ where: { id: areaId }, data: values });
      await recordAudit(tx, { userId: actorId, action: "update", entity: "ProgrammeArea", entityId: areaId, fields });
    });
  } catch (error) {
    if (isUniqueConstraintError(error)) throw duplicateArea();
    throw error;
  }
}

/**
 * Area ids for bare area names (the CLI's `--areas "A;B"`): a name matches an existing area
 * case-insensitively in any municipality (the oldest one when several share the name). A name that
 * matches nothing creates a new area with municipality and federal state "unbekannt" and region
 * category "transition", to be completed by an admin on /admin/areas. Runs in the caller's transaction.
 */
export async function resolveAreaNames(tx: Tx, names: string[], actorId: string | null): Promise<string[]> {
  const wanted = [...new Map(names.map((n) => n.trim()).filter(Boolean).map((n) => [n.toLocaleLowerCase("de"), n])).values()];
  if (wanted.length === 0) return [];
  const existing = await tx.programmeArea.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } });
  const ids: string[] = [];
  for (const name of wanted) {
    const match = existing.find((area) => area.name.toLocaleLowerCase("de") === name.toLocaleLowerCase("de"));
    if (match) {
      ids.push(match.id);
      continue;
    }
    if (name.length > 120) throw new ValidationError({ areaNames: ["validation.tooLong"] });
    const area = await tx.programmeArea.create({
      data: { name, municipality: UNKNOWN_PLACE, federalState: UNKNOWN_PLACE, regionCategory: "transition" },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      userId: actorId,
      action: "create",
      entity: "ProgrammeArea",
      entityId: area.id,
      fields: ["name", "municipality", "federalState", "regionCategory"],
      note: "created from area name",
    });
    existing.push(area);
    ids.push(area.id);
  }
  return ids;
}
