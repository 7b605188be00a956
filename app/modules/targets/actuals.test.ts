// Actuals computed from records, with numbers worked out by hand from the fixture below.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { computeTargetProgress, countTargetsBehind } from "./actuals.server";
import { addTargetActual, createTarget } from "./service.server";
import { attend, createActivity, createOrganisation, createParticipant, createProject, createUser, day, type ProjectFixture } from "./steering-test-helpers";

// Today: 01.07.2021. Project 01.03.2020–30.06.2022 (852 days; 488 of them passed by today).
const NOW = new Date("2021-07-01T10:00:00.000Z");

let project: ProjectFixture;
let areaA: string;
let areaB: string;
let userId: string;
const targetIds: Record<string, string> = {};

beforeAll(async () => {
  project = await createProject({ start: "2020-03-01", end: "2022-06-30", areas: 2 });
  [areaA, areaB] = project.areaIds;
  userId = (await createUser()).id;

  const p1 = await createParticipant(project.id, {
    gender: "female", employmentStatus: "unemployed", entryDate: day("2020-05-10"), areaId: areaA,
    exitDate: day("2021-02-01"), exitStatus: "employed", qualificationGained: true, employabilityImproved: true,
  });
  const p2 = await createParticipant(project.id, {
    gender: "male", employmentStatus: "inactive", entryDate: day("2021-01-15"), areaId: areaB,
    exitDate: day("2021-06-30"), exitStatus: "job_searching", employabilityImproved: true,
  });
  const p3 = await createParticipant(project.id, { gender: "diverse", employmentStatus: "employed", entryDate: day("2021-07-01"), areaId: areaA });
  // incomplete: counts nowhere, even with an improved employability
  await createParticipant(project.id, {
    gender: null, isComplete: false, missingFields: "gender", entryDate: day("2021-03-01"), areaId: areaA,
    exitDate: day("2021-06-01"), exitStatus: "employed", employabilityImproved: true,
  });
  // entered before the project, left in 2020: counts for results of 2020, not for outputs
  await createParticipant(project.id, {
    employmentStatus: "unemployed", longTermUnemployed: true, entryDate: day("2019-12-01"), areaId: areaA,
    exitDate: day("2020-04-01"), exitStatus: "education_training", employabilityImproved: true,
  });
  await createParticipant(project.id, {
    gender: "male", entryDate: day("2020-04-01"), areaId: areaB, exitDate: day("2020-10-01"), exitStatus: "other", employabilityImproved: false,
  });
  // another project's participant never counts
  const foreign = await createProject({ start: "2020-03-01", end: "2022-06-30" });
  await createParticipant(foreign.id, { entryDate: day("2021-01-01"), exitDate: day("2021-02-01"), employabilityImproved: true });

  await createOrganisation(project.id, { kind: "business", sizeClass: "micro", firstSupportDate: day("2020-06-01"), areaId: areaA });
  await createOrganisation(project.id, { kind: "public_body", sizeClass: null, firstSupportDate: day("2021-02-02"), areaId: areaB });
  await createOrganisation(project.id, { kind: "business", sizeClass: "large", firstSupportDate: day("2021-03-03"), areaId: areaA });
  await createOrganisation(project.id, { kind: "business", sizeClass: "micro", firstSupportDate: null });
  await createOrganisation(project.id, { kind: "business", sizeClass: "small", firstSupportDate: day("2019-01-01") });

  // 31.12.2020 23:30 in Berlin (2020) and 01.01.2021 00:30 in Berlin (2021)
  const a1 = await createActivity(project, { startsAt: new Date("2020-12-31T22:30:00.000Z"), areaId: areaA });
  const a2 = await createActivity(project, { startsAt: new Date("2020-12-31T23:30:00.000Z"), areaId: areaB });
  const a3 = await createActivity(project, { startsAt: new Date("2021-05-05T08:00:00.000Z"), areaId: areaA });
  const a4 = await createActivity(project, { startsAt: new Date("2019-06-01T08:00:00.000Z"), areaId: areaA });
  await attend(a1.id, p1.id, 90);
  await attend(a1.id, p3.id, 90);
  await attend(a1.id, p2.id, 90, false); // absent: no hours
  await attend(a2.id, p3.id, 30);
  await attend(a3.id, p1.id, 45);
  await attend(a3.id, p2.id, 75);
  await attend(a4.id, p1.id, 600); // before the project

  const targets: [string, Parameters<typeof createTarget>[2]][] = [
    ["eeco01", { indicator: "EECO01", targetValue: 10 }],
    ["eeco01_2021", { indicator: "EECO01", year: 2021, targetValue: 2 }],
    ["eeco01_2021_a", { indicator: "EECO01", year: 2021, areaId: areaA, targetValue: 4 }],
    ["eeco02", { indicator: "EECO02", targetValue: 3 }],
    ["eecr04", { indicator: "EECR04", targetValue: 1 }],
    ["eecr02_2020", { indicator: "EECR02", year: 2020, targetValue: 1 }],
    ["eeco18", { indicator: "EECO18", targetValue: 2 }],
    ["eeco19", { indicator: "EECO19", targetValue: 2 }],
    ["employability", { indicator: "employability_improved", targetValue: 6 }],
    ["employability_2020", { indicator: "employability_improved", year: 2020, targetValue: 1 }],
    ["employability_2021_b", { indicator: "employability_improved", year: 2021, areaId: areaB, targetValue: 1 }],
    ["businesses", { indicator: "businesses_supported", targetValue: 3 }],
    ["businesses_2021_a", { indicator: "businesses_supported", year: 2021, areaId: areaA, targetValue: 2 }],
    ["activities", { indicator: "activities_held", targetValue: 6 }],
    ["activities_2020", { indicator: "activities_held", year: 2020, targetValue: 1 }],
    ["activities_2021", { indicator: "activities_held", year: 2021, targetValue: 2 }],
    ["activities_2021_a", { indicator: "activities_held", year: 2021, areaId: areaA, targetValue: 5 }],
    ["hours", { indicator: "hours_delivered", targetValue: 10 }],
    ["hours_2021", { indicator: "hours_delivered", year: 2021, targetValue: 5 }],
    ["custom", { indicator: "custom", customName: "Nachbarschaftstische", year: 2021, targetValue: 20 }],
  ];
  for (const [key, input] of targets) targetIds[key] = (await createTarget(project.id, userId, input)).id;
  await addTargetActual(project.id, userId, targetIds.custom, { date: "2021-03-10", value: "5" });
  await addTargetActual(project.id, userId, targetIds.custom, { date: "12.05.2021", value: 7, note: "zwei Tische" });
});

