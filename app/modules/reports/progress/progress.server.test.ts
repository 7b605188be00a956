// The progress report's service against a real database, with every figure worked out by hand from the
// fixture below: activity summary by type, area and action field (Berlin days at the year's edges,
// absent attendees, people counted once), milestones and targets of the period, narratives with
// optimistic concurrency, validation, audit and the period lock.
import { beforeAll, describe, expect, it } from "vitest";
import { berlinToInstant } from "~/modules/activities/schema";
import { PeriodLockedError } from "~/modules/periods/lock.server";
import { addMember, auditOf, createParticipant, createProject, createUser, day, type ProjectFixture } from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { buildProgressReport, NarrativeConflictError, resolveProgressRange, saveNarrative } from "./progress.server";
import { defaultProgressPeriod, NARRATIVE_MAX_LENGTH, progressPeriodPresets } from "./schema";

const NOW = new Date("2021-07-01T10:00:00.000Z");
const YEAR_2021 = { from: day("2021-01-01"), to: day("2021-12-31") };

let project: ProjectFixture;
let other: ProjectFixture;
let hf1: string;
let hf2: string;
let areaA: string;
let areaB: string;
let leadId: string;
const types: Record<"t1" | "t2" | "t3", string> = { t1: "", t2: "", t3: "" };

/** An activity at a Berlin wall-clock time ("2021-03-10", "09:00"). */
async function activity(type: keyof typeof types, values: { date: string; time: string; minutes: number; areaId: string | null; fieldId: string }) {
  const [h, m] = values.time.split(":").map(Number);
  return db.activity.create({
    data: {
      projectId: project.id,
      typeId: types[type],
      actionFieldId: values.fieldId,
      areaId: values.areaId,
      title: `Termin ${values.date}`,
      startsAt: berlinToInstant(day(values.date), h * 60 + m),
      durationMinutes: values.minutes,
    },
    select: { id: true },
  });
}

async function attend(activityId: string, participantId: string, minutes: number, present = true) {
  await db.attendance.create({ data: { activityId, participantId, minutes, present } });
}

beforeAll(async () => {
  project = await createProject({ start: "2020-01-01", end: "2022-12-31", areas: 2, actionFields: 2 });
  other = await createProject({ actionFields: 1 });
  [hf1, hf2] = project.actionFieldIds;
  [areaA, areaB] = project.areaIds;
  await db.actionField.update({ where: { id: hf1 }, data: { sortOrder: 1, name: "Beschäftigung" } });
  await db.actionField.update({ where: { id: hf2 }, data: { sortOrder: 2, name: "Lokale Ökonomie" } });
  leadId = (await createUser("Lea Leitung")).id;
  await addMember(project.id, leadId, "lead");

  types.t1 = (await db.activityType.create({ data: { projectId: project.id, actionFieldId: hf1, name: "Bewerbungstraining", sortOrder: 1 } })).id;
  types.t2 = (await db.activityType.create({ data: { projectId: project.id, actionFieldId: hf1, name: "Coaching", sortOrder: 2 } })).id;
  types.t3 = (await db.activityType.create({ data: { projectId: project.id, actionFieldId: hf2, name: "Unternehmensberatung", sortOrder: 1 } })).id;
  const [p1, p2, p3, p4] = await Promise.all([1, 2, 3, 4].map(() => createParticipant(project.id, { entryDate: day("2020-06-01") })));

  // A1: T1, area A: p1 120, p2 90 present, p3 absent.
  const a1 = await activity("t1", { date: "2021-03-10", time: "09:00", minutes: 120, areaId: areaA, fieldId: hf1 });
  await attend(a1.id, p1.id, 120);
  await attend(a1.id, p2.id, 90);
  await attend(a1.id, p3.id, 0, false);
  // A2: T1, area A: p1 120, p3 120.
  const a2 = await activity("t1", { date: "2021-03-17", time: "09:00", minutes: 120, areaId: areaA, fieldId: hf1 });
  await attend(a2.id, p1.id, 120);
  await attend(a2.id, p3.id, 120);
  // A3: T2, area B: p2 60, p4 30.
  const a3 = await activity("t2", { date: "2021-06-01", time: "14:00", minutes: 60, areaId: areaB, fieldId: hf1 });
  await attend(a3.id, p2.id, 60);
  await attend(a3.id, p4.id, 30);
  // A4: T3, no area, 31.12.2021 23:30 in Berlin (22:30 UTC): still 2021.
  const a4 = await activity("t3", { date: "2021-12-31", time: "23:30", minutes: 45, areaId: null, fieldId: hf2 });
  await attend(a4.id, p1.id, 45);
  // A5: T1 on 01.01.2022 00:30 in Berlin (still 2021 in UTC): not in 2021.
  const a5 = await activity("t1", { date: "2022-01-01", time: "00:30", minutes: 60, areaId: areaA, fieldId: hf1 });
  await attend(a5.id, p4.id, 60);
  // A6: T1 in 2020: outside.
  const a6 = await activity("t1", { date: "2020-12-31", time: "12:00", minutes: 30, areaId: areaA, fieldId: hf1 });
  await attend(a6.id, p2.id, 30);

  await db.milestone.createMany({
    data: [
      { projectId: project.id, title: "Kooperationsvertrag Jobcenter", dueDate: day("2021-05-01"), status: "planned", actionFieldId: hf1 },
      { projectId: project.id, title: "Auftaktveranstaltung", dueDate: day("2020-11-01"), status: "done", completedAt: day("2021-02-01") },
      { projectId: project.id, title: "Zwischenbilanz", dueDate: day("2022-02-01"), status: "planned" },
    ],
  });
  await db.target.createMany({
    data: [
      { projectId: project.id, indicator: "activities_held", year: 2021, targetValue: 10 },
      { projectId: project.id, indicator: "hours_delivered", year: 2020, targetValue: 5 },
      { projectId: project.id, indicator: "activities_held", year: null, targetValue: 40 },
    ],
  });
});

