import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import {
  parseListQuery,
  participantEntrySchema,
  participantExitSchema,
  participantFollowUpSchema,
  toEntryFormValues,
  type EntryFormValues,
  type ParticipantEntryInput,
} from "./schema";
import {
  ConflictError,
  createParticipant,
  DuplicateParticipantError,
  findDuplicatePerson,
  getParticipant,
  listAttendances,
  listParticipantHistory,
  listParticipants,
  recordExit,
  recordFollowUp,
  suggestParticipantNo,
  undoExit,
  updateParticipant,
  type Actor,
} from "./service.server";

// ---------------------------------------------------------------------------------------------- fixtures

let seq = 0;
let project: { id: string };
let otherProject: { id: string };
let areaA: { id: string };
let areaB: { id: string };
let actor: Actor;
const WRITE = { includeSensitive: true } as const;

const COMPLETE: Record<string, string> = {
  participantNo: "",
  firstName: "Anna",
  lastName: "Schmidt",
  birthDate: "1990-05-20",
  postcode: "03149",
  street: "Berliner Straße 1",
  city: "Forst (Lausitz)",
  email: "anna@example.org",
  phone: "+49 3562 1234",
  privacyNoticeDate: "2024-03-01",
  areaId: "",
  gender: "female",
  entryDate: "2024-03-01",
  employmentStatus: "unemployed",
  longTermUnemployed: "on",
  educationLevel: "isced_3_4",
  disability: "yes",
  thirdCountryNational: "no",
  foreignBackground: "no_answer",
  minority: "no_answer",
  homeless: "no",
  ruralArea: "no",
};

