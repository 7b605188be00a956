// The ESF report end to end: a hand-built participant file goes through the real import into the test
// database, then every cell of the report is compared with figures counted by hand in the comments below.
import { beforeAll, describe, expect, it } from "vitest";
import { ESF_INDICATORS, type EsfIndicator } from "~/modules/participants/codes";
import { importParticipantFile } from "~/modules/participants/import.server";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import type { IndicatorCell } from "./esf-indicators";
import ExcelJS from "exceljs";
import { buildEsfReport, esfExportFileName, exportEsfReport, findReportProjectByCode, loadEsfReportInput, reportYearPicks, resolveReportRange } from "./esf.server";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const FROM = day("2020-01-01");
const TO = day("2020-12-31");
const cell = (female: number, male: number, diverse: number): IndicatorCell => ({ female, male, diverse, total: female + male + diverse });
const orgs = (total: number): IndicatorCell => ({ female: 0, male: 0, diverse: 0, total });

// The participant file as a German spreadsheet would write it: `;`, mixed date formats, German codes.
// Period under test: 01.01.2020 – 31.12.2020. Per row: what it must count in (ages are on the entry date).
const HEADER =
  "participant_no;first_name;last_name;birth_date;gender;postcode;entry_date;employment_status;long_term_unemployed;education_level;" +
  "disability;third_country_national;foreign_background;minority;homeless;rural_area;exit_date;exit_status;qualification_gained;" +
  "status_6_months;situation_improved_6_months";