describe("buildProgressReport: activity summary", () => {
  it("counts activities, scheduled and attendance hours and distinct people per type, area and action field", async () => {
    const report = await buildProgressReport(project.id, YEAR_2021, { now: NOW });
    const figures = (row: { activities: number; durationMinutes: number; attendanceMinutes: number; participants: number }) => [
      row.activities,
      row.durationMinutes,
      row.attendanceMinutes,
      row.participants,
    ];
    // A1–A4; durations 120+120+60+45; present minutes 120+90+120+120+60+30+45; p1–p4 (p3 only via A2).
    expect(figures(report.activities.total)).toEqual([4, 345, 585, 4]);
    expect(report.activities.byType.map((row) => [row.label, row.actionFieldCode, ...figures(row)])).toEqual([
      ["Bewerbungstraining", expect.any(String), 2, 240, 450, 3],
      ["Coaching", expect.any(String), 1, 60, 90, 2],
      ["Unternehmensberatung", expect.any(String), 1, 45, 45, 1],
    ]);
    const byArea = new Map(report.activities.byArea.map((row) => [row.id, figures(row)]));
    expect(byArea.get(areaA)).toEqual([2, 240, 450, 3]);
    expect(byArea.get(areaB)).toEqual([1, 60, 90, 2]);
    expect(byArea.get(null)).toEqual([1, 45, 45, 1]);
    expect(report.activities.byArea.at(-1)?.label).toBe("ohne Programmgebiet");
    expect(report.activities.byActionField.map((row) => [row.id, ...figures(row)])).toEqual([
      [hf1, 3, 300, 540, 4],
      [hf2, 1, 45, 45, 1],
    ]);
  });

  it("takes the Berlin day at the year's edge: the 01.01.2022 00:30 session belongs to 2022", async () => {
    const report = await buildProgressReport(project.id, { from: day("2022-01-01"), to: day("2022-01-31") }, { now: NOW });
    expect([report.activities.total.activities, report.activities.total.attendanceMinutes, report.activities.total.participants]).toEqual([1, 60, 1]);
    expect(report.activities.byActionField.find((row) => row.id === hf2)?.activities).toBe(0);
  });

  it("lists every action field of the project even without activities, and nothing of another project", async () => {
    const report = await buildProgressReport(other.id, YEAR_2021, { now: NOW });
    expect(report.activities.total).toMatchObject({ activities: 0, durationMinutes: 0, attendanceMinutes: 0, participants: 0 });
    expect(report.activities.byActionField).toHaveLength(1);
    expect(report.activities.byType).toEqual([]);
  });
});

