// Activities and attendance against a real database: outcomes, audit entries, validation that writes
// nothing, other projects' ids rejected, optimistic concurrency, series, the type catalogue, search.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { berlinToInstant, hoursInputValue, instantToBerlin, parseHours, seriesDays, seriesSchema } from "./schema";
import {
  ActivityConflictError,
  createActivityType as createTypeViaService,
  createSeries,
  DEFAULT_ACTIVITY_TYPES,
  deleteActivity,
  deleteActivityType,
  describeAttendees,
  echoAttendeeRows,
  ensureDefaultActivityTypes,
  getActivity,
  getActivityFormOptions,
  lastSessionGroup,
  listActivities,
  listActivityTypes,
  logActivity,
  searchParticipantsForAttendance,
  updateActivity,
  updateActivityType,
} from "./service.server";
import {
  addMember,
  auditOf,
  createActivityType,
  createParticipant,
  createParticipants,
  createProject,
  createUser,
  day,
  statusOf,
  validationError,
  type ProjectFixture,
} from "./test-helpers";

let project: ProjectFixture;
let other: ProjectFixture;
let actor: { id: string };
let typeId: string;
let otherTypeId: string;

beforeAll(async () => {
  project = await createProject();
  other = await createProject();
  actor = await createUser("Karl Krause");
  await addMember(project.id, actor.id, "coordinator");
  typeId = (await createActivityType(project.id, project.hf1, "Bewerbungstraining")).id;
  otherTypeId = (await createActivityType(other.id, other.hf1, "Bewerbungstraining")).id;
});

const base = (overrides: Record<string, unknown> = {}) => ({
  typeId,
  date: "02.03.2020",
  time: "09:30",
  duration: "1,5",
  ...overrides,
});

async function counts() {
  const [activities, attendances, audits, series] = await Promise.all([db.activity.count(), db.attendance.count(), db.auditEvent.count(), db.activitySeries.count()]);
  return { activities, attendances, audits, series };
}

describe("Berlin time and hours", () => {
  it("stores the wall-clock time in Berlin as an instant, in winter and in summer", () => {
    expect(berlinToInstant(day("2020-03-02"), 9 * 60 + 30).toISOString()).toBe("2020-03-02T08:30:00.000Z");
    expect(berlinToInstant(day("2020-07-01"), 9 * 60 + 30).toISOString()).toBe("2020-07-01T07:30:00.000Z");
    expect(instantToBerlin(new Date("2020-07-01T22:30:00.000Z"))).toEqual({ day: day("2020-07-02"), time: "00:30" });
  });

  it("reads hours the way people type them", () => {
    expect(parseHours("1,5")).toBe(90);
    expect(parseHours("2")).toBe(120);
    expect(parseHours("1:30")).toBe(90);
    expect(parseHours("1.5")).toBe(90);
    expect(parseHours("abc")).toBeNull();
    expect(hoursInputValue(100)).toBe("1,67");
  });

  it("lays out weekly series and explicit dates, sorted and without duplicates", () => {
    const weekly = seriesSchema.parse({ repeat: "weekly", weeks: "12" });
    const days = seriesDays(day("2020-03-02"), weekly);
    expect(days).toHaveLength(12);
    expect(days[11]).toEqual(day("2020-05-18"));
    const explicit = seriesSchema.parse({ repeat: "dates", dates: "09.03.2020, 02.03.2020\n16.03.2020" });
    expect(seriesDays(day("2020-03-02"), explicit)).toEqual([day("2020-03-02"), day("2020-03-09"), day("2020-03-16")]);
  });
});