const ROWS = [
  // F, 18 on her birthday = entry day → EECO07; unemployed + LTU; ISCED 0-2; disability, TCN, foreign background; minority no_answer.
  // Leaves on `to` job searching with a qualification; 6-month values unknown.
  "TN-01;Anna;Albrecht;15.03.2002;w;03149;2020-03-15;arbeitslos;ja;isced_0_2;ja;ja;ja;keine Angabe;nein;nein;31.12.2020;job_searching;ja;unknown;unknown",
  // M, 17 (18th birthday one day after entry) → EECO06; inactive; ISCED 0-2; homeless. No exit.
  "TN-02;Bernd;Bauer;2002-03-16;m;03149;15.03.2020;nichterwerbstätig;nein;isced_0_2;nein;nein;nein;nein;ja;nein;;;;;",
  // D, 30 on the entry day → no age band; employed; ISCED 5-8; every optional answer no_answer.
  // Leaves self-employed, no qualification; 6 months: self-employed, improved.
  "TN-03;Chris;Conrad;1990-06-30;divers;03149;2020-06-30;erwerbstätig;;isced_5_8;no_answer;no_answer;no_answer;no_answer;no_answer;no_answer;2020-11-15;self_employed;nein;self_employed;yes",
  // F, 29 (30th birthday the day after entry) → EECO07; unemployed, not LTU; ISCED 3-4; TCN, foreign background, minority, rural.
  // Leaves one day after `to`: no result counted.
  "TN-04;Dana;Dietrich;01.07.1990;weiblich;03149;30.06.2020;unemployed;nein;isced_3_4;nein;ja;ja;ja;nein;ja;2021-01-01;employed;ja;employed;yes",
  // M, 55 on the entry day → EECO08; unemployed + LTU; ISCED 3-4; disability.
  // Leaves into education with a qualification; 6 months: not employed, not improved.
  "TN-05;Erich;Engel;1965-09-01;männlich;03149;2020-09-01;unemployed;yes;isced_3_4;ja;nein;nein;nein;nein;nein;2020-10-01;education_training;ja;not_employed;no",
  // M, 54 (55th birthday the day after entry) → no age band; employed; ISCED 3-4; optional answers left empty. No exit.
  "TN-06;Frank;Fuchs;1965-09-02;m;03149;2020-09-01;employed;;isced_3_4;;;;;;;;;;;",
  // F, 35; enters on `from`; inactive; ISCED 5-8; rural. Leaves employed, no qualification; 6 months employed, improved.
  "TN-07;Gisela;Graf;1985-01-01;female;03149;2020-01-01;inactive;nein;isced_5_8;nein;nein;nein;nein;nein;ja;2020-06-30;employed;nein;employed;yes",
  // D, enters one day before `from` → no output; leaves on `from` (other, qualification yes) → counts as a leaver.
  "TN-08;Heike;Hahn;1980-05-05;d;03149;31.12.2019;unemployed;ja;isced_0_2;ja;nein;nein;nein;nein;nein;01.01.2020;other;ja;unknown;no",
  // F, 25; enters on `to`; unemployed, not LTU; ISCED 3-4; foreign background no_answer; homeless. No exit.
  "TN-09;Ida;Imhof;1995-12-31; W ;03149;2020-12-31;unemployed;nein;isced_3_4;nein;nein;keine Angabe;nein;ja;nein;;;;;",
  // M, enters one day after `to` → counts nowhere.
  "TN-10;Jan;Jung;1970-01-01;male;03149;2021-01-01;employed;;isced_3_4;ja;ja;ja;ja;ja;ja;;;;;",
  // M, entered 2019 → no output; leaves on `to` job searching without qualification → results only.
  "TN-11;Karl;Koch;1975-04-04;m;03149;2019-04-01;unemployed;nein;isced_0_2;nein;nein;nein;nein;nein;nein;2020-12-31;job_searching;nein;not_employed;no",
  // F, 21 → EECO07; inactive; ISCED 3-4; minority. Leaves one day after `to`.
  "TN-12;Lena;Lang;1998-08-08;w;03149;2020-02-01;inactive;nein;isced_3_4;nein;nein;nein;ja;nein;nein;2021-01-01;education_training;nein;;",
  // F, entered and left in 2019 → counts nowhere.
  "TN-13;Maria;Maier;1988-03-03;w;03149;2019-06-01;unemployed;nein;isced_3_4;nein;nein;nein;nein;nein;nein;2019-12-31;employed;ja;employed;yes",
  // Incomplete (no education level), entered in the period → listed, counted nowhere.
  "TN-14;Nina;Neumann;1990-01-01;w;03149;2020-05-05;unemployed;ja;;ja;ja;ja;ja;ja;ja;2020-07-01;employed;ja;employed;yes",
  // Incomplete (no gender, no birth date), entered in the period → listed.
  "TN-15;Otto;Ott;;;03149;2020-06-06;inactive;nein;isced_0_2;ja;nein;nein;nein;nein;nein;;;;;",
  // Incomplete (no entry date; birth date known) → listed in every period with entry_date only.
  "TN-16;Paula;Peters;1980-02-02;w;03149;;unemployed;nein;isced_3_4;nein;nein;nein;nein;nein;nein;;;;;",
  // Incomplete (no education level), entered after the period → not listed.
  "TN-17;Quirin;Quast;1980-03-03;m;03149;2021-03-01;unemployed;nein;;nein;nein;nein;nein;nein;nein;;;;;",
  // Incomplete (no employment status), entered in the period, left in it → listed, no result counted.
  "TN-18;Rolf;Roth;1982-04-04;m;03149;2020-02-02;;nein;isced_3_4;nein;nein;nein;nein;nein;nein;2020-08-01;employed;ja;employed;yes",
  // D, 60 → EECO08; inactive; ISCED 0-2; foreign background; disability/minority/homeless/rural no_answer.
  // Leaves (other) with a qualification; 6 months employed, improvement unknown.
  "TN-19;Sascha;Sommer;10.10.1960;divers;03149;10.10.2020;inactive;nein;isced_0_2;keine Angabe;nein;ja;keine Angabe;keine Angabe;keine Angabe;30.11.2020;other;ja;employed;unknown",
];

