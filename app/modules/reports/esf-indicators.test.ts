import { describe, expect, it } from "vitest";
import { ESF_INDICATORS, RESULT_INDICATORS, type EsfIndicator } from "~/modules/participants/codes";
import {
  ESF_INDICATOR_LABELS,
  computeEsfReport,
  computeEsfReportWithContext,
  validateEsfReport,
  type EsfOrganisationInput,
  type EsfParticipantInput,
  type EsfReport,
  type EsfReportInput,
  type IndicatorCell,
} from "./esf-indicators";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const FROM = day("2024-01-01");
const TO = day("2024-12-31");
const ZERO: IndicatorCell = { female: 0, male: 0, diverse: 0, total: 0 };
const cell = (female: number, male: number, diverse: number): IndicatorCell => ({
  female,
  male,
  diverse,
  total: female + male + diverse,
});
const orgCell = (total: number): IndicatorCell => ({ ...ZERO, total });

/** A complete participant who entered in the range and counts in nothing but EECO01/EECO04/EECO10. */
function participant(participantNo: string, overrides: Partial<EsfParticipantInput> = {}): EsfParticipantInput {
  return {
    participantNo,
    missingFields: [],
    gender: "female",
    ageAtEntry: 40,
    employmentStatus: "inactive",
    longTermUnemployed: false,
    educationLevel: "isced_3_4",
    entryDate: day("2024-03-01"),
    disability: "no",
    thirdCountryNational: "no",
    foreignBackground: "no",
    minority: "no",
    homeless: "no",
    ruralArea: "no",
    exitDate: null,
    exitStatus: null,
    qualificationGained: null,
    status6Months: null,
    situationImproved6Months: null,
    ...overrides,
  };
}

const org = (
  kind: EsfOrganisationInput["kind"],
  sizeClass: EsfOrganisationInput["sizeClass"],
  firstSupportDate: string | null,
): EsfOrganisationInput => ({ kind, sizeClass, firstSupportDate: firstSupportDate ? day(firstSupportDate) : null });

function input(participants: EsfParticipantInput[], organisations: EsfOrganisationInput[] = []): EsfReportInput {
  return { projectCode: "FORST-2019", from: FROM, to: TO, participants, organisations };
}

