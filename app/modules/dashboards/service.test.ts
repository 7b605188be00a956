// Dashboard and portfolio figures, worked out by hand from the small fixture below; target actuals are
// also compared with targets/actuals.server.ts, and the SQL counts of every ESF indicator with the ESF
// report's JS rules (reports/esf-indicators.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { ESF_INDICATORS } from "~/modules/participants/codes";
import { computeEsfReport } from "~/modules/reports/esf-indicators";
import { loadEsfReportInput } from "~/modules/reports/esf.server";
import { computeTargetProgress } from "~/modules/targets/actuals.server";
import { addTargetActual, createTarget } from "~/modules/targets/service.server";
import {
  addMember,
  attend,
  createActivity,
  createOrganisation,
  createParticipant,
  createProject,
  createUser,
  day,
  type ProjectFixture,
} from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import { loadProjectAggregates, targetActualOf } from "./aggregates.server";
import { DAYS_PER_MONTH } from "./projection";
import { canSeePortfolio, loadPortfolio, loadProjectDashboard, periodPresets } from "./service.server";

// Today: 01.07.2021 in Germany. Project 01.03.2020–30.06.2022.
const NOW = new Date("2021-07-01T10:00:00.000Z");
const SECRET_NAME = "Hannelore";

let project: ProjectFixture;
let areaA: string;
let areaB: string;
let fieldA: string;
let fieldB: string;
let userId: string;
const targetIds: Record<string, string> = {};