/** Counted by hand from the comments above (outputs over TN-01..07, 09, 12, 19; results over leavers TN-01, 03, 05, 07, 08, 11, 19). */
const EXPECTED: Record<EsfIndicator, IndicatorCell> = {
  EECO01: cell(5, 3, 2), // F: 01 04 07 09 12; M: 02 05 06; D: 03 19
  EECO02: cell(3, 1, 0), // unemployed: 01 04 09 | 05
  EECO03: cell(1, 1, 0), // long-term: 01 | 05
  EECO04: cell(2, 1, 1), // inactive: 07 12 | 02 | 19
  EECO05: cell(0, 1, 1), // employed: 06 | 03
  EECO06: cell(0, 1, 0), // under 18: 02 (17)
  EECO07: cell(4, 0, 0), // 18-29: 01 (18) 04 (29) 09 (25) 12 (21)
  EECO08: cell(0, 1, 1), // 55+: 05 (55) | 19 (60)
  EECO09: cell(1, 1, 1), // ISCED 0-2: 01 | 02 | 19
  EECO10: cell(3, 2, 0), // ISCED 3-4: 04 09 12 | 05 06
  EECO11: cell(1, 0, 1), // ISCED 5-8: 07 | 03
  EECO12: cell(1, 1, 0), // disability yes: 01 | 05 (03, 19 no_answer)
  EECO13: cell(2, 0, 0), // third-country: 01 04
  EECO14: cell(2, 0, 1), // foreign background: 01 04 | 19 (09 no_answer)
  EECO15: cell(2, 0, 0), // minority: 04 12 (01 no_answer)
  EECO16: cell(1, 1, 0), // homeless: 09 | 02
  EECO17: cell(2, 0, 0), // rural: 04 07
  EECO18: orgs(1), // public body first supported on `from`
  EECO19: orgs(3), // micro on `to`, small and medium inside; large, out-of-range, undated and size-less ones not
  EECR01: cell(1, 1, 0), // job searching: 01 | 11
  EECR02: cell(0, 1, 0), // education/training: 05
  EECR03: cell(1, 1, 2), // qualification: 01 | 05 | 08 19
  EECR04: cell(1, 0, 1), // employed/self-employed on leaving: 07 | 03
  EECR05: cell(1, 0, 2), // employed/self-employed after 6 months: 07 | 03 19
  EECR06: cell(1, 0, 1), // improved after 6 months: 07 | 03
};

let projectId: string;
let otherProjectId: string;
let periodResult: ReturnType<typeof buildEsfReport> | undefined;
/** The report for 2020, built once for the per-cell tests. */
const reportFor2020 = () => (periodResult ??= buildEsfReport(projectId, { from: FROM, to: TO }));

async function createProject(code: string) {
  return db.project.create({
    data: { code, title: `Testprojekt ${code}`, startDate: day("2019-01-01"), endDate: day("2022-12-31") },
    select: { id: true },
  });
}

beforeAll(async () => {
  projectId = (await createProject("ESF-TEST")).id;
  otherProjectId = (await createProject("OTHER-TEST")).id;

  const file = new TextEncoder().encode(`\uFEFF${[HEADER, ...ROWS].join("\r\n")}\r\n`);
  const result = await importParticipantFile(projectId, file, "teilnehmende.csv", null);
  expect(result.rejected).toEqual([]);
  expect(result.counts.imported).toBe(ROWS.length);
  expect(result.counts.incomplete).toBe(5);

  // Another project with participants and organisations in the same period: never counted here.
  const other = [
    HEADER,
    "TN-01;Xaver;Xylander;1990-01-01;m;03149;2020-05-05;unemployed;ja;isced_0_2;ja;ja;ja;ja;ja;ja;2020-06-06;employed;ja;employed;yes",
    "TN-99;Yvonne;Yilmaz;1990-01-01;w;03149;2020-05-05;;nein;;nein;nein;nein;nein;nein;nein;;;;;",
  ].join("\n");
  await importParticipantFile(otherProjectId, new TextEncoder().encode(other), "andere.csv", null);

  // Supported organisations (businesses module data), written directly.
  const organisation = (project: string, name: string, kind: "business" | "public_body", sizeClass: "micro" | "small" | "medium" | "large" | null, first: string | null) => ({
    projectId: project,
    name,
    kind,
    sizeClass,
    firstSupportDate: first ? day(first) : null,
  });
  await db.organisation.createMany({
    data: [
      organisation(projectId, "Stadtverwaltung Forst", "public_body", null, "2020-01-01"), // EECO18
      organisation(projectId, "Jobcenter", "public_body", null, "2021-01-01"), // after `to`
      organisation(projectId, "Bäckerei", "business", "micro", "2020-12-31"), // EECO19 on `to`
      organisation(projectId, "Tischlerei", "business", "small", "2020-06-01"), // EECO19
      organisation(projectId, "Maschinenbau", "business", "medium", "2020-06-01"), // EECO19
      organisation(projectId, "Konzern", "business", "large", "2020-06-01"), // large: not an SME
      organisation(projectId, "Friseur", "business", "micro", "2019-12-31"), // before `from`
      organisation(projectId, "Kiosk", "business", "micro", null), // never supported
      organisation(projectId, "Laden ohne Größe", "business", null, "2020-06-01"), // size unknown
      organisation(otherProjectId, "Amt anderswo", "public_body", null, "2020-06-01"),
      organisation(otherProjectId, "Firma anderswo", "business", "micro", "2020-06-01"),
    ],
  });
});