describe("buildProgressReport: milestones, targets, ESF, narratives", () => {
  it("shows milestones due or done in the period and the targets whose period overlaps it", async () => {
    const report = await buildProgressReport(project.id, YEAR_2021, { now: NOW });
    expect(report.milestones.map((m) => [m.title, m.dueInPeriod, m.doneInPeriod])).toEqual([
      ["Auftaktveranstaltung", false, true],
      ["Kooperationsvertrag Jobcenter", true, false],
    ]);
    // The 2020 target is left out; 2021 counts A1–A4; the whole duration also A5 and A6.
    expect(report.targets.map((t) => [t.label, t.year, t.targetValue, t.actual])).toEqual([
      ["Durchgeführte Aktivitäten", null, 40, 6],
      ["Durchgeführte Aktivitäten", 2021, 10, 4],
    ]);
  });

  it("includes the ESF table only when asked (report:esf) and orders the narrative slots", async () => {
    const without = await buildProgressReport(project.id, YEAR_2021, { now: NOW });
    expect(without.esf).toBeNull();
    const withEsf = await buildProgressReport(project.id, YEAR_2021, { now: NOW, includeEsf: true });
    expect(withEsf.esf?.report.from).toBe("2021-01-01");
    expect(withEsf.esf?.report.indicators.EECO01.total).toBe(0);
    expect(without.narratives.map((n) => n.key)).toEqual(["summary", `action_field:${hf1}`, `action_field:${hf2}`, "challenges", "outlook"]);
    expect(without.narratives.every((n) => n.body === "" && n.version === 0)).toBe(true);
  });

  it("defaults to the project's calendar year containing today and refuses periods outside the project", async () => {
    const report = await buildProgressReport(project.id, {}, { now: NOW });
    expect([report.from, report.to]).toEqual(["2021-01-01", "2021-12-31"]);
    expect(defaultProgressPeriod({ startDate: day("2020-03-01"), endDate: day("2022-06-30") }, new Date("2025-01-01"))).toEqual({ from: "2022-01-01", to: "2022-06-30" });
    expect(() => resolveProgressRange({ startDate: day("2020-01-01"), endDate: day("2022-12-31") }, { from: day("2019-12-01"), to: day("2020-12-31") })).toThrow(ValidationError);
    expect(() => resolveProgressRange({ startDate: day("2020-01-01"), endDate: day("2022-12-31") }, { from: day("2021-02-01"), to: day("2021-01-01") })).toThrow(ValidationError);
    expect(progressPeriodPresets({ startDate: "2020-03-01", endDate: "2020-12-31" })).toEqual([
      { kind: "year", year: 2020, from: "2020-03-01", to: "2020-12-31" },
      { kind: "half", year: 2020, half: 1, from: "2020-03-01", to: "2020-06-30" },
      { kind: "half", year: 2020, half: 2, from: "2020-07-01", to: "2020-12-31" },
    ]);
  });
});