describe("logActivity", () => {
  it("writes the activity, one attendance row per attendee and one audit entry in one go", async () => {
    const people = await createParticipants(project.id, 15);
    const attendees = people.map((p, i) => ({ participantId: p.id, present: i !== 3, minutes: i === 5 ? "1" : "" }));
    const { id } = await logActivity(project.id, base({ areaId: project.areaIds[0], staffUserId: actor.id, notes: "Raum 2" }), attendees, actor);

    const activity = await getActivity(project.id, id, { withNames: true });
    expect(activity).toMatchObject({
      title: "Bewerbungstraining", // empty title → the type's name
      format: "group",
      durationMinutes: 90,
      areaId: project.areaIds[0],
      staffUserId: actor.id,
      notes: "Raum 2",
      version: 1,
      presentCount: 14,
      actionField: { code: expect.stringMatching(/^HF1-/) },
    });
    expect(activity.startsAt.toISOString()).toBe("2020-03-02T08:30:00.000Z");
    expect(activity.attendances).toHaveLength(15);
    const byId = new Map(activity.attendances.map((a) => [a.participant.id, a]));
    expect(byId.get(people[0].id)).toMatchObject({ present: true, minutes: 90, participant: { name: "Nachname" + people[0].participantNo.slice(3).replace(/^0+/, "") + ", Vorname" + people[0].participantNo.slice(3).replace(/^0+/, "") } });
    expect(byId.get(people[3].id)).toMatchObject({ present: false, minutes: 0 });
    expect(byId.get(people[5].id)).toMatchObject({ present: true, minutes: 60 });

    const audit = await auditOf("Activity", id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", projectId: project.id, userId: actor.id, note: "attendance +15" });
    expect(audit[0].fields.sort()).toEqual(["actionFieldId", "areaId", "attendance", "durationMinutes", "format", "notes", "staffUserId", "startsAt", "title", "typeId"]);
    expect(JSON.stringify(audit)).not.toContain("Raum 2");
  });

  it("hides names from roles without participant access", async () => {
    const [person] = await createParticipants(project.id, 1);
    const { id } = await logActivity(project.id, base(), [{ participantId: person.id, present: true }], actor);
    const activity = await getActivity(project.id, id, { withNames: false });
    expect(activity.attendances[0].participant).toMatchObject({ participantNo: person.participantNo, name: null });
  });

  it("writes nothing on a validation error and reports every problem at once", async () => {
    const [person] = await createParticipants(project.id, 1);
    const before = await counts();
    const error = await validationError(
      logActivity(project.id, { typeId: "", date: "31.02.2020", time: "25:00", duration: "0", title: "x".repeat(201) }, [
        { participantId: person.id, present: true, minutes: "25" },
      ], actor),
    );
    expect(error.fieldErrors).toMatchObject({
      typeId: ["validation.required"],
      date: ["validation.date"],
      time: ["activities.error.time"],
      duration: ["activities.error.duration"],
      title: ["validation.tooLong"],
      [`attendee.${person.id}`]: ["activities.error.minutes"],
    });
    const duplicate = await validationError(logActivity(project.id, base(), [{ participantId: person.id, present: true }, { participantId: person.id, present: false }], actor));
    expect(duplicate.fieldErrors).toEqual({ attendees: ["activities.error.duplicateAttendee"] });
    expect(await counts()).toEqual(before);
  });

  it("rejects dates outside the project's duration", async () => {
    const before = await counts();
    const error = await validationError(logActivity(project.id, base({ date: "31.12.2019" }), [], actor));
    expect(error.fieldErrors).toEqual({ date: ["activities.error.outsideProject"] });
    await validationError(logActivity(project.id, base({ date: "01.01.2023" }), [], actor));
    expect(await counts()).toEqual(before);
    // the last day counts, also late in the evening
    const { id } = await logActivity(project.id, base({ date: "31.12.2022", time: "23:30" }), [], actor);
    expect((await getActivity(project.id, id, { withNames: false })).startsAt.toISOString()).toBe("2022-12-31T22:30:00.000Z");
  });

  it("rejects another project's ids (type, area, partner, staff, attendee) instead of dropping them", async () => {
    const [mine] = await createParticipants(project.id, 1);
    const [foreign] = await createParticipants(other.id, 1);
    const partner = await db.partner.create({ data: { projectId: other.id, name: "Fremder Partner", type: "other" } });
    const stranger = await createUser("Fremd");
    const before = await counts();
    const error = await validationError(
      logActivity(
        project.id,
        base({ typeId: otherTypeId, areaId: other.areaIds[0], partnerId: partner.id, staffUserId: stranger.id }),
        [{ participantId: mine.id, present: true }, { participantId: foreign.id, present: true }],
        actor,
      ),
    );
    expect(error.fieldErrors).toEqual({
      typeId: ["activities.error.typeUnknown"],
      areaId: ["activities.error.areaUnknown"],
      partnerId: ["activities.error.partnerUnknown"],
      staffUserId: ["activities.error.staffUnknown"],
      [`attendee.${foreign.id}`]: ["activities.error.attendeeUnknown"],
      attendees: ["activities.error.attendeeUnknown"],
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a deactivated type for new activities", async () => {
    const inactive = await createActivityType(project.id, project.hf1, "Alter Kurs", false);
    const error = await validationError(logActivity(project.id, base({ typeId: inactive.id }), [], actor));
    expect(error.fieldErrors).toEqual({ typeId: ["activities.error.typeInactive"] });
  });

  it("keeps minutes within 0 … 24 hours", async () => {
    const [person] = await createParticipants(project.id, 1);
    await validationError(logActivity(project.id, base({ duration: 24 * 60 + 1 }), [], actor));
    await validationError(logActivity(project.id, base(), [{ participantId: person.id, present: true, minutes: -1 }], actor));
    const { id } = await logActivity(project.id, base({ duration: 24 * 60 }), [{ participantId: person.id, present: true, minutes: 0 }], actor);
    expect((await getActivity(project.id, id, { withNames: false })).attendances[0].minutes).toBe(0);
  });
});

describe("createSeries", () => {
  it("creates 12 weekly activities with the same attendees, one series and an audit entry each", async () => {
    const people = await createParticipants(project.id, 3);
    const before = await counts();
    const result = await createSeries(
      project.id,
      { ...base({ title: "Digitalkurs" }), seriesTitle: "Digitalkurs Frühjahr", repeat: "weekly", weeks: 12, copyAttendees: true },
      people.map((p) => ({ participantId: p.id, present: true })),
      actor,
    );
    expect(result.activityIds).toHaveLength(12);
    const after = await counts();
    expect(after.activities - before.activities).toBe(12);
    expect(after.attendances - before.attendances).toBe(36);
    expect(after.series - before.series).toBe(1);
    expect(after.audits - before.audits).toBe(13);
    const activities = await db.activity.findMany({ where: { seriesId: result.seriesId }, orderBy: { startsAt: "asc" }, select: { startsAt: true, title: true } });
    expect(activities.map((a) => instantToBerlin(a.startsAt).time)).toEqual(Array(12).fill("09:30"));
    // 29.03.2020 is the switch to summer time: the wall-clock time stays 09:30
    expect(activities[4].startsAt.toISOString()).toBe("2020-03-30T07:30:00.000Z");
    expect((await db.activitySeries.findUnique({ where: { id: result.seriesId } }))?.title).toBe("Digitalkurs Frühjahr");
    expect((await auditOf("ActivitySeries", result.seriesId))[0]).toMatchObject({ action: "create", note: "dates: 12" });
  });

  it("creates a series from explicit dates without attendance unless asked", async () => {
    const [person] = await createParticipants(project.id, 1);
    const result = await createSeries(project.id, { ...base(), repeat: "dates", dates: "09.03.2020 16.03.2020" }, [{ participantId: person.id, present: true }], actor);
    expect(result.activityIds).toHaveLength(3);
    expect(await db.attendance.count({ where: { activityId: { in: result.activityIds } } })).toBe(0);
  });

  it("writes nothing when one date lies outside the project or the series is too short", async () => {
    const before = await counts();
    const error = await validationError(createSeries(project.id, { ...base({ date: "14.12.2022" }), repeat: "weekly", weeks: 4 }, [], actor));
    expect(error.fieldErrors).toEqual({ weeks: ["activities.error.outsideProject"] });
    const short = await validationError(createSeries(project.id, { ...base(), repeat: "dates", dates: "02.03.2020" }, [], actor));
    expect(short.fieldErrors).toEqual({ dates: ["activities.error.seriesTooShort"] });
    const missing = await validationError(createSeries(project.id, { ...base(), repeat: "weekly", weeks: "" }, [], actor));
    expect(missing.fieldErrors).toEqual({ weeks: ["validation.required"] });
    expect(await counts()).toEqual(before);
  });
});

describe("updateActivity", () => {
  it("saves changed fields, diffs the attendance and audits both", async () => {
    const people = await createParticipants(project.id, 4);
    const { id } = await logActivity(project.id, base(), people.slice(0, 3).map((p) => ({ participantId: p.id, present: true })), actor);
    const result = await updateActivity(
      project.id,
      id,
      base({ duration: "2", notes: "verlängert" }),
      [
        { participantId: people[0].id, present: true }, // follows the new duration: 90 → 120
        { participantId: people[1].id, present: false }, // now absent
        { participantId: people[3].id, present: true, minutes: "1" }, // added
      ],
      1,
      actor,
    );
    expect(result.version).toBe(2);
    const activity = await getActivity(project.id, id, { withNames: false });
    expect(activity.version).toBe(2);
    expect(activity.durationMinutes).toBe(120);
    const rows = Object.fromEntries(activity.attendances.map((a) => [a.participant.id, { present: a.present, minutes: a.minutes }]));
    expect(rows).toEqual({
      [people[0].id]: { present: true, minutes: 120 },
      [people[1].id]: { present: false, minutes: 0 },
      [people[3].id]: { present: true, minutes: 60 },
    });
    const [, audit] = await auditOf("Activity", id);
    expect(audit).toMatchObject({ action: "update", userId: actor.id, note: "attendance +1 -1 ~2" });
    expect(audit.fields.sort()).toEqual(["attendance", "durationMinutes", "notes"]);
    expect(JSON.stringify(audit)).not.toContain("verlängert");
  });

  it("changes nothing (no version bump, no audit) when nothing changed", async () => {
    const [person] = await createParticipants(project.id, 1);
    const { id } = await logActivity(project.id, base(), [{ participantId: person.id, present: true }], actor);
    const result = await updateActivity(project.id, id, base(), [{ participantId: person.id, present: true, minutes: "1,5" }], 1, actor);
    expect(result.version).toBe(1);
    expect(await auditOf("Activity", id)).toHaveLength(1);
  });

  it("refuses a stale version and writes nothing", async () => {
    const [person] = await createParticipants(project.id, 1);
    const { id } = await logActivity(project.id, base(), [], actor);
    await updateActivity(project.id, id, base({ title: "Erste Änderung" }), [], 1, actor);
    const before = await counts();
    await expect(updateActivity(project.id, id, base({ title: "Zweite Änderung" }), [{ participantId: person.id, present: true }], 1, actor)).rejects.toBeInstanceOf(ActivityConflictError);
    expect(await counts()).toEqual(before);
    expect((await getActivity(project.id, id, { withNames: false })).title).toBe("Erste Änderung");
  });

  it("lets two concurrent saves of the same version end with exactly one winner", async () => {
    const { id } = await logActivity(project.id, base(), [], actor);
    const results = await Promise.allSettled([
      updateActivity(project.id, id, base({ title: "A" }), [], 1, actor),
      updateActivity(project.id, id, base({ title: "B" }), [], 1, actor),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ActivityConflictError);
    expect((await getActivity(project.id, id, { withNames: false })).version).toBe(2);
  });

  it("answers 404 for another project's activity and keeps an existing inactive type", async () => {
    const { id } = await logActivity(project.id, base(), [], actor);
    expect(await statusOf(updateActivity(other.id, id, base({ typeId: otherTypeId }), [], 1, actor))).toBe(404);
    expect(await statusOf(getActivity(other.id, id, { withNames: false }))).toBe(404);
    await db.activityType.update({ where: { id: typeId }, data: { active: false } });
    try {
      await updateActivity(project.id, id, base({ notes: "mit deaktivierter Art" }), [], 1, actor);
    } finally {
      await db.activityType.update({ where: { id: typeId }, data: { active: true } });
    }
  });

  it("rejects attendees of another project on edit too", async () => {
    const { id } = await logActivity(project.id, base(), [], actor);
    const [foreign] = await createParticipants(other.id, 1);
    const error = await validationError(updateActivity(project.id, id, base(), [{ participantId: foreign.id, present: true }], 1, actor));
    expect(error.fieldErrors.attendees).toEqual(["activities.error.attendeeUnknown"]);
    expect(await db.attendance.count({ where: { activityId: id } })).toBe(0);
  });
});

describe("deleteActivity", () => {
  it("deletes the activity with its attendance, unlinks supports and audits", async () => {
    const people = await createParticipants(project.id, 2);
    const { id } = await logActivity(project.id, base(), people.map((p) => ({ participantId: p.id, present: true })), actor);
    const organisation = await db.organisation.create({ data: { projectId: project.id, name: "Bäckerei", kind: "business", sizeClass: "micro" } });
    const support = await db.organisationSupport.create({ data: { projectId: project.id, organisationId: organisation.id, activityId: id, date: day("2020-03-02"), type: "advice" } });
    expect(await statusOf(deleteActivity(other.id, id, 1, actor))).toBe(404);
    await expect(deleteActivity(project.id, id, 7, actor)).rejects.toBeInstanceOf(ActivityConflictError);
    await deleteActivity(project.id, id, 1, actor);
    expect(await db.activity.count({ where: { id } })).toBe(0);
    expect(await db.attendance.count({ where: { activityId: id } })).toBe(0);
    expect((await db.organisationSupport.findUnique({ where: { id: support.id } }))?.activityId).toBeNull();
    const audit = await auditOf("Activity", id);
    expect(audit.at(-1)).toMatchObject({ action: "delete", note: "attendance -2" });
  });
});

describe("listActivities", () => {
  it("filters by period (Berlin days), type, action field and area, newest first, with present counts", async () => {
    const fresh = await createProject();
    const hf1Type = await createActivityType(fresh.id, fresh.hf1, "Kurs");
    const hf2Type = await createActivityType(fresh.id, fresh.hf2, "Beratung");
    const people = await createParticipants(fresh.id, 3);
    const a = await logActivity(fresh.id, { typeId: hf1Type.id, date: "01.06.2021", time: "00:30", duration: 60, areaId: fresh.areaIds[0] }, people.map((p) => ({ participantId: p.id, present: true })), actor);
    const b = await logActivity(fresh.id, { typeId: hf2Type.id, date: "02.06.2021", time: "10:00", duration: 60 }, [{ participantId: people[0].id, present: false }], actor);
    await logActivity(fresh.id, { typeId: hf1Type.id, date: "01.07.2021", time: "10:00", duration: 60 }, [], actor);

    const all = await listActivities(fresh.id, {});
    expect(all.total).toBe(3);
    expect(all.items[0].startsAt.getTime()).toBeGreaterThan(all.items[1].startsAt.getTime());
    // 01.06. 00:30 in Berlin is still 31.05. in UTC: the period filter must use Berlin days
    const june1 = await listActivities(fresh.id, { from: day("2021-06-01"), to: day("2021-06-01") });
    expect(june1.items.map((i) => i.id)).toEqual([a.id]);
    expect(june1.items[0].presentCount).toBe(3);
    expect((await listActivities(fresh.id, { typeId: hf2Type.id })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await listActivities(fresh.id, { actionFieldId: fresh.hf2 })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await listActivities(fresh.id, { areaId: fresh.areaIds[0] })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await listActivities(fresh.id, { from: day("2021-06-02"), to: day("2021-06-30") })).items[0].presentCount).toBe(0);
    expect((await listActivities(other.id, { typeId: hf1Type.id })).total).toBe(0);
  });
});

describe("searchParticipantsForAttendance and lastSessionGroup", () => {
  it("finds participants by number or name (case-insensitive), by area and active on the day, only in the project", async () => {
    const fresh = await createProject();
    const schulz = await createParticipant(fresh.id, { lastName: "Schulz", areaId: fresh.areaIds[0] });
    const schmidt = await createParticipant(fresh.id, { lastName: "Schmidt", areaId: fresh.areaIds[1] });
    const left = await createParticipant(fresh.id, { lastName: "Schubert", exitDate: day("2020-02-01") });
    const later = await createParticipant(fresh.id, { lastName: "Schneider", entryDate: day("2021-01-01") });
    await createParticipant(other.id, { lastName: "Schulze" });

    const ids = (list: { id: string }[]) => list.map((p) => p.id).sort();
    expect(ids(await searchParticipantsForAttendance(fresh.id, { q: "sch", withNames: true }))).toEqual(ids([schulz, schmidt, left, later]));
    expect(ids(await searchParticipantsForAttendance(fresh.id, { q: "SCHULZ", withNames: true }))).toEqual([schulz.id]);
    expect(ids(await searchParticipantsForAttendance(fresh.id, { q: schmidt.participantNo.toLowerCase(), withNames: true }))).toEqual([schmidt.id]);
    expect(ids(await searchParticipantsForAttendance(fresh.id, { q: "", areaId: fresh.areaIds[1], withNames: true }))).toEqual([schmidt.id]);
    expect(ids(await searchParticipantsForAttendance(fresh.id, { q: "sch", onDate: day("2020-06-01"), withNames: true }))).toEqual(ids([schulz, schmidt]));
    // without name access only numbers match, and no names are returned
    const pseudonymous = await searchParticipantsForAttendance(fresh.id, { q: "schulz", withNames: false });
    expect(pseudonymous).toEqual([]);
    const byNumber = await searchParticipantsForAttendance(fresh.id, { q: schulz.participantNo, withNames: false });
    expect(byNumber).toEqual([{ id: schulz.id, participantNo: schulz.participantNo, name: null, areaName: expect.any(String) }]);
  });

  it("limits the search to 50 matches", async () => {
    const fresh = await createProject();
    await createParticipants(fresh.id, 55, { lastName: "Meier" });
    expect(await searchParticipantsForAttendance(fresh.id, { q: "meier", withNames: true })).toHaveLength(50);
  });

  it("returns the group of the most recent session of the same series, else type", async () => {
    const fresh = await createProject();
    const kurs = await createActivityType(fresh.id, fresh.hf1, "Kurs");
    const beratung = await createActivityType(fresh.id, fresh.hf1, "Beratung");
    const people = await createParticipants(fresh.id, 5);
    const rows = (list: typeof people) => list.map((p) => ({ participantId: p.id, present: true }));
    await logActivity(fresh.id, { typeId: kurs.id, date: "01.03.2020", time: "10:00", duration: 60 }, rows(people.slice(0, 2)), actor);
    const latest = await logActivity(fresh.id, { typeId: kurs.id, date: "08.03.2020", time: "10:00", duration: 60 }, rows(people.slice(1, 4)), actor);
    await logActivity(fresh.id, { typeId: beratung.id, date: "09.03.2020", time: "10:00", duration: 60 }, rows(people.slice(4)), actor);

    const group = await lastSessionGroup(fresh.id, { typeId: kurs.id });
    expect(group?.activityId).toBe(latest.id);
    expect(group?.participantIds.sort()).toEqual(people.slice(1, 4).map((p) => p.id).sort());
    expect((await lastSessionGroup(fresh.id, { typeId: kurs.id, before: berlinToInstant(day("2020-03-05"), 0) }))?.participantIds).toHaveLength(2);
    expect((await lastSessionGroup(fresh.id, { typeId: kurs.id, excludeActivityId: latest.id }))?.participantIds).toHaveLength(2);
    expect((await lastSessionGroup(fresh.id, {}))?.participantIds).toEqual([people[4].id]);
    expect(await lastSessionGroup(other.id, { typeId: kurs.id })).toBeNull();

    const series = await createSeries(fresh.id, { typeId: kurs.id, date: "01.04.2020", time: "10:00", duration: 60, repeat: "weekly", weeks: 2, copyAttendees: true }, rows([people[0]]), actor);
    expect((await lastSessionGroup(fresh.id, { seriesId: series.seriesId }))?.participantIds).toEqual([people[0].id]);
  });

  it("describes attendees of the project only, in the given order, and echoes posted rows", async () => {
    const [a, b] = await createParticipants(project.id, 2);
    const [foreign] = await createParticipants(other.id, 1);
    expect((await describeAttendees(project.id, [b.id, foreign.id, a.id], false)).map((p) => p.id)).toEqual([b.id, a.id]);
    const echoed = await echoAttendeeRows(project.id, [{ participantId: a.id, present: false, minutes: "3" }, { participantId: foreign.id, present: true, minutes: "" }], true);
    expect(echoed).toEqual([expect.objectContaining({ id: a.id, present: false, hours: null, name: expect.stringContaining("Nachname") })]);
    // rows with the duration's hours keep following the duration field; others keep what was typed
    const rows = await echoAttendeeRows(project.id, [{ participantId: a.id, present: true, minutes: "1,5" }, { participantId: b.id, present: true, minutes: "2" }], false, "1,5");
    expect(rows.map((r) => [r.id, r.hours, r.name])).toEqual([[a.id, null, null], [b.id, "2", null]]);
  });
});

describe("activity types", () => {
  it("seeds the default catalogue per action field once, audited", async () => {
    const fresh = await createProject();
    const lead = await createUser("Lena Lehmann");
    const created = await ensureDefaultActivityTypes(fresh.id, lead);
    expect(created).toBe(DEFAULT_ACTIVITY_TYPES.employment.length + DEFAULT_ACTIVITY_TYPES.economy.length);
    expect(await ensureDefaultActivityTypes(fresh.id, lead)).toBe(0);
    const types = await listActivityTypes(fresh.id);
    expect(types.filter((t) => t.actionFieldId === fresh.hf1).map((t) => t.name)).toEqual(DEFAULT_ACTIVITY_TYPES.employment);
    expect(types.filter((t) => t.actionFieldId === fresh.hf2).map((t) => t.name)).toContain("Beratung lokaler Unternehmen");
    expect(await db.auditEvent.count({ where: { projectId: fresh.id, entity: "ActivityType", action: "create" } })).toBe(2);
  });

  it("creates, renames and deactivates types; names are unique per action field; used types are deactivated, not deleted", async () => {
    const fresh = await createProject();
    const lead = await createUser("Lena Lehmann");
    const { id } = await createTypeViaService(fresh.id, { actionFieldId: fresh.hf1, name: "Kreativkurs", sortOrder: "5" }, lead);
    expect((await auditOf("ActivityType", id))[0]).toMatchObject({ action: "create", fields: ["actionFieldId", "name", "sortOrder"] });
    const duplicate = await validationError(createTypeViaService(fresh.id, { actionFieldId: fresh.hf1, name: "Kreativkurs" }, lead));
    expect(duplicate.fieldErrors).toEqual({ name: ["activities.error.typeExists"] });
    await createTypeViaService(fresh.id, { actionFieldId: fresh.hf2, name: "Kreativkurs" }, lead);
    const foreignField = await validationError(createTypeViaService(fresh.id, { actionFieldId: other.hf1, name: "X" }, lead));
    expect(foreignField.fieldErrors).toEqual({ actionFieldId: ["activities.error.actionFieldUnknown"] });
    const invalid = await validationError(createTypeViaService(fresh.id, { actionFieldId: fresh.hf1, name: " ", sortOrder: "-1" }, lead));
    expect(invalid.fieldErrors).toEqual({ name: ["validation.required"], sortOrder: ["activities.error.sortOrder"] });

    await updateActivityType(fresh.id, id, { name: "Kreativwerkstatt", sortOrder: 5, active: "on" }, lead);
    expect((await auditOf("ActivityType", id)).at(-1)).toMatchObject({ action: "update", fields: ["name"] });
    expect(await statusOf(updateActivityType(other.id, id, { name: "X", active: true }, lead))).toBe(404);

    await logActivity(fresh.id, { typeId: id, date: "01.03.2020", time: "10:00", duration: 60 }, [], actor);
    expect(await deleteActivityType(fresh.id, id, lead)).toEqual({ deactivated: true });
    const [type] = (await listActivityTypes(fresh.id, { includeInactive: true })).filter((t) => t.id === id);
    expect(type).toMatchObject({ active: false, usage: 1 });
    expect((await listActivityTypes(fresh.id)).some((t) => t.id === id)).toBe(false);
    expect((await getActivityFormOptions(fresh.id, id)).types.some((t) => t.id === id)).toBe(true);

    const unused = await createTypeViaService(fresh.id, { actionFieldId: fresh.hf1, name: "Einmalig" }, lead);
    expect(await deleteActivityType(fresh.id, unused.id, lead)).toEqual({ deactivated: false });
    expect(await db.activityType.count({ where: { id: unused.id } })).toBe(0);
    expect((await auditOf("ActivityType", unused.id)).at(-1)).toMatchObject({ action: "delete" });
    expect(await statusOf(deleteActivityType(other.id, id, lead))).toBe(404);
  });
});