/** The hand-built data set; expected figures below are counted by hand from these comments. */
const PARTICIPANTS: EsfParticipantInput[] = [
  // F, 17, unemployed + long-term, ISCED 0-2, disability + third-country; enters on `from`, leaves on `to` job searching with a qualification.
  participant("TN-0001", {
    ageAtEntry: 17,
    employmentStatus: "unemployed",
    longTermUnemployed: true,
    educationLevel: "isced_0_2",
    entryDate: FROM,
    disability: "yes",
    thirdCountryNational: "yes",
    exitDate: TO,
    exitStatus: "job_searching",
    qualificationGained: true,
    status6Months: "not_employed",
    situationImproved6Months: "no",
  }),
  // M, 18, unemployed, ISCED 0-2, foreign background, minority no_answer; enters on `to`, leaves one day after `to`.
  participant("TN-0002", {
    gender: "male",
    ageAtEntry: 18,
    employmentStatus: "unemployed",
    educationLevel: "isced_0_2",
    entryDate: TO,
    foreignBackground: "yes",
    minority: "no_answer",
    exitDate: day("2025-01-01"),
    exitStatus: "employed",
    qualificationGained: true,
    status6Months: "employed",
    situationImproved6Months: "yes",
  }),
  // D, 29, employed, ISCED 5-8, homeless + rural; leaves self-employed, self-employed after 6 months, improved.
  participant("TN-0003", {
    gender: "diverse",
    ageAtEntry: 29,
    employmentStatus: "employed",
    educationLevel: "isced_5_8",
    entryDate: day("2024-06-15"),
    homeless: "yes",
    ruralArea: "yes",
    exitDate: day("2024-09-01"),
    exitStatus: "self_employed",
    qualificationGained: false,
    status6Months: "self_employed",
    situationImproved6Months: "yes",
  }),
  // F, 30 (no age band), inactive, ISCED 3-4, every optional answer no_answer; leaves into education, 6-month data unknown.
  participant("TN-0004", {
    ageAtEntry: 30,
    entryDate: day("2024-02-02"),
    disability: "no_answer",
    thirdCountryNational: "no_answer",
    foreignBackground: "no_answer",
    minority: "no_answer",
    homeless: "no_answer",
    ruralArea: "no_answer",
    exitDate: day("2024-05-05"),
    exitStatus: "education_training",
    status6Months: "unknown",
    situationImproved6Months: "unknown",
  }),
  // M, 54 (no age band), employed with a stray long-term flag (not counted: not unemployed), optional answers null; left one day before `from`.
  participant("TN-0005", {
    gender: "male",
    ageAtEntry: 54,
    employmentStatus: "employed",
    longTermUnemployed: true,
    disability: null,
    thirdCountryNational: null,
    foreignBackground: null,
    minority: null,
    homeless: null,
    ruralArea: null,
    exitDate: day("2023-12-31"),
    exitStatus: "employed",
    qualificationGained: true,
    status6Months: "employed",
    situationImproved6Months: "yes",
  }),
  // F, 55, unemployed + long-term, ISCED 5-8, minority; leaves "other" with a qualification, employed after 6 months, improved.
  participant("TN-0006", {
    ageAtEntry: 55,
    employmentStatus: "unemployed",
    longTermUnemployed: true,
    educationLevel: "isced_5_8",
    entryDate: day("2024-04-01"),
    minority: "yes",
    exitDate: day("2024-10-10"),
    exitStatus: "other",
    qualificationGained: true,
    status6Months: "employed",
    situationImproved6Months: "yes",
  }),
  // M, entered one day before `from` (no output), leaves on `from` employed: counts in results only.
  participant("TN-0007", {
    gender: "male",
    ageAtEntry: 20,
    employmentStatus: "unemployed",
    disability: "yes",
    entryDate: day("2023-12-31"),
    exitDate: FROM,
    exitStatus: "employed",
    qualificationGained: true,
    status6Months: "employed",
    situationImproved6Months: "yes",
  }),
  // F, 16, enters one day after `to`: counts nowhere.
  participant("TN-0008", { ageAtEntry: 16, entryDate: day("2025-01-01"), disability: "yes" }),
  // Incomplete, entry in range, would count everywhere: excluded, listed.
  participant("TN-0012", {
    missingFields: ["birth_date", "employment_status"],
    ageAtEntry: null,
    employmentStatus: null,
    disability: "yes",
    exitDate: day("2024-07-01"),
    exitStatus: "job_searching",
  }),
  participant("TN-0009", {
    missingFields: ["education_level"],
    educationLevel: null,
    disability: "yes",
    exitDate: day("2024-07-01"),
    exitStatus: "employed",
    qualificationGained: true,
    status6Months: "employed",
    situationImproved6Months: "yes",
  }),
  // Incomplete without entry date: cannot be placed in a period, still listed.
  participant("TN-0010", {
    missingFields: ["entry_date"],
    entryDate: null,
    exitDate: day("2024-07-01"),
    exitStatus: "employed",
  }),
  // Incomplete, entered before the range: not listed, not counted (not even its exit in range).
  participant("TN-0011", {
    missingFields: ["gender"],
    gender: null,
    entryDate: day("2023-05-01"),
    exitDate: day("2024-07-01"),
    exitStatus: "employed",
  }),
];

const ORGANISATIONS: EsfOrganisationInput[] = [
  org("public_body", null, "2024-01-01"), // EECO18, on `from`
  org("public_body", null, "2025-01-01"), // one day after `to`
  org("public_body", null, null), // never supported
  org("business", "micro", "2024-12-31"), // EECO19, on `to`
  org("business", "small", "2024-06-01"), // EECO19
  org("business", "medium", "2024-07-01"), // EECO19
  org("business", "large", "2024-07-01"), // large does not count
  org("business", null, "2024-07-01"), // size unknown does not count
  org("business", "micro", "2023-12-31"), // one day before `from`
  org("business", "micro", null), // never supported
];