async function progressByKey() {
  const rows = await computeTargetProgress(project.id, NOW);
  return Object.fromEntries(Object.entries(targetIds).map(([key, id]) => [key, rows.find((r) => r.id === id)!]));
}

describe("computeTargetProgress", () => {
  it("computes every built-in indicator from the records of the target's scope", async () => {
    const p = await progressByKey();
    const actual = Object.fromEntries(Object.entries(p).map(([key, row]) => [key, row.actual]));
    expect(actual).toEqual({
      eeco01: 4, // P1, P2, P3, P6 entered in the project; P5 before it, P4 incomplete
      eeco01_2021: 2, // P2, P3
      eeco01_2021_a: 1, // P3
      eeco02: 1, // P1 (P5 entered before the project)
      eecr04: 1, // P1 left employed
      eecr02_2020: 1, // P5 left into education in 2020
      eeco18: 1, // the public body
      eeco19: 1, // only the micro business (the large one is no SME)
      employability: 3, // P1, P2, P5
      employability_2020: 1, // P5
      employability_2021_b: 1, // P2
      businesses: 3, // first supported within the project
      businesses_2021_a: 1, // the large business
      activities: 3, // A1, A2, A3 (A4 before the project)
      activities_2020: 1, // A1: 23:30 on New Year's Eve in Berlin
      activities_2021: 2, // A2 (00:30 on 1 January in Berlin), A3
      activities_2021_a: 1, // A3
      hours: 5.5, // (90 + 90) + 30 + (45 + 75) minutes = 330
      hours_2021: 2.5, // 30 + 120 minutes
      custom: 12, // 5 + 7 entered by hand
    });
  });

  it("assesses progress against the elapsed share of the period", async () => {
    const p = await progressByKey();
    // whole project: 488/852 of the period passed → 10 × 0.5728 = 5.73 expected, 4 < 0.9 × 5.73
    expect(p.eeco01.expectedShare).toBeCloseTo(488 / 852, 10);
    expect(p.eeco01.expectedValue).toBeCloseTo(5.7277, 3);
    expect(p.eeco01).toMatchObject({ percent: 40, status: "behind" });
    // 2021: 182/365 passed → 5 × 0.4986 = 2.49 expected; 2.5 hours are on track
    expect(p.hours_2021.expectedShare).toBeCloseTo(182 / 365, 10);
    expect(p.hours_2021).toMatchObject({ percent: 50, status: "on_track" });
    expect(p.activities_2021).toMatchObject({ percent: 100, status: "reached" });
    // 2020 is over: share 1; 1 of 1 reached
    expect(p.employability_2020).toMatchObject({ expectedShare: 1, status: "reached" });
    // custom: 12 of 20, expected 20 × 182/365 = 9.97 → on track
    expect(p.custom).toMatchObject({ actual: 12, percent: 60, status: "on_track", manual: true });
    expect(p.eeco01.period).toEqual({ from: day("2020-03-01"), to: day("2022-06-30") });
    expect(p.activities_2020.period).toEqual({ from: day("2020-03-01"), to: day("2020-12-31") });
  });

  it("lists whole-project targets before yearly ones", async () => {
    const rows = await computeTargetProgress(project.id, NOW);
    const years = rows.map((r) => r.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it("follows new records: one more activity raises activities held by one", async () => {
    const before = (await progressByKey()).activities_2021.actual;
    await createActivity(project, { startsAt: new Date("2021-06-15T14:00:00.000Z"), areaId: areaB });
    const after = await progressByKey();
    expect(after.activities_2021.actual).toBe(before + 1);
    expect(after.activities_2021_a.actual).toBe(1); // other area
    expect(after.hours_2021.actual).toBe(2.5); // nobody attended
  });

  it("returns nothing for a project without targets", async () => {
    const empty = await createProject();
    expect(await computeTargetProgress(empty.id, NOW)).toEqual([]);
  });
});

describe("countTargetsBehind", () => {
  it("counts behind targets per project, leaving out projects without any", async () => {
    const empty = await createProject();
    const counts = await countTargetsBehind([project.id, empty.id], NOW);
    const rows = await computeTargetProgress(project.id, NOW);
    expect(counts.get(project.id)).toBe(rows.filter((r) => r.status === "behind").length);
    expect(counts.get(project.id)).toBeGreaterThan(0);
    expect(counts.has(empty.id)).toBe(false);
    expect(await db.target.count({ where: { projectId: empty.id } })).toBe(0);
  });
});