beforeAll(async () => {
  project = await createProject({ start: "2020-03-01", end: "2022-06-30", areas: 2, actionFields: 2 });
  [areaA, areaB] = project.areaIds;
  [fieldA, fieldB] = project.actionFieldIds;
  userId = (await createUser()).id;

  const p1 = await createParticipant(project.id, {
    gender: "female", employmentStatus: "unemployed", entryDate: day("2020-05-10"), areaId: areaA,
    exitDate: day("2021-02-01"), exitStatus: "employed", qualificationGained: true, employabilityImproved: true,
  });
  await db.participantIdentity.create({
    data: { participantId: p1.id, projectId: project.id, firstName: SECRET_NAME, lastName: "Prüfname", searchName: "prüfname hannelore", postcode: "03149" },
  });
  const p2 = await createParticipant(project.id, {
    gender: "male", employmentStatus: "inactive", entryDate: day("2021-01-15"), areaId: areaB,
    exitDate: day("2021-06-30"), exitStatus: "job_searching", employabilityImproved: true,
  });
  const p3 = await createParticipant(project.id, { gender: "diverse", employmentStatus: "employed", entryDate: day("2021-07-01"), areaId: areaA });
  // incomplete: counts as entered and left, never for ESF figures
  await createParticipant(project.id, {
    gender: null, isComplete: false, missingFields: "gender", entryDate: day("2021-03-01"), areaId: areaA,
    exitDate: day("2021-06-01"), exitStatus: "employed", employabilityImproved: true,
  });
  // entered before the project, left in 2020
  await createParticipant(project.id, {
    employmentStatus: "unemployed", longTermUnemployed: true, entryDate: day("2019-12-01"), areaId: areaA,
    exitDate: day("2020-04-01"), exitStatus: "education_training", employabilityImproved: true,
  });
  await createParticipant(project.id, {
    gender: "male", entryDate: day("2020-04-01"), areaId: areaB, exitDate: day("2020-10-01"), exitStatus: "other", employabilityImproved: false,
  });
  // no entry date: incomplete, part of the base of the complete-records share
  await createParticipant(project.id, { entryDate: null, isComplete: false, missingFields: "entry_date", areaId: areaB });
  // another project's participant never counts
  const foreign = await createProject({ start: "2020-03-01", end: "2022-06-30" });
  await createParticipant(foreign.id, { entryDate: day("2021-01-01"), exitDate: day("2021-02-01"), employabilityImproved: true });

  await createOrganisation(project.id, { kind: "business", sizeClass: "micro", firstSupportDate: day("2020-06-01"), areaId: areaA });
  await createOrganisation(project.id, { kind: "public_body", sizeClass: null, firstSupportDate: day("2021-02-02"), areaId: areaB });
  await createOrganisation(project.id, { kind: "business", sizeClass: "large", firstSupportDate: day("2021-03-03"), areaId: areaA });
  await createOrganisation(project.id, { kind: "business", sizeClass: "micro", firstSupportDate: null });

  // 31.12.2020 23:30 in Berlin (December) and 01.01.2021 00:30 in Berlin (January)
  const a1 = await createActivity(project, { startsAt: new Date("2020-12-31T22:30:00.000Z"), areaId: areaA });
  const a2 = await createActivity(project, { startsAt: new Date("2020-12-31T23:30:00.000Z"), areaId: areaB });
  const a4 = await createActivity(project, { startsAt: new Date("2019-06-01T08:00:00.000Z"), areaId: areaA });
  const type = await db.activityType.create({ data: { projectId: project.id, actionFieldId: fieldB, name: "Unternehmensberatung" }, select: { id: true } });
  const a3 = await db.activity.create({
    data: { projectId: project.id, typeId: type.id, actionFieldId: fieldB, title: "Beratung", startsAt: new Date("2021-05-05T08:00:00.000Z"), durationMinutes: 60, areaId: areaA },
    select: { id: true },
  });
  await attend(a1.id, p1.id, 90);
  await attend(a1.id, p3.id, 90);
  await attend(a1.id, p2.id, 90, false); // absent: no hours
  await attend(a2.id, p3.id, 30);
  await attend(a3.id, p1.id, 45);
  await attend(a3.id, p2.id, 75);
  await attend(a4.id, p1.id, 600); // before the project

  await db.milestone.createMany({
    data: [
      { projectId: project.id, title: "Auftakt", dueDate: day("2020-06-30"), status: "done", actionFieldId: fieldA },
      { projectId: project.id, title: "Marktplatz", dueDate: day("2021-06-15"), status: "planned", actionFieldId: fieldB },
      { projectId: project.id, title: "Zwischenbilanz", dueDate: day("2021-07-10"), status: "in_progress" },
      { projectId: project.id, title: "Abschluss", dueDate: day("2022-05-01"), status: "planned", actionFieldId: fieldA },
    ],
  });

  await db.budgetLine.createMany({
    data: [
      { projectId: project.id, year: 2020, category: "staff", amountCents: 100_000 },
      { projectId: project.id, year: 2021, category: "fees", amountCents: 50_000 },
    ],
  });
  await db.expense.createMany({
    data: [
      { projectId: project.id, date: day("2020-05-01"), category: "staff", payee: "Lena Lehmann", purpose: "Gehalt", receiptNo: "B-1", amountCents: 25_000 },
      { projectId: project.id, date: day("2021-02-01"), category: "material", payee: "Bürobedarf", purpose: "Papier", receiptNo: "B-2", amountCents: 10_000 },
    ],
  });

  const targets: [string, Parameters<typeof createTarget>[2]][] = [
    ["eeco01", { indicator: "EECO01", targetValue: 10 }],
    ["eeco01_2021", { indicator: "EECO01", year: 2021, targetValue: 2 }],
    ["eeco01_2021_a", { indicator: "EECO01", year: 2021, areaId: areaA, targetValue: 4 }],
    ["eeco02", { indicator: "EECO02", targetValue: 3 }],
    ["eeco03", { indicator: "EECO03", targetValue: 1 }],
    ["eeco06", { indicator: "EECO07", targetValue: 1 }],
    ["eecr04", { indicator: "EECR04", targetValue: 1 }],
    ["eecr02_2020", { indicator: "EECR02", year: 2020, targetValue: 1 }],
    ["eecr03", { indicator: "EECR03", targetValue: 2 }],
    ["eeco18", { indicator: "EECO18", targetValue: 2 }],
    ["eeco19", { indicator: "EECO19", targetValue: 2 }],
    ["employability", { indicator: "employability_improved", targetValue: 6 }],
    ["employability_2021_b", { indicator: "employability_improved", year: 2021, areaId: areaB, targetValue: 1 }],
    ["businesses", { indicator: "businesses_supported", targetValue: 3 }],
    ["activities", { indicator: "activities_held", targetValue: 10 }],
    ["activities_2021", { indicator: "activities_held", year: 2021, targetValue: 1 }],
    ["hours", { indicator: "hours_delivered", targetValue: 20 }],
    ["custom", { indicator: "custom", customName: "Netzwerktreffen", targetValue: 12 }],
  ];
  for (const [key, input] of targets) targetIds[key] = (await createTarget(project.id, userId, input)).id;
  await addTargetActual(project.id, userId, targetIds.custom, { date: "15.03.2021", value: "4" });
  await addTargetActual(project.id, userId, targetIds.custom, { date: "10.06.2021", value: "2" });
});

