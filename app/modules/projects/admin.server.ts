// Project set-up by admins: the grant notice's facts, areas, action fields and the member list.
// Used by the admin screens and `biwaq project create`. Every change is audited with the project id.
// A project's action fields come with the default activity-type catalogue (created in the same
// transaction), so coordinators can log activities from the first day.
import { seedDefaultActivityTypes } from "~/modules/activities/service.server";
import { resolveAreaNames } from "~/modules/areas/service.server";
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { isUniqueConstraintError } from "~/utils/prisma-errors";
import { ValidationError } from "~/utils/validation";
import {
  ProjectCreateSchema,
  ProjectInputSchema,
  type ProjectCreateInput,
  type ProjectInput,
  type ProjectInputValues,
} from "./schema";

export type { ProjectCreateInput, ProjectInput, ProjectInputValues };

const codeTaken = () => new ValidationError({ code: ["admin.projects.codeTaken"] });

/** The Project columns of the input (areas and action fields are link tables). */
function projectData(values: ProjectInput) {
  const { areaIds: _a, coreAreaIds: _c, actionFieldIds: _f, ...data } = values;
  return data;
}

type AreaLink = { areaId: string; isCore: boolean };

/** Unknown area or action-field ids are field errors (a stale form, or a crafted request). */
async function assertLinksExist(tx: Tx, areaIds: string[], actionFieldIds: string[]): Promise<void> {
  const [areas, fields] = await Promise.all([
    areaIds.length ? tx.programmeArea.count({ where: { id: { in: areaIds } } }) : 0,
    actionFieldIds.length ? tx.actionField.count({ where: { id: { in: actionFieldIds } } }) : 0,
  ]);
  const errors: Record<string, ["validation.invalid"]> = {};
  if (areas !== areaIds.length) errors.areaIds = ["validation.invalid"];
  if (fields !== actionFieldIds.length) errors.actionFieldIds = ["validation.invalid"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** Action-field codes (any case) → ids; an unknown code is a field error on `actionFieldCodes`. */
async function resolveActionFieldCodes(tx: Tx, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const wanted = codes.map((code) => code.toUpperCase());
  const fields = await tx.actionField.findMany({ where: { code: { in: wanted } }, select: { id: true, code: true } });
  if (wanted.some((code) => !fields.some((f) => f.code === code))) throw new ValidationError({ actionFieldCodes: ["validation.invalid"] });
  return wanted.map((code) => fields.find((f) => f.code === code)!.id);
}

const sameAreas = (a: AreaLink[], b: AreaLink[]) => {
  const text = (links: AreaLink[]) => links.map((l) => `${l.areaId}:${l.isCore}`).sort().join(",");
  return text(a) === text(b);
};
const sameIds = (a: string[], b: string[]) => [...a].sort().join(",") === [...b].sort().join(",");

/**
 * Creates a project with its areas and action fields. Only code, title, start and end are required;
 * everything else takes the model's defaults. `areaNames` are matched against existing areas by name
 * (case-insensitive); names without a match become new areas with municipality / federal state
 * "unbekannt" and region category "transition" (see resolveAreaNames). Areas given by name are core
 * areas; areas given by id are core when listed in coreAreaIds. Action fields are given by id or by code
 * (`actionFieldCodes`, unknown codes are a field error). Each action field gets the default
 * activity-type catalogue (audited). Bad input or a taken code throws a ValidationError and writes nothing.
 */
export async function createProject(input: ProjectCreateInput, actorId: string | null): Promise<{ id: string; code: string }> {
  const { areaNames, actionFieldCodes, ...values } = parseInput(ProjectCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.project.findUnique({ where: { code: values.code }, select: { id: true } })) throw codeTaken();
      for (const id of await resolveActionFieldCodes(tx, actionFieldCodes)) if (!values.actionFieldIds.includes(id)) values.actionFieldIds.push(id);
      await assertLinksExist(tx, values.areaIds, values.actionFieldIds);
      const areas: AreaLink[] = values.areaIds.map((areaId) => ({ areaId, isCore: values.coreAreaIds.includes(areaId) }));
      for (const areaId of await resolveAreaNames(tx, areaNames, actorId)) {
        if (!areas.some((a) => a.areaId === areaId)) areas.push({ areaId, isCore: true });
      }
      const data = projectData(values);
      const project = await tx.project.create({ data, select: { id: true, code: true } });
      if (areas.length) await tx.projectArea.createMany({ data: areas.map((a) => ({ ...a, projectId: project.id })) });
      if (values.actionFieldIds.length) {
        await tx.projectActionField.createMany({ data: values.actionFieldIds.map((actionFieldId) => ({ projectId: project.id, actionFieldId })) });
      }
      const fields = Object.entries(data).filter(([, value]) => value !== null).map(([name]) => name);
      if (areas.length) fields.push("areas");
      if (values.actionFieldIds.length) fields.push("actionFields");
      await recordAudit(tx, { userId: actorId, projectId: project.id, action: "create", entity: "Project", entityId: project.id, fields });
      await seedDefaultActivityTypes(tx, project.id, actorId);
      return project;
    });
  } catch (error) {
    if (isUniqueConstraintError(error)) throw codeTaken();
    throw error;
  }
}