describe("buildEsfReport on an imported hand-built file", () => {
  it.each(ESF_INDICATORS.map((code) => [code]))("counts %s as computed by hand", async (code) => {
    const { report } = await reportFor2020();
    expect(report.indicators[code]).toEqual(EXPECTED[code]);
  });

  it("matches the hand-computed table as a whole, with the leavers and no violations", async () => {
    const { report, leavers, violations, project } = await buildEsfReport(projectId, { from: FROM, to: TO });
    expect(report.indicators).toEqual(EXPECTED);
    expect(leavers).toEqual(cell(2, 2, 3)); // F: 01 07 | M: 05 11 | D: 03 08 19
    expect(violations).toEqual([]);
    expect(project.code).toBe("ESF-TEST");
  });

  it("lists the incomplete participants of the period with what is missing, and only them", async () => {
    const { report } = await buildEsfReport(projectId, { from: FROM, to: TO });
    const listed = report.incomplete.map((entry) => ({ ...entry, missing: [...entry.missing].sort() }));
    expect(listed).toEqual([
      { participant_no: "TN-14", missing: ["education_level"] },
      { participant_no: "TN-15", missing: ["birth_date", "gender"] },
      { participant_no: "TN-16", missing: ["entry_date"] },
      { participant_no: "TN-18", missing: ["employment_status"] },
    ]);
  });

  it("has exactly the contract's JSON shape: project, from, to, 25 codes with four numeric keys, incomplete", async () => {
    const { report } = await buildEsfReport(projectId, { from: FROM, to: TO });
    const json = JSON.parse(JSON.stringify(report));
    expect(Object.keys(json)).toEqual(["project", "from", "to", "indicators", "incomplete"]);
    expect(json.project).toBe("ESF-TEST");
    expect(json.from).toBe("2020-01-01");
    expect(json.to).toBe("2020-12-31");
    expect(Object.keys(json.indicators)).toEqual([...ESF_INDICATORS]);
    for (const code of ESF_INDICATORS) {
      expect(Object.keys(json.indicators[code])).toEqual(["female", "male", "diverse", "total"]);
      for (const value of Object.values(json.indicators[code])) expect(Number.isInteger(value)).toBe(true);
    }
    for (const entry of json.incomplete) expect(Object.keys(entry)).toEqual(["participant_no", "missing"]);
  });

  it("defaults to the project's whole duration", async () => {
    const { report } = await buildEsfReport(projectId);
    expect(report.from).toBe("2019-01-01");
    expect(report.to).toBe("2022-12-31");
    // Every complete row entered 2019-2022: F 01 04 07 09 12 13; M 02 05 06 10 11; D 03 08 19.
    expect(report.indicators.EECO01).toEqual(cell(6, 5, 3));
    // TN-17 (entered 2021) is now listed too.
    expect(report.incomplete.map((entry) => entry.participant_no)).toEqual(["TN-14", "TN-15", "TN-16", "TN-17", "TN-18"]);
    // Public bodies 2020 and 2021; SMEs micro 2019 and 2020, small, medium.
    expect(report.indicators.EECO18).toEqual(orgs(2));
    expect(report.indicators.EECO19).toEqual(orgs(4));
  });

  it("takes one bound from the project when only the other is given", async () => {
    const { report } = await buildEsfReport(projectId, { from: day("2021-01-01") });
    expect(report.from).toBe("2021-01-01");
    expect(report.to).toBe("2022-12-31");
    expect(report.indicators.EECO01).toEqual(cell(0, 1, 0)); // TN-10
    expect(report.incomplete.map((entry) => entry.participant_no)).toEqual(["TN-16", "TN-17"]);
  });

  it("counts a one-day period on a boundary exactly", async () => {
    const { report } = await buildEsfReport(projectId, { from: day("2020-12-31"), to: day("2020-12-31") });
    expect(report.indicators.EECO01).toEqual(cell(1, 0, 0)); // TN-09 entered on that day
    expect(report.indicators.EECR01).toEqual(cell(1, 1, 0)); // TN-01 and TN-11 left on that day
    expect(report.indicators.EECO19).toEqual(orgs(1));
  });

  it("refuses a period that ends before it starts", async () => {
    await expect(buildEsfReport(projectId, { from: day("2020-12-31"), to: day("2020-01-01") })).rejects.toBeInstanceOf(ValidationError);
    await expect(buildEsfReport(projectId, { from: day("2023-01-01") })).rejects.toBeInstanceOf(ValidationError);
  });

  it("answers 404 for an unknown project", async () => {
    await expect(buildEsfReport("no-such-project")).rejects.toMatchObject({ init: { status: 404 } });
  });
});

