// Test fixtures of the activities and organisations domains: small factories writing straight into the
// test database, signed-in requests per role, and matchers for thrown responses. Used by *.test.ts only.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";
import { createUserSession } from "~/utils/session.server";
import { ValidationError } from "~/utils/validation";

export const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const suffix = () => randomBytes(4).toString("hex");

export async function createUser(name = "Test User", options: { isAdmin?: boolean } = {}) {
  return db.user.create({ data: { email: `${suffix()}@test.biwaq`, name, passwordHash: "x", isAdmin: options.isAdmin ?? false }, select: { id: true, name: true } });
}

export interface ProjectFixture {
  id: string;
  code: string;
  hf1: string;
  hf2: string;
  areaIds: string[];
}

/** A project 2020–2022 with an HF 1 and an HF 2 action field (codes unique per call) and two areas. */
export async function createProject(options: { start?: string; end?: string } = {}): Promise<ProjectFixture> {
  const code = `P-${suffix()}`;
  const [hf1, hf2] = await Promise.all(
    [`HF1`, `HF2`].map((prefix, i) =>
      db.actionField.create({ data: { code: `${prefix}-${suffix()}`, name: i === 0 ? "Nachhaltige Integration in Beschäftigung" : "Stärkung der lokalen Ökonomie" } }),
    ),
  );
  const areas = await Promise.all(
    [1, 2].map((n) =>
      db.programmeArea.create({ data: { name: `Gebiet ${n} ${suffix()}`, municipality: "Forst (Lausitz)", federalState: "Brandenburg", regionCategory: "transition" } }),
    ),
  );
  const project = await db.project.create({
    data: {
      code,
      title: `Projekt ${code}`,
      startDate: day(options.start ?? "2020-01-01"),
      endDate: day(options.end ?? "2022-12-31"),
      areas: { create: areas.map((a) => ({ areaId: a.id })) },
      actionFields: { create: [{ actionFieldId: hf1.id }, { actionFieldId: hf2.id }] },
    },
    select: { id: true, code: true },
  });
  return { ...project, hf1: hf1.id, hf2: hf2.id, areaIds: areas.map((a) => a.id) };
}

export async function addMember(projectId: string, userId: string, role: ProjectRole) {
  await db.projectMembership.create({ data: { projectId, userId, role } });
}

let participantCounter = 0;

/** A participant with an identity ("Nachname N", "Vorname N"), entered 2020-01-01 unless given. */
export async function createParticipant(projectId: string, values: { areaId?: string | null; entryDate?: Date | null; exitDate?: Date | null; lastName?: string } = {}) {
  participantCounter++;
  const n = participantCounter;
  const lastName = values.lastName ?? `Nachname${n}`;
  return db.participant.create({
    data: {
      projectId,
      participantNo: `TN-${String(n).padStart(4, "0")}`,
      areaId: values.areaId ?? null,
      entryDate: values.entryDate === undefined ? day("2020-01-01") : values.entryDate,
      exitDate: values.exitDate ?? null,
      identity: { create: { projectId, firstName: `Vorname${n}`, lastName, searchName: `${lastName} vorname${n}`.toLowerCase(), postcode: "03149" } },
    },
    select: { id: true, participantNo: true },
  });
}

export async function createParticipants(projectId: string, count: number, values: Parameters<typeof createParticipant>[1] = {}) {
  const result = [];
  for (let i = 0; i < count; i++) result.push(await createParticipant(projectId, values));
  return result;
}

export async function createActivityType(projectId: string, actionFieldId: string, name = `Art ${suffix()}`, active = true) {
  return db.activityType.create({ data: { projectId, actionFieldId, name, active }, select: { id: true, name: true } });
}

/** The audit events of one record, oldest first, with the field list parsed. */
export async function auditOf(entity: string, entityId: string) {
  const events = await db.auditEvent.findMany({ where: { entity, entityId }, orderBy: { at: "asc" } });
  return events.map((e) => ({ ...e, fields: JSON.parse(e.fields) as string[] }));
}

export async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

/** The HTTP status of a thrown response (Response or Remix `data()`), "ok" when nothing was thrown. */
export async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    const init = (thrown as { init?: { status?: number } })?.init;
    if (init?.status) return init.status;
    throw thrown;
  }
}

/** A request carrying a fresh session of the user (GET, or POST with a form body). */
export async function requestAs(userId: string, path: string, form?: Record<string, string | string[]>): Promise<Request> {
  const setCookie = await createUserSession(userId, "vitest");
  const headers = { Cookie: setCookie.split(";")[0] };
  if (!form) return new Request(`http://localhost${path}`, { headers });
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  return new Request(`http://localhost${path}`, { method: "POST", headers, body });
}