/**
 * Replaces every field, the area list and the action fields of a project; 404 when it does not exist.
 * An action field added here gets the default activity-type catalogue unless it already has types.
 */
export async function updateProject(projectId: string, input: ProjectInputValues, actorId: string | null): Promise<void> {
  const values = parseInput(ProjectInputSchema, input);
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.project.findUnique({
        where: { id: projectId },
        include: { areas: { select: { areaId: true, isCore: true } }, actionFields: { select: { actionFieldId: true } } },
      });
      if (!before) notFound();
      if (values.code !== before.code && (await tx.project.findUnique({ where: { code: values.code }, select: { id: true } }))) throw codeTaken();
      await assertLinksExist(tx, values.areaIds, values.actionFieldIds);
      const data = projectData(values);
      const fields = changedFields(before, data);
      let seedFor: string[] = [];
      if (fields.length) await tx.project.update({ where: { id: projectId }, data });
      const areas: AreaLink[] = values.areaIds.map((areaId) => ({ areaId, isCore: values.coreAreaIds.includes(areaId) }));
      if (!sameAreas(before.areas, areas)) {
        await tx.projectArea.deleteMany({ where: { projectId } });
        if (areas.length) await tx.projectArea.createMany({ data: areas.map((a) => ({ ...a, projectId })) });
        fields.push("areas");
      }
      if (!sameIds(before.actionFields.map((f) => f.actionFieldId), values.actionFieldIds)) {
        await tx.projectActionField.deleteMany({ where: { projectId } });
        if (values.actionFieldIds.length) {
          await tx.projectActionField.createMany({ data: values.actionFieldIds.map((actionFieldId) => ({ projectId, actionFieldId })) });
        }
        fields.push("actionFields");
        const added = values.actionFieldIds.filter((id) => !before.actionFields.some((f) => f.actionFieldId === id));
        // why: after the project audit entry, so the log reads "project changed, then catalogue created".
        if (added.length) seedFor = added;
      }
      if (fields.length) await recordAudit(tx, { userId: actorId, projectId, action: "update", entity: "Project", entityId: projectId, fields });
      if (seedFor.length) await seedDefaultActivityTypes(tx, projectId, actorId, seedFor);
    });
  } catch (error) {
    if (isUniqueConstraintError(error)) throw codeTaken();
    throw error;
  }
}

/** Every project for the admin list, newest start first, with member and area counts. */
export async function listProjectsForAdmin() {
  const projects = await db.project.findMany({
    orderBy: [{ startDate: "desc" }, { code: "asc" }],
    select: {
      id: true, code: true, title: true, sponsor: true, status: true, startDate: true, endDate: true,
      _count: { select: { memberships: true, areas: true } },
    },
  });
  return projects.map(({ _count, ...project }) => ({ ...project, memberCount: _count.memberships, areaCount: _count.areas }));
}

/** Projects for selects (assigning a user a role): id, code, title. */
export async function listProjectOptions() {
  return db.project.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, title: true } });
}

/** Everything the admin edit page shows: fields, area links, action fields and members; 404 when unknown. */
export async function getProjectForAdmin(projectId: string) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    include: {
      areas: { select: { areaId: true, isCore: true } },
      actionFields: { select: { actionFieldId: true } },
      memberships: {
        select: { role: true, user: { select: { id: true, name: true, email: true, active: true } } },
        orderBy: { user: { name: "asc" } },
      },
    },
  });
  if (!project) notFound();
  const { areas, actionFields, memberships, ...fields } = project;
  return {
    ...fields,
    areaIds: areas.map((a) => a.areaId),
    coreAreaIds: areas.filter((a) => a.isCore).map((a) => a.areaId),
    actionFieldIds: actionFields.map((f) => f.actionFieldId),
    members: memberships.map((m) => ({ ...m.user, role: m.role })),
  };
}