/** Parses form-like values through the real schema (as the route does). */
function entry(overrides: Record<string, string | undefined> = {}): ParticipantEntryInput {
  const values = { ...COMPLETE, participantNo: `T-${++seq}`, firstName: `Anna${seq}`, ...overrides };
  const parsed = participantEntrySchema.safeParse(values);
  if (!parsed.success) throw new Error(`fixture invalid: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof Response) return error.status;
  return (error as { init?: { status?: number } } | null)?.init?.status;
}

async function snapshot(id: string) {
  return {
    participant: await db.participant.findUnique({ where: { id } }),
    identity: await db.participantIdentity.findUnique({ where: { participantId: id } }),
    audit: await db.auditEvent.count({ where: { entityId: id } }),
  };
}

beforeAll(async () => {
  project = await db.project.create({ data: { code: "PCORE", title: "Mittendrin", startDate: new Date("2023-01-01"), endDate: new Date("2026-12-31") } });
  otherProject = await db.project.create({ data: { code: "PCORE-2", title: "Other", startDate: new Date("2023-01-01"), endDate: new Date("2026-12-31") } });
  areaA = await db.programmeArea.create({ data: { name: "Forster Innenstadt", municipality: "Forst (Lausitz)", federalState: "Brandenburg", regionCategory: "transition" } });
  areaB = await db.programmeArea.create({ data: { name: "Grünau", municipality: "Leipzig", federalState: "Sachsen", regionCategory: "transition" } });
  await db.projectArea.createMany({ data: [{ projectId: project.id, areaId: areaA.id }, { projectId: project.id, areaId: areaB.id }] });
  const user = await db.user.create({ data: { email: "coordinator@pcore.test", name: "Kim Koordination", passwordHash: "x" } });
  actor = { userId: user.id };
});

// ---------------------------------------------------------------------------------------------- schema

describe("entry schema", () => {
  it("accepts ISO and German dates, collapses spaces and allows missing mandatory answers", () => {
    const parsed = participantEntrySchema.parse({ participantNo: " TN-1 ", firstName: "  Anna   Maria ", lastName: "Berg", postcode: "03 149", birthDate: "20.05.1990", entryDate: "2024-03-01" });
    expect(parsed.firstName).toBe("Anna Maria");
    expect(parsed.participantNo).toBe("TN-1");
    expect(parsed.postcode).toBe("03149");
    expect(parsed.birthDate?.toISOString()).toBe("1990-05-20T00:00:00.000Z");
    expect(parsed.gender).toBeNull();
    expect(parsed.educationLevel).toBeNull();
    expect(parsed.longTermUnemployed).toBe(false);
  });

  it("refuses invalid values with catalogue keys", () => {
    const result = participantEntrySchema.safeParse({ ...COMPLETE, participantNo: "", birthDate: "31.02.1990", gender: "x", postcode: "123", email: "nope" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField).toMatchObject({
      participantNo: "validation.required",
      birthDate: "validation.date",
      gender: "validation.invalid",
      postcode: "participants.error.postcode",
      email: "validation.email",
    });
  });

  it("allows long-term unemployed only when unemployed", () => {
    const employed = participantEntrySchema.safeParse({ ...COMPLETE, participantNo: "X", employmentStatus: "employed", longTermUnemployed: "on" });
    expect(employed.success).toBe(false);
    expect(employed.error!.issues[0]).toMatchObject({ path: ["longTermUnemployed"], message: "participants.error.longTermNotUnemployed" });
    const missing = participantEntrySchema.safeParse({ ...COMPLETE, participantNo: "X", employmentStatus: "", longTermUnemployed: "on" });
    expect(missing.success).toBe(false);
    expect(participantEntrySchema.safeParse({ ...COMPLETE, participantNo: "X", employmentStatus: "unemployed", longTermUnemployed: "on" }).success).toBe(true);
  });

  it("refuses an entry before birth, future dates and a File where text belongs", () => {
    const beforeBirth = participantEntrySchema.safeParse({ ...COMPLETE, participantNo: "X", birthDate: "2024-05-01", entryDate: "2024-03-01" });
    expect(beforeBirth.error!.issues[0]).toMatchObject({ path: ["entryDate"], message: "participants.error.entryBeforeBirth" });
    const future = participantEntrySchema.safeParse({ ...COMPLETE, participantNo: "X", privacyNoticeDate: "2099-01-01" });
    expect(future.error!.issues[0]).toMatchObject({ path: ["privacyNoticeDate"], message: "participants.error.dateInFuture" });
    const file = participantEntrySchema.safeParse({ ...COMPLETE, participantNo: new File(["x"], "x.txt") });
    expect(file.success).toBe(false);
  });

  it("exit and follow-up forms require their answers", () => {
    expect(participantExitSchema.safeParse({ exitDate: "", exitStatus: "employed" }).success).toBe(false);
    expect(participantExitSchema.safeParse({ exitDate: "2024-06-01", exitStatus: "fired" }).success).toBe(false);
    expect(participantExitSchema.parse({ exitDate: "01.06.2024", exitStatus: "employed", qualificationGained: "yes" })).toMatchObject({
      exitStatus: "employed", qualificationGained: true, employabilityImproved: null,
    });
    expect(participantFollowUpSchema.safeParse({ status6Months: "employed" }).success).toBe(false);
  });

  it("list query falls back to defaults on malformed parameters", () => {
    const query = parseListQuery(new URLSearchParams("page=-3&pageSize=7&sort=drop&dir=sideways&status=zzz&entryFrom=31.02.2024&area=%27%3B"));
    expect(query).toMatchObject({ page: 1, pageSize: 25, sort: "number", dir: "asc", status: undefined, entryFrom: undefined, area: undefined });
  });
});

// ---------------------------------------------------------------------------------------------- create

describe("createParticipant", () => {
  it("registers a complete participant with derived values, identity apart, audit by field name", async () => {
    const input = entry({ areaId: areaA.id });
    const created = await createParticipant(project.id, input, actor, WRITE);
    expect(created.isComplete).toBe(true);
    const stored = await db.participant.findUniqueOrThrow({ where: { id: created.id }, include: { identity: true } });
    expect(stored).toMatchObject({ ageAtEntry: 33, missingFields: "", isComplete: true, longTermUnemployed: true, version: 1, disability: "yes", areaId: areaA.id });
    expect(stored.identity).toMatchObject({ firstName: input.firstName, lastName: "Schmidt", searchName: `schmidt ${input.firstName.toLowerCase()}`, postcode: "03149" });
    expect(stored.identity!.privacyNoticeDate?.toISOString()).toBe("2024-03-01T00:00:00.000Z");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(audit).toMatchObject({ action: "create", entity: "Participant", userId: actor.userId, projectId: project.id });
    expect(JSON.parse(audit.fields)).toEqual(expect.arrayContaining(["participantNo", "firstName", "disability", "gender"]));
  });

  it("keeps an incomplete record and names what is missing", async () => {
    const created = await createParticipant(project.id, entry({ birthDate: "", educationLevel: undefined }), actor, WRITE);
    expect(created.isComplete).toBe(false);
    const detail = await getParticipant(project.id, created.id, { includeSensitive: false });
    expect(detail.missing).toEqual(["birth_date", "education_level"]);
    expect(detail.ageAtEntry).toBeNull();
  });

  it("refuses the same person again (case- and space-insensitive) and offers the existing record", async () => {
    const first = await createParticipant(project.id, entry({ firstName: "Jana", lastName: "Nowak", postcode: "03149" }), actor, WRITE);
    const before = await db.participant.count();
    const error = await caught(createParticipant(project.id, entry({ firstName: "  JANA ", lastName: "nowak  ", postcode: "03 149" }), actor, WRITE));
    expect(error).toBeInstanceOf(DuplicateParticipantError);
    expect((error as DuplicateParticipantError).existing).toEqual({ id: first.id, participantNo: expect.any(String) });
    expect(await db.participant.count()).toBe(before);
    // another postcode is another person; the same person in another project is fine
    await createParticipant(project.id, entry({ firstName: "Jana", lastName: "Nowak", postcode: "03150" }), actor, WRITE);
    await createParticipant(otherProject.id, entry({ firstName: "Jana", lastName: "Nowak", postcode: "03149" }), actor, WRITE);
    expect(await findDuplicatePerson(db, project.id, { firstName: "jana", lastName: "NOWAK", postcode: "03149" })).toMatchObject({ id: first.id });
    expect(await findDuplicatePerson(db, project.id, { firstName: "jana", lastName: "NOWAK", postcode: "03149" }, first.id)).toBeNull();
    // "Anna Maria|Berg" and "Anna|Maria Berg" share the search key but are different people
    await createParticipant(project.id, entry({ firstName: "Maria", lastName: "Anna Berg", postcode: "03149" }), actor, WRITE);
    await createParticipant(project.id, entry({ firstName: "Berg Maria", lastName: "Anna", postcode: "03149" }), actor, WRITE);
  });

  it("refuses a number already used in the project and an area of another project", async () => {
    const input = entry();
    await createParticipant(project.id, input, actor, WRITE);
    const taken = await caught(createParticipant(project.id, entry({ participantNo: input.participantNo }), actor, WRITE));
    expect(taken).toBeInstanceOf(ValidationError);
    expect((taken as ValidationError).fieldErrors.participantNo).toEqual(["participants.error.numberTaken"]);
    const foreignArea = await db.programmeArea.create({ data: { name: "Paunsdorf", municipality: "Leipzig", federalState: "Sachsen", regionCategory: "transition" } });
    const area = await caught(createParticipant(project.id, entry({ areaId: foreignArea.id }), actor, WRITE));
    expect((area as ValidationError).fieldErrors.areaId).toEqual(["participants.error.unknownArea"]);
  });

  it("does not write special-category answers for a caller without the permission", async () => {
    const created = await createParticipant(project.id, entry({ disability: "yes", minority: "yes" }), actor, { includeSensitive: false });
    const stored = await db.participant.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.disability).toBeNull();
    expect(stored.minority).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(JSON.parse(audit.fields)).not.toContain("disability");
  });

  it("replaces a kept suggestion that someone else took meanwhile by the next free number", async () => {
    const fresh = await db.project.create({ data: { code: "PCORE-AUTO", title: "Auto numbers", startDate: new Date("2023-01-01"), endDate: new Date("2026-12-31") } });
    const suggestion = await suggestParticipantNo(fresh.id);
    await createParticipant(fresh.id, entry({ participantNo: suggestion }), actor, WRITE);
    const second = await createParticipant(fresh.id, entry({ participantNo: suggestion }), actor, { ...WRITE, autoNumber: true });
    expect(second.participantNo).toBe("TN-0002");
    const refused = await caught(createParticipant(fresh.id, entry({ participantNo: suggestion }), actor, WRITE));
    expect((refused as ValidationError).fieldErrors.participantNo).toEqual(["participants.error.numberTaken"]);
  });

  it("suggests the next free TN number of the project", async () => {
    const fresh = await db.project.create({ data: { code: "PCORE-NO", title: "Numbers", startDate: new Date("2023-01-01"), endDate: new Date("2026-12-31") } });
    expect(await suggestParticipantNo(fresh.id)).toBe("TN-0001");
    await createParticipant(fresh.id, entry({ participantNo: "TN-0009" }), actor, WRITE);
    await createParticipant(fresh.id, entry({ participantNo: "TN-0012" }), actor, WRITE);
    await createParticipant(fresh.id, entry({ participantNo: "OTHER-99" }), actor, WRITE);
    expect(await suggestParticipantNo(fresh.id)).toBe("TN-0013");
  });
});

// ---------------------------------------------------------------------------------------------- update

describe("updateParticipant", () => {
  it("saves over the version it read, recomputes derived values and audits the changed field names", async () => {
    const created = await createParticipant(project.id, entry({ educationLevel: "" }), actor, WRITE);
    const result = await updateParticipant(project.id, created.id, entry({ participantNo: (await db.participant.findUniqueOrThrow({ where: { id: created.id } })).participantNo, firstName: (await db.participantIdentity.findUniqueOrThrow({ where: { participantId: created.id } })).firstName, educationLevel: "isced_5_8", city: "Cottbus" }), 1, actor, WRITE);
    expect(result.version).toBe(2);
    expect(result.changed.sort()).toEqual(["city", "educationLevel"]);
    const stored = await db.participant.findUniqueOrThrow({ where: { id: created.id }, include: { identity: true } });
    expect(stored).toMatchObject({ isComplete: true, missingFields: "", version: 2 });
    expect(stored.identity!.city).toBe("Cottbus");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id, action: "update" } });
    expect(JSON.parse(audit.fields).sort()).toEqual(["city", "educationLevel"]);
  });

  it("with a stale version writes nothing and reports what changed since the user's version", async () => {
    const created = await createParticipant(project.id, entry(), actor, WRITE);
    const loaded = await getParticipant(project.id, created.id, { includeSensitive: true, actor });
    const baseline = toEntryFormValues(loaded as never);
    // person A saves first
    await updateParticipant(project.id, created.id, participantEntrySchema.parse({ ...baseline, city: "Guben", gender: "diverse" }), 1, actor, WRITE);
    const before = await snapshot(created.id);
    // person B saves on top of version 1
    const mine: EntryFormValues = { ...baseline, phone: "0355 111", gender: "male" };
    const error = await caught(updateParticipant(project.id, created.id, participantEntrySchema.parse(mine), 1, actor, { ...WRITE, baseline }));
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError;
    expect(conflict.currentVersion).toBe(2);
    expect(conflict.changedFields.sort()).toEqual(["city", "gender"]);
    expect(conflict.current).toMatchObject({ city: "Guben", gender: "diverse", phone: baseline.phone });
    const after = await snapshot(created.id);
    expect(after.participant).toEqual(before.participant);
    expect(after.identity).toEqual(before.identity);
    // saving again on the new version applies B's input on top
    const again = await updateParticipant(project.id, created.id, participantEntrySchema.parse(mine), conflict.currentVersion, actor, { ...WRITE, baseline: conflict.current });
    expect(again.version).toBe(3);
    const final = await db.participant.findUniqueOrThrow({ where: { id: created.id }, include: { identity: true } });
    expect(final.gender).toBe("male");
    expect(final.identity!.city).toBe(baseline.city);
    expect(final.identity!.phone).toBe("0355 111");
  });

  it("leaves special-category answers untouched for a caller without the permission", async () => {
    const created = await createParticipant(project.id, entry({ disability: "yes", minority: "no" }), actor, WRITE);
    const loaded = await getParticipant(project.id, created.id, { includeSensitive: false });
    const values = toEntryFormValues(loaded as never);
    expect(values.disability).toBe("");
    await updateParticipant(project.id, created.id, participantEntrySchema.parse({ ...values, city: "Forst" }), 1, actor, { includeSensitive: false });
    const stored = await db.participant.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ disability: "yes", minority: "no", version: 2 });
  });

  it("refuses moving the entry after a recorded exit and a duplicate person", async () => {
    const other = await createParticipant(project.id, entry({ firstName: "Olga", lastName: "Wolf", postcode: "03149" }), actor, WRITE);
    const created = await createParticipant(project.id, entry(), actor, WRITE);
    await recordExit(project.id, created.id, participantExitSchema.parse({ exitDate: "2024-06-30", exitStatus: "employed" }), 1, actor);
    const values = toEntryFormValues((await getParticipant(project.id, created.id, { includeSensitive: true, actor })) as never);
    const late = await caught(updateParticipant(project.id, created.id, participantEntrySchema.parse({ ...values, entryDate: "2024-07-01" }), 2, actor, WRITE));
    expect((late as ValidationError).fieldErrors.entryDate).toEqual(["participants.error.entryAfterExit"]);
    const dup = await caught(updateParticipant(project.id, created.id, participantEntrySchema.parse({ ...values, firstName: "olga", lastName: "WOLF" }), 2, actor, WRITE));
    expect(dup).toBeInstanceOf(DuplicateParticipantError);
    expect((dup as DuplicateParticipantError).existing.id).toBe(other.id);
  });
});

// ---------------------------------------------------------------------------------------------- exit and follow-up

describe("exit and follow-up", () => {
  it("refuses an exit before entry and writes nothing", async () => {
    const created = await createParticipant(project.id, entry({ entryDate: "2024-03-01" }), actor, WRITE);
    const before = await snapshot(created.id);
    const error = await caught(recordExit(project.id, created.id, participantExitSchema.parse({ exitDate: "2024-02-28", exitStatus: "job_searching" }), 1, actor));
    expect((error as ValidationError).fieldErrors.exitDate).toEqual(["participants.error.exitBeforeEntry"]);
    expect(await snapshot(created.id)).toEqual(before);
  });

  it("records the exit, derives the follow-up due date, records the follow-up once due", async () => {
    const created = await createParticipant(project.id, entry({ entryDate: "2024-03-01" }), actor, WRITE);
    const exit = await recordExit(project.id, created.id, participantExitSchema.parse({ exitDate: "2024-08-31", exitStatus: "employed", qualificationGained: "yes", employabilityImproved: "yes" }), 1, actor);
    expect(exit.version).toBe(2);
    let stored = await db.participant.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.followUpDueDate?.toISOString()).toBe("2025-02-28T00:00:00.000Z");
    expect(stored).toMatchObject({ exitStatus: "employed", qualificationGained: true, employabilityImproved: true });

    const followUp = participantFollowUpSchema.parse({ status6Months: "employed", situationImproved6Months: "yes" });
    const early = await caught(recordFollowUp(project.id, created.id, followUp, 2, actor, { now: new Date("2025-02-27T12:00:00Z") }));
    expect((early as ValidationError).formErrors).toEqual(["participants.error.followUpNotDue"]);
    await recordFollowUp(project.id, created.id, followUp, 2, actor, { now: new Date("2025-02-28T08:00:00Z") });
    stored = await db.participant.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ status6Months: "employed", situationImproved6Months: "yes", version: 3 });
    expect(stored.followUpRecordedAt?.toISOString()).toBe("2025-02-28T08:00:00.000Z");

    const history = await listParticipantHistory(project.id, created.id);
    expect(history.map((h) => h.note)).toEqual(["follow_up", "exit", null]);
    expect(history[1].fields).toEqual(expect.arrayContaining(["exitDate", "exitStatus", "followUpDueDate"]));
  });

  it("refuses a follow-up without exit", async () => {
    const created = await createParticipant(project.id, entry(), actor, WRITE);
    const error = await caught(recordFollowUp(project.id, created.id, participantFollowUpSchema.parse({ status6Months: "unknown", situationImproved6Months: "unknown" }), 1, actor));
    expect((error as ValidationError).formErrors).toEqual(["participants.error.followUpWithoutExit"]);
  });

  it("an exit keeps a concurrent edit of other fields, but conflicts with a concurrent exit", async () => {
    const created = await createParticipant(project.id, entry(), actor, WRITE);
    const values = toEntryFormValues((await getParticipant(project.id, created.id, { includeSensitive: true, actor })) as never);
    await updateParticipant(project.id, created.id, participantEntrySchema.parse({ ...values, city: "Spremberg" }), 1, actor, WRITE);
    const emptyExit = { exitDate: "", exitStatus: "", qualificationGained: "", employabilityImproved: "" };
    await recordExit(project.id, created.id, participantExitSchema.parse({ exitDate: "2024-05-01", exitStatus: "other" }), 1, actor, { baseline: emptyExit });
    const stored = await db.participant.findUniqueOrThrow({ where: { id: created.id }, include: { identity: true } });
    expect(stored).toMatchObject({ exitStatus: "other", version: 3 });
    expect(stored.identity!.city).toBe("Spremberg");
    const error = await caught(recordExit(project.id, created.id, participantExitSchema.parse({ exitDate: "2024-05-02", exitStatus: "employed" }), 1, actor, { baseline: emptyExit }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changedFields).toEqual(["exitDate", "exitStatus"]);
    expect((await db.participant.findUniqueOrThrow({ where: { id: created.id } })).exitStatus).toBe("other");
  });

  it("takes an exit back with its follow-up", async () => {
    const created = await createParticipant(project.id, entry(), actor, WRITE);
    await recordExit(project.id, created.id, participantExitSchema.parse({ exitDate: "2024-05-01", exitStatus: "other" }), 1, actor);
    await undoExit(project.id, created.id, 2, actor);
    const stored = await db.participant.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ exitDate: null, exitStatus: null, followUpDueDate: null, version: 3 });
  });
});

// ---------------------------------------------------------------------------------------------- scoping and GDPR

describe("project scope and special categories", () => {
  it("answers 404 for another project's participant on every read and write", async () => {
    const foreign = await createParticipant(otherProject.id, entry(), actor, WRITE);
    const before = await snapshot(foreign.id);
    expect(statusOf(await caught(getParticipant(project.id, foreign.id, { includeSensitive: false })))).toBe(404);
    expect(statusOf(await caught(updateParticipant(project.id, foreign.id, entry(), 1, actor, WRITE)))).toBe(404);
    expect(statusOf(await caught(recordExit(project.id, foreign.id, participantExitSchema.parse({ exitDate: "2024-05-01", exitStatus: "other" }), 1, actor)))).toBe(404);
    expect(statusOf(await caught(undoExit(project.id, foreign.id, 1, actor)))).toBe(404);
    expect(await listAttendances(project.id, foreign.id)).toEqual([]);
    expect(await listParticipantHistory(project.id, foreign.id)).toEqual([]);
    expect(await snapshot(foreign.id)).toEqual(before);
  });

  it("omits special-category fields without permission and audits every permitted read", async () => {
    const created = await createParticipant(project.id, entry({ disability: "yes", minority: "no_answer" }), actor, WRITE);
    const plain = await getParticipant(project.id, created.id, { includeSensitive: false });
    expect("disability" in plain).toBe(false);
    expect("minority" in plain).toBe(false);
    expect(await db.auditEvent.count({ where: { entityId: created.id, action: "read_sensitive" } })).toBe(0);
    const full = await getParticipant(project.id, created.id, { includeSensitive: true, actor });
    expect(full).toMatchObject({ disability: "yes", minority: "no_answer" });
    await getParticipant(project.id, created.id, { includeSensitive: true, actor });
    const reads = await db.auditEvent.findMany({ where: { entityId: created.id, action: "read_sensitive" } });
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatchObject({ entity: "Participant", userId: actor.userId, projectId: project.id });
    expect(JSON.parse(reads[0].fields)).toEqual(["disability", "minority"]);
  });

  it("never writes a value into the audit log", async () => {
    const created = await createParticipant(project.id, entry({ firstName: "Zofia", lastName: "Quellmalz", disability: "no_answer", minority: "yes", email: "zofia@example.org" }), actor, WRITE);
    const values = toEntryFormValues((await getParticipant(project.id, created.id, { includeSensitive: true, actor })) as never);
    await updateParticipant(project.id, created.id, participantEntrySchema.parse({ ...values, disability: "yes", minority: "no", lastName: "Quellmalz-Ebert" }), 1, actor, WRITE);
    const rows = await db.auditEvent.findMany({ where: { projectId: project.id } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const text = `${row.fields} ${row.note ?? ""}`;
      for (const value of ["yes", "no_answer", "Zofia", "Quellmalz", "zofia@example.org", "\"no\""]) expect(text).not.toContain(value);
      for (const field of JSON.parse(row.fields) as string[]) expect(field).toMatch(/^[a-zA-Z0-9]+$/);
    }
  });
});

// ---------------------------------------------------------------------------------------------- list

describe("listParticipants", () => {
  let listProject: { id: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    listProject = await db.project.create({ data: { code: "PCORE-LIST", title: "List", startDate: new Date("2023-01-01"), endDate: new Date("2026-12-31") } });
    await db.projectArea.createMany({ data: [{ projectId: listProject.id, areaId: areaA.id }, { projectId: listProject.id, areaId: areaB.id }] });
    const people = [
      { participantNo: "TN-0001", firstName: "Anna", lastName: "Schmidt", entryDate: "2024-01-10", areaId: areaA.id, birthDate: "1990-01-01" },
      { participantNo: "TN-0002", firstName: "Bernd", lastName: "Müller", entryDate: "2024-02-10", areaId: areaB.id, birthDate: "1960-01-01" },
      { participantNo: "TN-0003", firstName: "Carla", lastName: "Schmidtke", entryDate: "2024-03-10", areaId: areaA.id, educationLevel: "" },
      { participantNo: "TN-0004", firstName: "Dilan", lastName: "Yilmaz", entryDate: "2024-04-10", areaId: areaB.id, birthDate: "2000-06-01" },
      { participantNo: "XY-0005", firstName: "Emil", lastName: "Anders", entryDate: "2024-05-10", areaId: "", birthDate: "1985-01-01" },
    ];
    for (const person of people) {
      const created = await createParticipant(listProject.id, entry(person), actor, WRITE);
      ids[person.participantNo] = created.id;
    }
    await recordExit(listProject.id, ids["TN-0002"], participantExitSchema.parse({ exitDate: "2024-03-01", exitStatus: "employed" }), 1, actor);
    await recordExit(listProject.id, ids["TN-0004"], participantExitSchema.parse({ exitDate: new Date().toISOString().slice(0, 10), exitStatus: "job_searching" }), 1, actor);
  });

  const list = (params: string) => listParticipants(listProject.id, parseListQuery(new URLSearchParams(params)));
  const numbers = async (params: string) => (await list(params)).rows.map((r) => r.participantNo);

  it("lists only the project's participants with the shown columns", async () => {
    const result = await list("");
    expect(result.total).toBe(5);
    expect(result.rows[0]).toMatchObject({ participantNo: "TN-0001", firstName: "Anna", lastName: "Schmidt", areaName: "Forster Innenstadt", isComplete: true, missing: [] });
    expect(result.rows[0]).not.toHaveProperty("disability");
  });

  it("searches by number prefix or by words of the name", async () => {
    expect(await numbers("q=tn-000")).toEqual(["TN-0001", "TN-0002", "TN-0003", "TN-0004"]);
    expect(await numbers("q=XY")).toEqual(["XY-0005"]);
    expect(await numbers("q=schmidt")).toEqual(["TN-0001", "TN-0003"]);
    expect(await numbers("q=anna%20SCHMIDT")).toEqual(["TN-0001"]);
    expect(await numbers("q=müll")).toEqual(["TN-0002"]);
    expect(await numbers("q=nobody")).toEqual([]);
    expect(await numbers("q=%25")).toEqual([]);
    expect(await numbers("q=_")).toEqual([]);
    expect(await numbers("q=schmidt&completeness=incomplete")).toEqual(["TN-0003"]);
    expect((await list("q=schmidt")).total).toBe(2);
  });

  it("filters by area, status, completeness and entry period", async () => {
    expect(await numbers(`area=${areaB.id}`)).toEqual(["TN-0002", "TN-0004"]);
    expect(await numbers("status=active")).toEqual(["TN-0001", "TN-0003", "XY-0005"]);
    expect(await numbers("status=left")).toEqual(["TN-0002", "TN-0004"]);
    expect(await numbers("status=follow_up_due")).toEqual(["TN-0002"]);
    expect(await numbers("completeness=incomplete")).toEqual(["TN-0003"]);
    expect(await numbers("completeness=complete&area=" + areaA.id)).toEqual(["TN-0001"]);
    expect(await numbers("entryFrom=2024-02-01&entryTo=10.04.2024")).toEqual(["TN-0002", "TN-0003", "TN-0004"]);
  });

  it("sorts by every column in both directions and pages", async () => {
    expect(await numbers("sort=number&dir=desc")).toEqual(["XY-0005", "TN-0004", "TN-0003", "TN-0002", "TN-0001"]);
    expect(await numbers("sort=name")).toEqual(["XY-0005", "TN-0002", "TN-0001", "TN-0003", "TN-0004"]);
    expect(await numbers("sort=entry&dir=desc")).toEqual(["XY-0005", "TN-0004", "TN-0003", "TN-0002", "TN-0001"]);
    expect((await numbers("status=left&sort=exit")).slice(0, 2)).toEqual(["TN-0002", "TN-0004"]);
    expect((await numbers("status=left&sort=exit&dir=desc")).slice(0, 2)).toEqual(["TN-0004", "TN-0002"]);
    const page2 = await listParticipants(listProject.id, { ...parseListQuery(new URLSearchParams("")), pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 5, pages: 3, page: 2 });
    expect(page2.rows.map((r) => r.participantNo)).toEqual(["TN-0003", "TN-0004"]);
    const beyond = await listParticipants(listProject.id, { ...parseListQuery(new URLSearchParams("")), pageSize: 2, page: 99 });
    expect(beyond.page).toBe(3);
    expect(beyond.rows.map((r) => r.participantNo)).toEqual(["XY-0005"]);
  });

  it("counts and pages a broad search (more hits than fit in one id list)", async () => {
    const broad = await db.project.create({ data: { code: "PCORE-BROAD", title: "Broad", startDate: new Date("2023-01-01"), endDate: new Date("2026-12-31") } });
    const count = 950;
    await db.participant.createMany({
      data: Array.from({ length: count }, (_, i) => ({ id: `broad${i}`, projectId: broad.id, participantNo: `B-${String(i).padStart(4, "0")}`, isComplete: i % 2 === 0 })),
    });
    await db.participantIdentity.createMany({
      data: Array.from({ length: count }, (_, i) => ({ participantId: `broad${i}`, projectId: broad.id, firstName: `Vorname${i}`, lastName: "Massenbach", searchName: `massenbach vorname${i}`, postcode: "04315" })),
    });
    // one more whose number (not name) matches "massen"
    await createParticipant(broad.id, entry({ participantNo: "MASSEN-1", firstName: "Olaf", lastName: "Other" }), actor, WRITE);
    const all = await listParticipants(broad.id, parseListQuery(new URLSearchParams("q=massen&pageSize=100&page=2")));
    expect(all).toMatchObject({ total: count + 1, pages: 10, page: 2 });
    expect(all.rows).toHaveLength(100);
    const complete = await listParticipants(broad.id, parseListQuery(new URLSearchParams("q=massen&completeness=complete")));
    expect(complete.total).toBe(count / 2 + 1);
    const byName = await listParticipants(broad.id, parseListQuery(new URLSearchParams("sort=name&dir=desc&pageSize=25&page=2")));
    expect(byName.total).toBe(count + 1);
    expect(byName.rows[0].lastName).toBe("Massenbach");
    expect(byName.rows.map((r) => r.firstName)).toEqual([...byName.rows.map((r) => r.firstName)].sort().reverse());
  });

  it("lists attended activities of the participant", async () => {
    const field = await db.actionField.create({ data: { code: `HF1-${seq}`, name: "Integration" } });
    const type = await db.activityType.create({ data: { projectId: listProject.id, actionFieldId: field.id, name: "Coaching" } });
    const activity = await db.activity.create({
      data: { projectId: listProject.id, typeId: type.id, actionFieldId: field.id, title: "Bewerbungstraining", startsAt: new Date("2024-02-01T09:00:00Z"), durationMinutes: 90 },
    });
    await db.attendance.create({ data: { activityId: activity.id, participantId: ids["TN-0001"], present: true, minutes: 90 } });
    expect(await listAttendances(listProject.id, ids["TN-0001"])).toEqual([
      expect.objectContaining({ title: "Bewerbungstraining", durationMinutes: 90, present: true, minutes: 90 }),
    ]);
    expect(await listAttendances(project.id, ids["TN-0001"])).toEqual([]);
  });
});