/** Every cell counted by hand from the comments on PARTICIPANTS / ORGANISATIONS. */
const EXPECTED: Record<EsfIndicator, IndicatorCell> = {
  EECO01: cell(3, 2, 1), // 0001 F, 0002 M, 0003 D, 0004 F, 0005 M, 0006 F
  EECO02: cell(2, 1, 0), // 0001, 0002, 0006
  EECO03: cell(2, 0, 0), // 0001, 0006 (0005 is employed)
  EECO04: cell(1, 0, 0), // 0004
  EECO05: cell(0, 1, 1), // 0003, 0005
  EECO06: cell(1, 0, 0), // 0001 (17)
  EECO07: cell(0, 1, 1), // 0002 (18), 0003 (29)
  EECO08: cell(1, 0, 0), // 0006 (55)
  EECO09: cell(1, 1, 0), // 0001, 0002
  EECO10: cell(1, 1, 0), // 0004, 0005
  EECO11: cell(1, 0, 1), // 0003, 0006
  EECO12: cell(1, 0, 0), // 0001
  EECO13: cell(1, 0, 0), // 0001
  EECO14: cell(0, 1, 0), // 0002
  EECO15: cell(1, 0, 0), // 0006
  EECO16: cell(0, 0, 1), // 0003
  EECO17: cell(0, 0, 1), // 0003
  EECO18: orgCell(1),
  EECO19: orgCell(3),
  // Leavers in range: 0001 F (on `to`), 0003 D, 0004 F, 0006 F, 0007 M (on `from`).
  EECR01: cell(1, 0, 0), // 0001
  EECR02: cell(1, 0, 0), // 0004
  EECR03: cell(2, 1, 0), // 0001, 0006, 0007
  EECR04: cell(0, 1, 1), // 0003 (self-employed), 0007
  EECR05: cell(1, 1, 1), // 0003, 0006, 0007
  EECR06: cell(1, 1, 1), // 0003, 0006, 0007
};