describe("saveNarrative", () => {
  const base = { from: "2021-01-01", to: "2021-12-31" };

  it("creates, updates and audits a narrative, and the report shows it with its author", async () => {
    const created = await saveNarrative(project.id, { id: leadId }, { ...base, section: "summary", body: "Erstes Jahr: 120 Teilnehmende erreicht.\n\n", version: "0" });
    expect(created.version).toBe(1);
    const updated = await saveNarrative(project.id, { id: leadId }, { ...base, section: "summary", body: "Erstes Jahr: 125 Teilnehmende erreicht.", version: 1 });
    expect(updated).toMatchObject({ id: created.id, version: 2 });
    const field = await saveNarrative(project.id, { id: leadId }, { ...base, section: "action_field", actionFieldId: hf2, body: "Beratung von 12 Betrieben.", version: 0 });

    const report = await buildProgressReport(project.id, YEAR_2021, { now: NOW });
    const summary = report.narratives.find((n) => n.key === "summary")!;
    expect(summary).toMatchObject({ body: "Erstes Jahr: 125 Teilnehmende erreicht.", version: 2, updatedByName: "Lea Leitung" });
    expect(report.narratives.find((n) => n.key === `action_field:${hf2}`)?.body).toBe("Beratung von 12 Betrieben.");
    // Another period has its own texts.
    const half = await buildProgressReport(project.id, { from: day("2021-01-01"), to: day("2021-06-30") }, { now: NOW });
    expect(half.narratives.every((n) => n.body === "")).toBe(true);

    const audit = await auditOf("ReportNarrative", created.id);
    expect(audit.map((a) => [a.action, a.fields])).toEqual([
      ["create", ["body"]],
      ["update", ["body"]],
    ]);
    expect(audit[0].note).toBe("section=summary from=2021-01-01 to=2021-12-31");
    expect(JSON.stringify(audit)).not.toContain("Teilnehmende");
    expect((await auditOf("ReportNarrative", field.id))[0].note).toContain(`actionField=${hf2}`);
  });

  it("refuses a stale save with the stored text and writes nothing; an unchanged text writes nothing either", async () => {
    const first = await saveNarrative(project.id, { id: leadId }, { ...base, section: "outlook", body: "Plan A", version: 0 });
    await saveNarrative(project.id, { id: leadId }, { ...base, section: "outlook", body: "Plan B", version: first.version });
    const stale = saveNarrative(project.id, { id: leadId }, { ...base, section: "outlook", body: "Plan C", version: first.version });
    await expect(stale).rejects.toBeInstanceOf(NarrativeConflictError);
    const error = (await stale.catch((e) => e)) as NarrativeConflictError;
    expect(error.current).toMatchObject({ body: "Plan B", version: 2, updatedByName: "Lea Leitung" });
    // A second "first" save of the same slot conflicts too (no duplicate row).
    await expect(saveNarrative(project.id, { id: leadId }, { ...base, section: "outlook", body: "Plan D", version: 0 })).rejects.toBeInstanceOf(NarrativeConflictError);
    expect(await db.reportNarrative.count({ where: { projectId: project.id, section: "outlook" } })).toBe(1);

    const before = (await auditOf("ReportNarrative", first.id)).length;
    expect(await saveNarrative(project.id, { id: leadId }, { ...base, section: "outlook", body: "Plan B  \n", version: 2 })).toMatchObject({ id: first.id, version: 2 });
    expect((await auditOf("ReportNarrative", first.id)).length).toBe(before);
  });

  it("lets exactly one of two simultaneous first saves of a slot win", async () => {
    const save = (body: string) => saveNarrative(project.id, { id: leadId }, { ...base, section: "challenges", body, version: 0 });
    const results = await Promise.allSettled([save("Text A"), save("Text B")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(NarrativeConflictError);
    expect(await db.reportNarrative.count({ where: { projectId: project.id, section: "challenges" } })).toBe(1);
  });

  it("validates the input and changes nothing on bad input", async () => {
    const count = () => db.reportNarrative.count({ where: { projectId: project.id } });
    const before = await count();
    const fieldErrors = async (input: Record<string, unknown>) => {
      const error = await saveNarrative(project.id, { id: leadId }, input).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors;
    };
    expect(await fieldErrors({ ...base, section: "summary", body: "x".repeat(NARRATIVE_MAX_LENGTH + 1), version: 0 })).toEqual({ body: ["reports.progress.bodyTooLong"] });
    expect(await fieldErrors({ ...base, section: "fazit", body: "x", version: 0 })).toHaveProperty("section");
    expect(await fieldErrors({ ...base, section: "action_field", actionFieldId: other.actionFieldIds[0], body: "x", version: 0 })).toEqual({ actionFieldId: ["reports.progress.actionFieldUnknown"] });
    expect(await fieldErrors({ ...base, section: "summary", actionFieldId: hf1, body: "x", version: 0 })).toHaveProperty("actionFieldId");
    expect(await fieldErrors({ from: "2019-01-01", to: "2019-12-31", section: "summary", body: "x", version: 0 })).toHaveProperty("from");
    expect(await fieldErrors({ from: "2021-12-31", to: "2021-01-01", section: "summary", body: "x", version: 0 })).toHaveProperty("to");
    expect(await fieldErrors({ from: "31.02.2021", to: "2021-12-31", section: "summary", body: "x", version: 0 })).toHaveProperty("from");
    expect(await fieldErrors({ ...base, section: "summary", body: "x", version: "-1" })).toHaveProperty("version");
    expect(await count()).toBe(before);
  });

  it("is refused while the period overlaps a closed reporting period, and allowed after reopening", async () => {
    const locked = await createProject({ start: "2020-01-01", end: "2022-12-31" });
    const period = await db.reportingPeriod.create({
      data: { projectId: locked.id, start: day("2021-01-01"), end: day("2021-06-30"), lockedAt: new Date("2021-07-05T10:00:00Z") },
    });
    const attempt = saveNarrative(locked.id, { id: leadId }, { ...base, section: "summary", body: "Text", version: 0 });
    await expect(attempt).rejects.toBeInstanceOf(PeriodLockedError);
    expect(await db.reportNarrative.count({ where: { projectId: locked.id } })).toBe(0);
    // Another period that does not touch the closed one stays writable.
    await expect(saveNarrative(locked.id, { id: leadId }, { from: "2021-07-01", to: "2021-12-31", section: "summary", body: "Text", version: 0 })).resolves.toMatchObject({ version: 1 });
    await db.reportingPeriod.update({ where: { id: period.id }, data: { reopenedAt: new Date("2021-07-06T10:00:00Z") } });
    await expect(saveNarrative(locked.id, { id: leadId }, { ...base, section: "summary", body: "Text", version: 0 })).resolves.toMatchObject({ version: 1 });
  });
});
