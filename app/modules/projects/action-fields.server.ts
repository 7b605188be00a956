// Action fields (Handlungsfelder): a global, editable list (HF 1, HF 2, older rounds' urban
// development …). One that is in use is deactivated instead of deleted, so history stays intact.
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { isUniqueConstraintError } from "~/utils/prisma-errors";
import { ValidationError } from "~/utils/validation";
import { ActionFieldInputSchema, type ActionFieldInputValues } from "./schema";

const codeTaken = () => new ValidationError({ code: ["admin.actionFields.codeTaken"] });

const USAGE = { projects: true, activityTypes: true, activities: true, milestones: true, narratives: true } as const;

async function usageCount(client: Tx, actionFieldId: string): Promise<number> {
  const found = await client.actionField.findUnique({ where: { id: actionFieldId }, select: { _count: { select: USAGE } } });
  if (!found) notFound();
  return Object.values(found._count).reduce((sum, count) => sum + count, 0);
}

/** All action fields in display order, with how many projects use each and whether anything refers to it. */
export async function listActionFields() {
  const fields = await db.actionField.findMany({
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, nameEn: true, description: true, sortOrder: true, active: true, _count: { select: USAGE } },
  });
  return fields.map(({ _count, ...field }) => ({
    ...field,
    projectCount: _count.projects,
    inUse: Object.values(_count).some((count) => count > 0),
  }));
}

/** Action fields offered in project forms: the active ones plus inactive ones in `keepIds` (already assigned). */
export async function listActionFieldOptions(keepIds: string[] = []) {
  return db.actionField.findMany({
    where: { OR: [{ active: true }, { id: { in: keepIds } }] },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, nameEn: true, active: true },
  });
}

/** One action field and whether anything refers to it; 404 when unknown. */
export async function getActionField(actionFieldId: string) {
  const found = await db.actionField.findUnique({ where: { id: actionFieldId }, include: { _count: { select: USAGE } } });
  if (!found) notFound();
  const { _count, ...field } = found;
  return { ...field, inUse: Object.values(_count).some((count) => count > 0) };
}

/** Creates an action field; a code that exists already is a field error. */
export async function createActionField(input: ActionFieldInputValues, actorId: string | null): Promise<{ id: string }> {
  const values = parseInput(ActionFieldInputSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.actionField.findUnique({ where: { code: values.code }, select: { id: true } })) throw codeTaken();
      const field = await tx.actionField.create({ data: values, select: { id: true } });
      const fields = Object.entries(values).filter(([, value]) => value !== null).map(([name]) => name);
      await recordAudit(tx, { userId: actorId, action: "create", entity: "ActionField", entityId: field.id, fields });
      return field;
    });
  } catch (error) {
    if (isUniqueConstraintError(error)) throw codeTaken();
    throw error;
  }
}

/** Updates code, names, description, order and the active flag; unchanged input writes nothing. */
export async function updateActionField(actionFieldId: string, input: ActionFieldInputValues, actorId: string | null): Promise<void> {
  const values = parseInput(ActionFieldInputSchema, input);
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.actionField.findUnique({ where: { id: actionFieldId } });
      if (!before) notFound();
      if (values.code !== before.code && (await tx.actionField.findUnique({ where: { code: values.code }, select: { id: true } }))) throw codeTaken();
      const fields = changedFields(before, values);
      if (fields.length === 0) return;
      await tx.actionField.update({ where: { id: actionFieldId }, data: values });
      await recordAudit(tx, { userId: actorId, action: "update", entity: "ActionField", entityId: actionFieldId, fields });
    });
  } catch (error) {
    if (isUniqueConstraintError(error)) throw codeTaken();
    throw error;
  }
}

/**
 * Removes an action field: deleted when nothing refers to it, otherwise only deactivated (projects,
 * activities, milestones and reports keep pointing at it). Returns which of the two happened.
 */
export async function removeActionField(actionFieldId: string, actorId: string | null): Promise<"deleted" | "deactivated"> {
  return db.$transaction(async (tx) => {
    if ((await usageCount(tx, actionFieldId)) > 0) {
      await tx.actionField.update({ where: { id: actionFieldId }, data: { active: false } });
      await recordAudit(tx, { userId: actorId, action: "update", entity: "ActionField", entityId: actionFieldId, fields: ["active"], note: "in use: deactivated instead of deleted" });
      return "deactivated" as const;
    }
    await tx.actionField.delete({ where: { id: actionFieldId } });
    await recordAudit(tx, { userId: actorId, action: "delete", entity: "ActionField", entityId: actionFieldId });
    return "deleted" as const;
  });
}