describe("computeEsfReport", () => {
  const report = computeEsfReport(input(PARTICIPANTS, ORGANISATIONS));

  it("produces the contract's JSON shape", () => {
    expect(Object.keys(report)).toEqual(["project", "from", "to", "indicators", "incomplete"]);
    expect(report.project).toBe("FORST-2019");
    expect(report.from).toBe("2024-01-01");
    expect(report.to).toBe("2024-12-31");
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("lists every indicator in code order with all four keys", () => {
    expect(Object.keys(report.indicators)).toEqual([...ESF_INDICATORS]);
    expect(Object.keys(report.indicators)).toHaveLength(25);
    for (const code of ESF_INDICATORS) {
      expect(Object.keys(report.indicators[code])).toEqual(["female", "male", "diverse", "total"]);
    }
  });

  it.each(ESF_INDICATORS.map((code) => [code]))("counts %s as computed by hand", (code) => {
    expect(report.indicators[code]).toEqual(EXPECTED[code]);
  });

  it("matches the hand-computed figures as a whole", () => {
    expect(report.indicators).toEqual(EXPECTED);
  });

  it("lists incomplete participants entered in range or without entry date, sorted by number", () => {
    expect(report.incomplete).toEqual([
      { participant_no: "TN-0009", missing: ["education_level"] },
      { participant_no: "TN-0010", missing: ["entry_date"] },
      { participant_no: "TN-0012", missing: ["birth_date", "employment_status"] },
    ]);
  });

  it("returns all 25 codes with zeros and no incomplete entries for empty input", () => {
    const empty = computeEsfReport(input([]));
    expect(Object.keys(empty.indicators)).toEqual([...ESF_INDICATORS]);
    for (const code of ESF_INDICATORS) expect(empty.indicators[code]).toEqual(ZERO);
    expect(empty.incomplete).toEqual([]);
  });

  it.each([
    [17, "EECO06"],
    [18, "EECO07"],
    [29, "EECO07"],
    [30, null],
    [54, null],
    [55, "EECO08"],
    [0, "EECO06"],
    [99, "EECO08"],
  ] as const)("puts age %i at entry into %s only", (age, band) => {
    const r = computeEsfReport(input([participant("A", { gender: "male", ageAtEntry: age })]));
    for (const code of ["EECO06", "EECO07", "EECO08"] as const) {
      expect(r.indicators[code]).toEqual(code === band ? cell(0, 1, 0) : ZERO);
    }
    expect(r.indicators.EECO01).toEqual(cell(0, 1, 0));
  });

  it.each([
    ["2023-12-31", false],
    ["2024-01-01", true],
    ["2024-12-31", true],
    ["2025-01-01", false],
  ])("counts an entry on %s in the closed range: %s", (entry, counted) => {
    const r = computeEsfReport(input([participant("A", { entryDate: day(entry) })]));
    expect(r.indicators.EECO01).toEqual(counted ? cell(1, 0, 0) : ZERO);
  });

  it.each([
    ["2023-12-31", false],
    ["2024-01-01", true],
    ["2024-12-31", true],
    ["2025-01-01", false],
  ])("counts an exit on %s in the closed range: %s", (exit, counted) => {
    const p = participant("A", { gender: "diverse", exitDate: day(exit), exitStatus: "employed" });
    const { report: r, leavers } = computeEsfReportWithContext(input([p]));
    expect(r.indicators.EECR04).toEqual(counted ? cell(0, 0, 1) : ZERO);
    expect(leavers).toEqual(counted ? cell(0, 0, 1) : ZERO);
  });

  it("counts a date with a time of day by its UTC calendar day", () => {
    const r = computeEsfReport(input([participant("A", { entryDate: new Date("2024-12-31T23:59:59.999Z") })]));
    expect(r.indicators.EECO01).toEqual(cell(1, 0, 0));
  });

  it("counts results of participants who entered before the range", () => {
    const p = participant("A", { entryDate: day("2020-01-01"), exitDate: day("2024-06-01"), exitStatus: "job_searching" });
    const r = computeEsfReport(input([p]));
    expect(r.indicators.EECO01).toEqual(ZERO);
    expect(r.indicators.EECR01).toEqual(cell(1, 0, 0));
  });

  it("counts only 'yes' for the optional characteristics", () => {
    const answers = ["yes", "no", "no_answer", null] as const;
    const participants = answers.map((answer, i) =>
      participant(`A${i}`, {
        disability: answer,
        thirdCountryNational: answer,
        foreignBackground: answer,
        minority: answer,
        homeless: answer,
        ruralArea: answer,
      }),
    );
    const r = computeEsfReport(input(participants));
    for (const code of ["EECO12", "EECO13", "EECO14", "EECO15", "EECO16", "EECO17"] as const) {
      expect(r.indicators[code]).toEqual(cell(1, 0, 0));
    }
    expect(r.indicators.EECO01).toEqual(cell(4, 0, 0));
  });

  it("counts EECR06 only for 'yes' and EECR03 only for true", () => {
    const values = [
      { situationImproved6Months: "yes", qualificationGained: true },
      { situationImproved6Months: "no", qualificationGained: false },
      { situationImproved6Months: "unknown", qualificationGained: null },
      { situationImproved6Months: null, qualificationGained: null },
    ] as const;
    const participants = values.map((v, i) => participant(`A${i}`, { exitDate: day("2024-06-01"), ...v }));
    const r = computeEsfReport(input(participants));
    expect(r.indicators.EECR06).toEqual(cell(1, 0, 0));
    expect(r.indicators.EECR03).toEqual(cell(1, 0, 0));
  });

  it("counts long-term unemployment only for unemployed participants", () => {
    const r = computeEsfReport(
      input([
        participant("A", { employmentStatus: "unemployed", longTermUnemployed: true }),
        participant("B", { employmentStatus: "unemployed", longTermUnemployed: false }),
        participant("C", { employmentStatus: "inactive", longTermUnemployed: true }),
      ]),
    );
    expect(r.indicators.EECO02).toEqual(cell(2, 0, 0));
    expect(r.indicators.EECO03).toEqual(cell(1, 0, 0));
    expect(r.indicators.EECO04).toEqual(cell(1, 0, 0));
  });

  it("treats a participant with a null mandatory value as incomplete even if missingFields is empty", () => {
    const r = computeEsfReport(input([participant("A", { educationLevel: null, gender: null })]));
    expect(r.indicators.EECO01).toEqual(ZERO);
    expect(r.incomplete).toEqual([{ participant_no: "A", missing: ["gender", "education_level"] }]);
  });

  it("counts organisations by kind and size in total only", () => {
    const r = computeEsfReport(input([], ORGANISATIONS));
    expect(r.indicators.EECO18).toEqual(orgCell(1));
    expect(r.indicators.EECO19).toEqual(orgCell(3));
    expect(r.indicators.EECO01).toEqual(ZERO);
  });

  it("rejects a range that ends before it starts or is not a date", () => {
    expect(() => computeEsfReport({ ...input([]), from: TO, to: FROM })).toThrow(RangeError);
    expect(() => computeEsfReport({ ...input([]), from: new Date("nope") })).toThrow(RangeError);
  });

  it("accepts a one-day range", () => {
    const r = computeEsfReport({ ...input([participant("A", { entryDate: FROM })]), to: FROM });
    expect(r.to).toBe("2024-01-01");
    expect(r.indicators.EECO01).toEqual(cell(1, 0, 0));
  });

  it("returns the leavers of the period with the report", () => {
    const { report: r, leavers } = computeEsfReportWithContext(input(PARTICIPANTS, ORGANISATIONS));
    expect(r).toEqual(report);
    expect(leavers).toEqual(cell(3, 1, 1));
  });
});

/** Straightforward re-implementation of the contract, one filter per indicator, as an oracle. */
function naiveReport(data: EsfReportInput): Record<EsfIndicator, IndicatorCell> {
  const inRange = (d: Date | null) => d !== null && d >= data.from && d <= data.to;
  const complete = data.participants.filter((p) => p.missingFields.length === 0);
  const entrants = complete.filter((p) => inRange(p.entryDate));
  const leavers = complete.filter((p) => inRange(p.exitDate));
  const tally = (ps: EsfParticipantInput[]): IndicatorCell =>
    cell(
      ps.filter((p) => p.gender === "female").length,
      ps.filter((p) => p.gender === "male").length,
      ps.filter((p) => p.gender === "diverse").length,
    );
  const orgs = data.organisations.filter((o) => inRange(o.firstSupportDate));
  const employed = (s: string | null) => s === "employed" || s === "self_employed";
  return {
    EECO01: tally(entrants),
    EECO02: tally(entrants.filter((p) => p.employmentStatus === "unemployed")),
    EECO03: tally(entrants.filter((p) => p.employmentStatus === "unemployed" && p.longTermUnemployed)),
    EECO04: tally(entrants.filter((p) => p.employmentStatus === "inactive")),
    EECO05: tally(entrants.filter((p) => p.employmentStatus === "employed")),
    EECO06: tally(entrants.filter((p) => p.ageAtEntry! < 18)),
    EECO07: tally(entrants.filter((p) => p.ageAtEntry! >= 18 && p.ageAtEntry! <= 29)),
    EECO08: tally(entrants.filter((p) => p.ageAtEntry! >= 55)),
    EECO09: tally(entrants.filter((p) => p.educationLevel === "isced_0_2")),
    EECO10: tally(entrants.filter((p) => p.educationLevel === "isced_3_4")),
    EECO11: tally(entrants.filter((p) => p.educationLevel === "isced_5_8")),
    EECO12: tally(entrants.filter((p) => p.disability === "yes")),
    EECO13: tally(entrants.filter((p) => p.thirdCountryNational === "yes")),
    EECO14: tally(entrants.filter((p) => p.foreignBackground === "yes")),
    EECO15: tally(entrants.filter((p) => p.minority === "yes")),
    EECO16: tally(entrants.filter((p) => p.homeless === "yes")),
    EECO17: tally(entrants.filter((p) => p.ruralArea === "yes")),
    EECO18: orgCell(orgs.filter((o) => o.kind === "public_body").length),
    EECO19: orgCell(orgs.filter((o) => o.kind === "business" && ["micro", "small", "medium"].includes(o.sizeClass ?? "")).length),
    EECR01: tally(leavers.filter((p) => p.exitStatus === "job_searching")),
    EECR02: tally(leavers.filter((p) => p.exitStatus === "education_training")),
    EECR03: tally(leavers.filter((p) => p.qualificationGained === true)),
    EECR04: tally(leavers.filter((p) => employed(p.exitStatus))),
    EECR05: tally(leavers.filter((p) => employed(p.status6Months))),
    EECR06: tally(leavers.filter((p) => p.situationImproved6Months === "yes")),
  };
}

/** Deterministic pseudo-random data set (linear congruential generator). */
function generate(count: number, seed = 42): EsfReportInput {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const randomDay = () => new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 3 * 365) * 86_400_000);
  const answers = ["yes", "no", "no_answer", null] as const;
  const participants: EsfParticipantInput[] = [];
  for (let i = 0; i < count; i++) {
    const entryDate = randomDay();
    const exited = next() < 0.6;
    const incomplete = next() < 0.05;
    participants.push({
      participantNo: `TN-${String(count - i).padStart(6, "0")}`,
      missingFields: incomplete ? ["education_level"] : [],
      gender: pick(["female", "male", "diverse"] as const),
      ageAtEntry: Math.floor(next() * 70) + 14,
      employmentStatus: pick(["unemployed", "inactive", "employed"] as const),
      longTermUnemployed: next() < 0.3,
      educationLevel: incomplete ? null : pick(["isced_0_2", "isced_3_4", "isced_5_8"] as const),
      entryDate,
      disability: pick(answers),
      thirdCountryNational: pick(answers),
      foreignBackground: pick(answers),
      minority: pick(answers),
      homeless: pick(answers),
      ruralArea: pick(answers),
      exitDate: exited ? new Date(entryDate.getTime() + Math.floor(next() * 400) * 86_400_000) : null,
      exitStatus: exited ? pick(["job_searching", "education_training", "employed", "self_employed", "other"] as const) : null,
      qualificationGained: exited ? pick([true, false, null]) : null,
      status6Months: exited ? pick(["employed", "self_employed", "not_employed", "unknown", null] as const) : null,
      situationImproved6Months: exited ? pick(["yes", "no", "unknown", null] as const) : null,
    });
  }
  const organisations = Array.from({ length: count / 50 }, () =>
    org(
      pick(["business", "public_body"] as const),
      pick(["micro", "small", "medium", "large", null] as const),
      next() < 0.1 ? null : randomDay().toISOString().slice(0, 10),
    ),
  );
  return { projectCode: "GEN", from: FROM, to: TO, participants, organisations };
}