describe("loadProjectDashboard", () => {
  it("counts participants, outcomes, records and activities over the project duration", async () => {
    const dashboard = await loadProjectDashboard(project.id, {}, NOW, { withBudget: true });
    expect(dashboard.filter).toEqual({ from: "2020-03-01", to: "2022-06-30", areaId: null, actionFieldId: null });
    expect(dashboard.today).toBe("2021-07-01");
    const f = dashboard.figures;
    // entered in the duration: p1, p2, p3, the incomplete one, p6 (p5 entered before the project)
    expect(f.entered).toBe(5);
    expect(f.exited).toBe(5);
    // in the project on 01.07.2021 (today, before the period's end): only p3
    expect([f.active, f.activeOn]).toEqual([1, "2021-07-01"]);
    // 1 woman among 4 entries with a known gender
    expect(f.femalePercent).toBe(25);
    // 4 complete of 5 entries + 1 without entry date
    expect([f.complete, f.completeBase, f.withoutEntryDate]).toEqual([4, 6, 1]);
    expect(f.completePercent).toBeCloseTo(66.667, 2);
    // a1 (Berlin 31.12.2020), a2 (Berlin 01.01.2021), a3; a4 lies before the project; 180 + 30 + 120 minutes
    expect([f.activities, f.hours]).toEqual([3, 5.5]);
    expect(f.milestones).toEqual({ total: 4, done: 1, open: 3, overdue: 1, dueSoon: 1 });

    expect(Object.fromEntries(dashboard.outcomes.map((o) => [o.status, o.count]))).toEqual({
      job_searching: 1, education_training: 1, employed: 2, self_employed: 0, other: 1, none: 0,
    });
    expect([dashboard.qualificationGained, dashboard.employabilityImproved]).toEqual([1, 4]);

    expect(dashboard.months[0]).toBe("2020-03");
    expect(dashboard.months.at(-1)).toBe("2022-06");
    const month = (m: string) => dashboard.participantsByMonth.find((row) => row.month === m);
    expect(month("2020-04")).toEqual({ month: "2020-04", entered: 1, exited: 1, active: 1 });
    expect(month("2020-05")).toEqual({ month: "2020-05", entered: 1, exited: 0, active: 2 });
    expect(month("2021-06")).toEqual({ month: "2021-06", entered: 0, exited: 2, active: 0 });
    expect(month("2021-07")).toEqual({ month: "2021-07", entered: 1, exited: 0, active: 1 });
    expect(month("2021-08")).toEqual({ month: "2021-08", entered: 0, exited: 0, active: 0 });

    const activityMonth = (m: string) => dashboard.activitiesByMonth.find((row) => row.month === m)?.byField;
    expect(activityMonth("2020-12")).toEqual({ [fieldA]: { activities: 1, hours: 3 } });
    expect(activityMonth("2021-01")).toEqual({ [fieldA]: { activities: 1, hours: 0.5 } });
    expect(activityMonth("2021-05")).toEqual({ [fieldB]: { activities: 1, hours: 2 } });

    const area = (id: string) => dashboard.areas.find((a) => a.areaId === id);
    expect(area(areaA)).toMatchObject({ entered: 3, exited: 3, active: 1, activities: 2, hours: 5 });
    expect(area(areaA)!.completePercent).toBeCloseTo(66.667, 2);
    expect(area(areaB)).toMatchObject({ entered: 2, exited: 2, active: 0, activities: 1, hours: 0.5 });
    expect(area(areaB)!.completePercent).toBeCloseTo(66.667, 2);

    expect(dashboard.budget).toEqual({
      years: [
        { year: 2020, budgetCents: 100_000, actualCents: 25_000, usedBp: 2500 },
        { year: 2021, budgetCents: 50_000, actualCents: 10_000, usedBp: 2000 },
        { year: 2022, budgetCents: 0, actualCents: 0, usedBp: 0 },
      ],
      budgetCents: 150_000,
      actualCents: 35_000,
      usedBp: 2333,
    });
  });

  it("applies the period, programme area and action field filters", async () => {
    const half = await loadProjectDashboard(project.id, { from: day("2021-01-01"), to: day("2021-06-30") }, NOW, { withBudget: true });
    expect([half.figures.entered, half.figures.exited, half.figures.active, half.figures.activeOn]).toEqual([2, 3, 0, "2021-06-30"]);
    // a2 counts on 01.01.2021 in Germany, a1 does not
    expect([half.figures.activities, half.figures.hours]).toEqual([2, 2.5]);
    expect(half.months).toEqual(["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"]);
    expect(half.figures.milestones).toEqual({ total: 1, done: 0, open: 1, overdue: 1, dueSoon: 0 });
    expect(half.budget?.years.map((y) => y.year)).toEqual([2021]);
    expect(half.budget?.usedBp).toBe(2000);

    const inA = await loadProjectDashboard(project.id, { areaId: areaA }, NOW);
    expect([inA.figures.entered, inA.figures.exited, inA.figures.active]).toEqual([3, 3, 1]);
    expect([inA.figures.activities, inA.figures.hours]).toEqual([2, 5]);
    expect(inA.targets.map((t) => t.id)).toEqual([targetIds.eeco01_2021_a]);
    // without finance:read the budget is not loaded
    expect(inA.budget).toBeNull();

    const fieldFiltered = await loadProjectDashboard(project.id, { actionFieldId: fieldB }, NOW);
    expect([fieldFiltered.figures.activities, fieldFiltered.figures.hours]).toEqual([1, 2]);
    expect(fieldFiltered.milestones.map((m) => m.title)).toEqual(["Marktplatz"]);
    // participants have no action field: unchanged
    expect(fieldFiltered.figures.entered).toBe(5);

    // an id of another project's area is ignored
    const foreignArea = await loadProjectDashboard(project.id, { areaId: "not-an-area-of-this-project" }, NOW);
    expect(foreignArea.filter.areaId).toBeNull();
    expect(foreignArea.figures.entered).toBe(5);
  });

  it("counts every ESF indicator in SQL as the ESF report does in JS", async () => {
    const codes = [...ESF_INDICATORS, "EECO18", "EECO19"];
    const aggregates = await loadProjectAggregates(project.id, new Set(codes));
    for (const [from, to] of [["2020-03-01", "2022-06-30"], ["2021-01-01", "2021-12-31"], ["2019-01-01", "2020-12-31"]]) {
      const report = computeEsfReport(await loadEsfReportInput(project.id, { from: day(from), to: day(to) }));
      for (const code of codes) {
        const expected = report.indicators[code as keyof typeof report.indicators].total;
        expect({ code, from, actual: targetActualOf(code, { from, to }, null, aggregates) }).toEqual({ code, from, actual: expected });
      }
    }
  });

  it("computes target actuals exactly as the targets page does", async () => {
    const dashboard = await loadProjectDashboard(project.id, {}, NOW);
    const reference = await computeTargetProgress(project.id, NOW);
    expect(dashboard.targets).toHaveLength(reference.length);
    for (const expected of reference) {
      const actual = dashboard.targets.find((t) => t.id === expected.id)!;
      expect({ id: actual.id, actual: actual.actual, status: actual.status, percent: actual.percent }).toEqual({
        id: expected.id,
        actual: expected.actual,
        status: expected.status,
        percent: expected.percent,
      });
    }
    const byId = (key: string) => dashboard.targets.find((t) => t.id === targetIds[key])!;
    expect(byId("eeco01").actual).toBe(4);
    expect(byId("eecr04").actual).toBe(1);
    expect(byId("eeco19").actual).toBe(1);
    expect(byId("activities").actual).toBe(3);
    expect(byId("hours").actual).toBe(5.5);
    expect(byId("custom").actual).toBe(6);
  });

  it("projects a target with the trend of the last six months (hand-computed)", async () => {
    const dashboard = await loadProjectDashboard(project.id, {}, NOW);
    const eeco01 = dashboard.targets.find((t) => t.id === targetIds.eeco01)!;
    // complete entries: 04/2020, 05/2020, 01/2021, 01.07.2021. Window January–June 2021, cumulative from
    // the 2 before it: 2, 3, 3, 3, 3, 3, 3 → slope 3/28 per month; 364 days remain until 30.06.2022.
    expect(eeco01.projection.monthsUsed).toBe(6);
    expect(eeco01.projection.ratePerMonth).toBeCloseTo(3 / 28, 10);
    expect(eeco01.projection.projected).toBeCloseTo(4 + (3 / 28) * (364 / DAYS_PER_MONTH), 10);
    expect(eeco01.projection.reaches).toBe(false);
    expect(eeco01.status).toBe("behind");
    // a 2020 target is over: the projection is its actual
    const eecr02 = dashboard.targets.find((t) => t.id === targetIds.eecr02_2020)!;
    expect(eecr02.projection).toEqual({ ratePerMonth: null, projected: eecr02.actual, reaches: eecr02.actual >= 1, monthsUsed: 0 });
  });

  it("shows nothing personal", async () => {
    const dashboard = await loadProjectDashboard(project.id, {}, NOW, { withBudget: true });
    const text = JSON.stringify(dashboard);
    expect(text).not.toContain(SECRET_NAME);
    expect(text).not.toContain("TN-");
  });

  it("answers 404 for an unknown project", async () => {
    await expect(loadProjectDashboard("no-such-project", {}, NOW)).rejects.toMatchObject({ init: { status: 404 } });
  });
});