describe("exportEsfReport", () => {
  it("renders every format with a download name and writes one export audit event each, without values", async () => {
    const user = await db.user.create({ data: { email: "buchhaltung@example.org", name: "Buchhaltung", passwordHash: "x" }, select: { id: true } });
    const period = { from: FROM, to: TO };
    const json = await exportEsfReport(projectId, period, "json", { actorId: user.id, locale: "de" });
    expect(json.fileName).toBe("ESF-ESF-TEST-2020-01-01-2020-12-31.json");
    expect(json.contentType).toBe("application/json; charset=utf-8");
    const parsed = JSON.parse(json.body.toString("utf8"));
    expect(parsed.indicators).toEqual(EXPECTED);
    expect(json.body.toString("utf8")).toBe(`${JSON.stringify(parsed, null, 2)}\n`);

    const csv = await exportEsfReport(projectId, period, "csv", { actorId: user.id, locale: "de" });
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    expect(csv.body.toString("utf8")).toContain("EECO01;Teilnehmende insgesamt;5;3;2;10\r\n");

    const xlsx = await exportEsfReport(projectId, period, "xlsx", { actorId: user.id, locale: "de" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const row = workbook.getWorksheet("ESF-Indikatoren")!.getRow(6);
    expect([1, 3, 4, 5, 6].map((column) => row.getCell(column).value)).toEqual(["EECO01", 5, 3, 2, 10]);

    const pdf = await exportEsfReport(projectId, period, "pdf", { actorId: user.id, locale: "en" });
    expect(pdf.contentType).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const events = await db.auditEvent.findMany({ where: { userId: user.id }, orderBy: { at: "asc" } });
    expect(events.map((event) => [event.action, event.entity, event.projectId, event.fields])).toEqual(
      Array.from({ length: 4 }, () => ["export", "EsfReport", projectId, "[]"]),
    );
    expect(events.map((event) => event.note).sort()).toEqual(
      ["csv", "json", "pdf", "xlsx"].map((format) => `format=${format} from=2020-01-01 to=2020-12-31`),
    );
  });
});

describe("loadEsfReportInput", () => {
  it("reads only the monitoring columns of this project's participants entered, left or undated in the period", async () => {
    const input = await loadEsfReportInput(projectId, { from: FROM, to: TO });
    expect(input.projectCode).toBe("ESF-TEST");
    const numbers = input.participants.map((p) => p.participantNo).sort();
    // Not loaded: TN-10 and TN-17 (entered after), TN-13 (entered and left before).
    expect(numbers).toEqual(["TN-01", "TN-02", "TN-03", "TN-04", "TN-05", "TN-06", "TN-07", "TN-08", "TN-09", "TN-11", "TN-12", "TN-14", "TN-15", "TN-16", "TN-18", "TN-19"]);
    expect(Object.keys(input.participants[0]).sort()).toEqual(
      [
        "participantNo", "missingFields", "gender", "ageAtEntry", "employmentStatus", "longTermUnemployed", "educationLevel", "entryDate",
        "disability", "thirdCountryNational", "foreignBackground", "minority", "homeless", "ruralArea", "exitDate", "exitStatus",
        "qualificationGained", "status6Months", "situationImproved6Months",
      ].sort(),
    );
    expect(input.organisations).toHaveLength(6);
  });

  it("hands every value over exactly as stored (the packed query loses nothing)", async () => {
    const input = await loadEsfReportInput(projectId, { from: FROM, to: TO });
    const stored = await db.participant.findMany({
      where: { projectId, participantNo: { in: input.participants.map((p) => p.participantNo) } },
      select: {
        participantNo: true, missingFields: true, gender: true, ageAtEntry: true, employmentStatus: true, longTermUnemployed: true,
        educationLevel: true, entryDate: true, disability: true, thirdCountryNational: true, foreignBackground: true, minority: true,
        homeless: true, ruralArea: true, exitDate: true, exitStatus: true, qualificationGained: true, status6Months: true,
        situationImproved6Months: true,
      },
    });
    const byNumber = new Map(stored.map((p) => [p.participantNo, { ...p, missingFields: p.missingFields ? p.missingFields.split(",") : [] }]));
    for (const loaded of input.participants) expect(loaded).toEqual(byNumber.get(loaded.participantNo));
    // The rows cover every kind of value: no_answer, empty optional answers, flags true/false/null.
    const tn03 = input.participants.find((p) => p.participantNo === "TN-03")!;
    expect([tn03.disability, tn03.qualificationGained, tn03.status6Months]).toEqual(["no_answer", false, "self_employed"]);
    const tn06 = input.participants.find((p) => p.participantNo === "TN-06")!;
    expect([tn06.disability, tn06.exitDate, tn06.qualificationGained, tn06.longTermUnemployed]).toEqual([null, null, null, false]);
    const tn01 = input.participants.find((p) => p.participantNo === "TN-01")!;
    expect([tn01.longTermUnemployed, tn01.qualificationGained, tn01.ageAtEntry]).toEqual([true, true, 18]);
  });

  it("keeps participant numbers with separators intact", async () => {
    const project = await createProject("ODD-NUMBERS");
    await db.participant.create({
      data: { projectId: project.id, participantNo: "A|B,C |x", entryDate: day("2020-05-05"), missingFields: "gender,birth_date", isComplete: false },
    });
    const input = await loadEsfReportInput(project.id, { from: FROM, to: TO });
    expect(input.participants).toHaveLength(1);
    expect(input.participants[0]).toMatchObject({ participantNo: "A|B,C |x", missingFields: ["gender", "birth_date"], entryDate: day("2020-05-05"), gender: null });
  });
});

describe("helpers", () => {
  it("resolves the range from the project when bounds are missing, at UTC midnight", async () => {
    const project = (await findReportProjectByCode("ESF-TEST"))!;
    expect(resolveReportRange(project, {})).toEqual({ from: day("2019-01-01"), to: day("2022-12-31") });
    expect(resolveReportRange(project, { from: new Date("2020-03-04T15:00:00Z") }).from).toEqual(day("2020-03-04"));
    expect(() => resolveReportRange(project, { from: day("2020-02-02"), to: day("2020-02-01") })).toThrow(ValidationError);
    expect(await findReportProjectByCode("NOPE")).toBeNull();
  });

  it("offers one quick pick per calendar year, clipped to the project duration", () => {
    expect(reportYearPicks({ startDate: day("2015-04-01"), endDate: day("2016-06-30") })).toEqual([
      { year: 2015, from: "2015-04-01", to: "2015-12-31" },
      { year: 2016, from: "2016-01-01", to: "2016-06-30" },
    ]);
  });

  it("names export files after project and period with safe characters only", () => {
    expect(esfExportFileName({ project: "FORST-2019", from: "2020-01-01", to: "2020-12-31" }, "xlsx")).toBe("ESF-FORST-2019-2020-01-01-2020-12-31.xlsx");
    expect(esfExportFileName({ project: "A/B \"x\"", from: "2020-01-01", to: "2020-12-31" }, "csv")).toBe("ESF-A_B_x_-2020-01-01-2020-12-31.csv");
  });
});