describe("computeEsfReport on generated data", () => {
  const data = generate(50_000);

  it("agrees with a per-indicator re-implementation of the contract", () => {
    expect(computeEsfReport(data).indicators).toEqual(naiveReport(data));
  });

  it("passes its own validation", () => {
    const { report, leavers } = computeEsfReportWithContext(data);
    expect(validateEsfReport(report, leavers)).toEqual([]);
  });

  it("handles 50,000 participants in well under 100 ms", () => {
    computeEsfReport(data); // warm-up
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      computeEsfReport(data);
      best = Math.min(best, performance.now() - started);
    }
    expect(best).toBeLessThan(100);
  });
});

describe("validateEsfReport", () => {
  const { report, leavers } = computeEsfReportWithContext(input(PARTICIPANTS, ORGANISATIONS));
  const broken = (change: (r: EsfReport) => void): EsfReport => {
    const copy = structuredClone(report);
    change(copy);
    return copy;
  };

  it("accepts a computed report, with and without leavers", () => {
    expect(validateEsfReport(report)).toEqual([]);
    expect(validateEsfReport(report, leavers)).toEqual([]);
  });

  it("catches EECO01 differing from EECO02 + EECO04 + EECO05", () => {
    const r = broken((x) => {
      x.indicators.EECO02.male += 1;
      x.indicators.EECO02.total += 1;
    });
    const violations = validateEsfReport(r);
    expect(violations).toHaveLength(1);
    expect(violations[0].rule).toBe("sum_of_statuses");
    expect(violations[0].indicators).toEqual(["EECO01", "EECO02", "EECO04", "EECO05"]);
    expect(violations[0].message).toContain("EECO01");
    expect(violations[0].message).toContain("male (2 vs 3)");
    expect(violations[0].message).toContain("total (6 vs 7)");
    expect(violations[0].message).not.toContain("female");
  });

  it("catches a total that is not the sum of the gender keys", () => {
    const violations = validateEsfReport(broken((x) => (x.indicators.EECO12.total = 5)));
    expect(violations).toEqual([expect.objectContaining({ rule: "gender_breakdown", indicators: ["EECO12"] })]);
  });

  it("catches gender keys on organisation indicators", () => {
    const violations = validateEsfReport(broken((x) => (x.indicators.EECO19.female = 1)));
    expect(violations).toEqual([expect.objectContaining({ rule: "gender_breakdown", indicators: ["EECO19"] })]);
  });

  it("catches EECO03 exceeding EECO02", () => {
    const r = broken((x) => {
      x.indicators.EECO03.male = 2;
      x.indicators.EECO03.total = 4;
    });
    const violations = validateEsfReport(r);
    expect(violations).toEqual([
      expect.objectContaining({ rule: "subgroup_exceeds_total", indicators: ["EECO03", "EECO02"] }),
    ]);
    expect(violations[0].message).toContain("EECO03 exceeds EECO02");
  });

  it("catches the age bands exceeding EECO01", () => {
    const r = broken((x) => {
      x.indicators.EECO08.diverse = 1;
      x.indicators.EECO08.total = 2;
    });
    const violations = validateEsfReport(r);
    expect(violations).toEqual([
      expect.objectContaining({ rule: "subgroup_exceeds_total", indicators: ["EECO06", "EECO07", "EECO08", "EECO01"] }),
    ]);
    expect(violations[0].message).toContain("diverse (2 vs 1)");
  });

  it("catches a result exceeding the leavers, only when leavers are given", () => {
    const r = broken((x) => {
      x.indicators.EECR05.female = 4;
      x.indicators.EECR05.total = 6;
    });
    expect(validateEsfReport(r)).toEqual([]);
    const violations = validateEsfReport(r, leavers);
    expect(violations).toEqual([expect.objectContaining({ rule: "result_exceeds_output", indicators: ["EECR05"] })]);
    expect(violations[0].message).toContain("EECR05");
    expect(violations[0].message).toContain("female (4 vs 3)");
  });

  it("catches mutually exclusive exit statuses adding up to more than the leavers", () => {
    // Each cell stays within the leavers (F3 M1 D1), but EECR01 + EECR02 + EECR04 = F3 + F1 = F4.
    const r = broken((x) => {
      x.indicators.EECR01.female = 3;
      x.indicators.EECR01.total = 3;
    });
    const violations = validateEsfReport(r, leavers);
    expect(violations).toEqual([
      expect.objectContaining({ rule: "result_exceeds_output", indicators: ["EECR01", "EECR02", "EECR04"] }),
    ]);
    expect(violations[0].message).toContain("EECR01 + EECR02 + EECR04");
  });

  it("reports every result indicator above the leavers", () => {
    const violations = validateEsfReport(report, cell(0, 0, 0));
    const single = violations.filter((v) => v.indicators.length === 1).map((v) => v.indicators[0]);
    expect(single).toEqual([...RESULT_INDICATORS]);
  });
});

describe("ESF_INDICATOR_LABELS", () => {
  it("has a distinct, non-empty label for every code in both locales", () => {
    for (const locale of ["de", "en"] as const) {
      const labels = ESF_INDICATOR_LABELS[locale];
      expect(Object.keys(labels)).toEqual([...ESF_INDICATORS]);
      expect(new Set(Object.values(labels)).size).toBe(ESF_INDICATORS.length);
      for (const label of Object.values(labels)) expect(label.trim()).not.toBe("");
    }
    expect(ESF_INDICATOR_LABELS.de.EECO01).toBe("Teilnehmende insgesamt");
    expect(ESF_INDICATOR_LABELS.de.EECO02).toBe("Arbeitslose, einschl. Langzeitarbeitslose");
    expect(ESF_INDICATOR_LABELS.en.EECO01).toBe("Total number of participants");
  });
});