describe("periodPresets", () => {
  it("offers the project duration, this year and the last 12 months", () => {
    expect(periodPresets({ startDate: day("2020-03-01"), endDate: day("2022-06-30") }, NOW)).toEqual([
      { key: "project", from: "2020-03-01", to: "2022-06-30" },
      { key: "thisYear", from: "2021-01-01", to: "2021-12-31" },
      { key: "last12Months", from: "2020-07-02", to: "2021-07-01" },
    ]);
  });
});

describe("portfolio", () => {
  it("is open to admins and managers only, and lists the user's projects without personal data", async () => {
    const manager = await createUser("Manager");
    const coordinator = await createUser("Koordination");
    const other = await createProject({ start: "2021-01-01", end: "2021-12-31" });
    const unrelated = await createProject();
    await addMember(project.id, manager.id, "manager");
    await addMember(other.id, manager.id, "coordinator");
    await addMember(project.id, coordinator.id, "coordinator");

    expect(await canSeePortfolio({ id: manager.id, isAdmin: false })).toBe(true);
    expect(await canSeePortfolio({ id: coordinator.id, isAdmin: false })).toBe(false);
    expect(await canSeePortfolio({ id: coordinator.id, isAdmin: true })).toBe(true);

    const rows = await loadPortfolio({ id: manager.id, isAdmin: false }, NOW);
    expect(rows.map((r) => r.id).sort()).toEqual([project.id, other.id].sort());
    const main = rows.find((r) => r.id === project.id)!;
    expect(main.figures).toMatchObject({ entered: 5, exited: 5, active: 1, femalePercent: 25, activities: 3, hours: 5.5 });
    expect(main.figures.milestones).toEqual({ total: 4, done: 1, open: 3, overdue: 1, dueSoon: 1 });
    expect(main.figures.targets.total).toBe(18);
    expect(main.budget).toEqual({ budgetCents: 150_000, actualCents: 35_000, usedBp: 2333 });
    // a coordinator role in the other project: no finance figures there
    expect(rows.find((r) => r.id === other.id)!.budget).toBeNull();

    const text = JSON.stringify(rows);
    expect(text).not.toContain(SECRET_NAME);
    expect(text).not.toContain("TN-");
    expect(text).not.toContain("Marktplatz");

    const adminRows = await loadPortfolio({ id: coordinator.id, isAdmin: true }, NOW);
    expect(adminRows.map((r) => r.id)).toEqual(expect.arrayContaining([project.id, other.id, unrelated.id]));
  });
});
