// Test fixtures of the steering area (milestones, partners, targets, to-do list): small factories that
// write straight into the test database, and a matcher for thrown responses. Used by *.test.ts only.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";

export const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const suffix = () => randomBytes(4).toString("hex");

export async function createUser(name = "Test User") {
  return db.user.create({ data: { email: `${suffix()}@test.biwaq`, name, passwordHash: "x" }, select: { id: true, name: true } });
}

export async function createActionField(code = `HF-${suffix()}`) {
  return db.actionField.create({ data: { code, name: `Handlungsfeld ${code}` }, select: { id: true, code: true } });
}

export async function createArea(name = `Gebiet ${suffix()}`) {
  return db.programmeArea.create({
    data: { name, municipality: "Forst (Lausitz)", federalState: "Brandenburg", regionCategory: "transition" },
    select: { id: true, name: true },
  });
}

export interface ProjectFixture {
  id: string;
  code: string;
  actionFieldIds: string[];
  areaIds: string[];
}

/** A project with `areas` programme areas and `actionFields` action fields of its own. */
export async function createProject(options: { start?: string; end?: string; areas?: number; actionFields?: number; status?: "planned" | "active" | "closed"; title?: string } = {}): Promise<ProjectFixture> {
  const code = `P-${suffix()}`;
  const areas = await Promise.all(Array.from({ length: options.areas ?? 1 }, () => createArea()));
  const fields = await Promise.all(Array.from({ length: options.actionFields ?? 1 }, () => createActionField()));
  const project = await db.project.create({
    data: {
      code,
      title: options.title ?? `Projekt ${code}`,
      startDate: day(options.start ?? "2020-01-01"),
      endDate: day(options.end ?? "2022-12-31"),
      status: options.status ?? "active",
      areas: { create: areas.map((a) => ({ areaId: a.id })) },
      actionFields: { create: fields.map((f) => ({ actionFieldId: f.id })) },
    },
    select: { id: true, code: true },
  });
  return { ...project, areaIds: areas.map((a) => a.id), actionFieldIds: fields.map((f) => f.id) };
}

export async function addMember(projectId: string, userId: string, role: ProjectRole) {
  await db.projectMembership.create({ data: { projectId, userId, role } });
}

let participantCounter = 0;

/** A complete participant (unless `isComplete: false`), female, inactive, ISCED 3–4, 40 years at entry. */
export async function createParticipant(projectId: string, values: Record<string, unknown> = {}) {
  participantCounter++;
  return db.participant.create({
    data: {
      projectId,
      participantNo: `TN-${participantCounter}-${suffix()}`,
      gender: "female",
      ageAtEntry: 40,
      employmentStatus: "inactive",
      educationLevel: "isced_3_4",
      entryDate: day("2020-06-01"),
      isComplete: true,
      missingFields: "",
      ...values,
    } as never,
    select: { id: true },
  });
}

export async function createOrganisation(projectId: string, values: Record<string, unknown> = {}) {
  return db.organisation.create({
    data: { projectId, name: `Betrieb ${suffix()}`, kind: "business", sizeClass: "micro", ...values } as never,
    select: { id: true },
  });
}

/** An activity of a fresh activity type in the project's first action field. */
export async function createActivity(project: ProjectFixture, values: { startsAt: Date; areaId?: string | null; durationMinutes?: number }) {
  const type = await db.activityType.create({
    data: { projectId: project.id, actionFieldId: project.actionFieldIds[0], name: `Typ ${suffix()}` },
    select: { id: true },
  });
  return db.activity.create({
    data: {
      projectId: project.id,
      typeId: type.id,
      actionFieldId: project.actionFieldIds[0],
      title: "Bewerbungstraining",
      startsAt: values.startsAt,
      durationMinutes: values.durationMinutes ?? 90,
      areaId: values.areaId ?? null,
    },
    select: { id: true },
  });
}

export async function attend(activityId: string, participantId: string, minutes: number, present = true) {
  await db.attendance.create({ data: { activityId, participantId, minutes, present } });
}

/** Audit events of one record, oldest first, with parsed field lists. */
export async function auditOf(entity: string, entityId: string) {
  const rows = await db.auditEvent.findMany({ where: { entity, entityId }, orderBy: { at: "asc" } });
  return rows.map((row) => ({ ...row, fields: JSON.parse(row.fields) as string[] }));
}

/** Asserts that `promise` rejects with a thrown response of `status` (e.g. 404 for another project's id). */
export async function expectStatus(promise: Promise<unknown>, status: number) {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "expected a thrown response").toBeTruthy();
  const actual = (thrown as { init?: { status?: number }; status?: number }).init?.status ?? (thrown as { status?: number }).status;
  expect(actual).toBe(status);
}

/** A request carrying a fresh session of the user (GET, or POST with a form body). */
export async function requestAs(userId: string, path: string, form?: Record<string, string>): Promise<Request> {
  const { createUserSession } = await import("~/utils/session.server");
  const cookie = (await createUserSession(userId, "vitest")).split(";")[0];
  if (!form) return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(form) });
}

/** "ok" when the handler answered (data, redirect or a 400 form answer), else the thrown response's status. */
export async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    const status = (thrown as { init?: { status?: number } })?.init?.status;
    if (status) return status;
    throw thrown;
  }
}
