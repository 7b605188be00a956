// ESF Plus indicator report (data contract, section 2): pure computation over pre-selected rows.
// The database layer selects the columns of `EsfParticipantInput` / `EsfOrganisationInput`;
// this module only counts, so it can be tested and benchmarked without a database.

import {
  ESF_INDICATORS,
  GENDERS,
  MANDATORY_FIELD_CONTRACT_NAMES,
  RESULT_INDICATORS,
  type Answer,
  type EducationLevel,
  type EmploymentStatus,
  type EsfIndicator,
  type ExitStatus,
  type FollowUpStatus,
  type Gender,
  type YesNoUnknown,
} from "~/modules/participants/codes";

/** One participant as the database layer hands it to the report (characteristics at entry, results at exit). */
export interface EsfParticipantInput {
  participantNo: string;
  /** Contract names of missing mandatory values (e.g. "education_level"); [] means complete. */
  missingFields: string[];
  gender: Gender | null;
  /** Full years between birth date and entry date. */
  ageAtEntry: number | null;
  employmentStatus: EmploymentStatus | null;
  longTermUnemployed: boolean;
  educationLevel: EducationLevel | null;
  entryDate: Date | null;
  disability: Answer | null;
  thirdCountryNational: Answer | null;
  foreignBackground: Answer | null;
  minority: Answer | null;
  homeless: Answer | null;
  ruralArea: Answer | null;
  exitDate: Date | null;
  exitStatus: ExitStatus | null;
  qualificationGained: boolean | null;
  status6Months: FollowUpStatus | null;
  situationImproved6Months: YesNoUnknown | null;
}

/** One supported organisation (businesses module), counted in EECO18 / EECO19. */
export interface EsfOrganisationInput {
  kind: "business" | "public_body";
  sizeClass: "micro" | "small" | "medium" | "large" | null;
  firstSupportDate: Date | null;
}

/** Everything the report needs: project code, closed UTC date range [from, to] and the rows. */
export interface EsfReportInput {
  projectCode: string;
  from: Date;
  to: Date;
  participants: EsfParticipantInput[];
  organisations: EsfOrganisationInput[];
}

/** One indicator's figures broken down by gender; EECO18/EECO19 use `total` only. */
export type IndicatorCell = { female: number; male: number; diverse: number; total: number };

/** The ESF indicator report exactly as the data contract's JSON (section 2). */
export interface EsfReport {
  project: string;
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD */
  to: string;
  indicators: Record<EsfIndicator, IndicatorCell>;
  incomplete: { participant_no: string; missing: string[] }[];
}

/** The report plus figures needed to check it that are not part of the contract JSON. */
export interface EsfReportWithContext {
  report: EsfReport;
  /** Complete participants who left in the period, by gender: the base of every result indicator. */
  leavers: IndicatorCell;
}

/** A consistency rule broken by a report; `message` is English and names the indicators. */
export interface EsfViolation {
  rule: "sum_of_statuses" | "result_exceeds_output" | "subgroup_exceeds_total" | "gender_breakdown";
  indicators: EsfIndicator[];
  message: string;
}

/** Locales the indicator labels and exports are available in. */
export type EsfLocale = "de" | "en";

/** Human-readable indicator names (Regulation (EU) 2021/1057, Annex I) per locale. */
export const ESF_INDICATOR_LABELS: Record<EsfLocale, Record<EsfIndicator, string>> = {
  de: {
    EECO01: "Teilnehmende insgesamt",
    EECO02: "Arbeitslose, einschl. Langzeitarbeitslose",
    EECO03: "Langzeitarbeitslose",
    EECO04: "Nichterwerbstätige",
    EECO05: "Erwerbstätige, einschl. Selbstständige",
    EECO06: "Teilnehmende unter 18 Jahren",
    EECO07: "Teilnehmende im Alter von 18 bis 29 Jahren",
    EECO08: "Teilnehmende ab 55 Jahren",
    EECO09: "Teilnehmende mit Sekundarbildung Unterstufe oder weniger (ISCED 0–2)",
    EECO10: "Teilnehmende mit Sekundarbildung Oberstufe (ISCED 3) oder postsekundärer Bildung (ISCED 4)",
    EECO11: "Teilnehmende mit tertiärer Bildung (ISCED 5–8)",
    EECO12: "Teilnehmende mit Behinderungen",
    EECO13: "Drittstaatsangehörige",
    EECO14: "Teilnehmende ausländischer Herkunft",
    EECO15: "Minderheiten (einschl. marginalisierter Gemeinschaften wie Roma)",
    EECO16: "Obdachlose oder von Ausgrenzung auf dem Wohnungsmarkt Betroffene",
    EECO17: "Teilnehmende aus ländlichen Gebieten",
    EECO18: "Unterstützte öffentliche Verwaltungen oder öffentliche Dienste",
    EECO19: "Unterstützte Kleinst-, kleine und mittlere Unternehmen (einschl. Genossenschaften und Sozialunternehmen)",
    EECR01: "Teilnehmende, die nach ihrer Teilnahme auf Arbeitsuche sind",
    EECR02: "Teilnehmende, die nach ihrer Teilnahme eine schulische oder berufliche Bildung absolvieren",
    EECR03: "Teilnehmende, die nach ihrer Teilnahme eine Qualifizierung erlangen",
    EECR04: "Teilnehmende, die nach ihrer Teilnahme einen Arbeitsplatz haben, einschl. Selbstständige",
    EECR05: "Teilnehmende, die sechs Monate nach ihrer Teilnahme einen Arbeitsplatz haben, einschl. Selbstständige",
    EECR06: "Teilnehmende, deren Arbeitsmarktsituation sich sechs Monate nach ihrer Teilnahme verbessert hat",
  },
  en: {
    EECO01: "Total number of participants",
    EECO02: "Unemployed, including long-term unemployed",
    EECO03: "Long-term unemployed",
    EECO04: "Inactive",
    EECO05: "Employed, including self-employed",
    EECO06: "Participants under 18 years of age",
    EECO07: "Participants between 18 and 29 years of age",
    EECO08: "Participants 55 years of age and above",
    EECO09: "Participants with lower secondary education or less (ISCED 0–2)",
    EECO10: "Participants with upper secondary (ISCED 3) or post-secondary education (ISCED 4)",
    EECO11: "Participants with tertiary education (ISCED 5–8)",
    EECO12: "Participants with disabilities",
    EECO13: "Third-country nationals",
    EECO14: "Participants with a foreign background",
    EECO15: "Minorities (including marginalised communities such as Roma)",
    EECO16: "Homeless or affected by housing exclusion",
    EECO17: "Participants living in rural areas",
    EECO18: "Public administrations or public services supported",
    EECO19: "Micro, small and medium-sized enterprises supported (including cooperatives and social enterprises)",
    EECR01: "Participants engaged in job searching upon leaving",
    EECR02: "Participants in education or training upon leaving",
    EECR03: "Participants gaining a qualification upon leaving",
    EECR04: "Participants in employment, including self-employment, upon leaving",
    EECR05: "Participants in employment, including self-employment, six months after leaving",
    EECR06: "Participants with an improved labour market situation six months after leaving",
  },
};

/** Indicators that count organisations, not persons: only `total` is used. */
export const ORGANISATION_INDICATORS: readonly EsfIndicator[] = ["EECO18", "EECO19"];

const MS_PER_DAY = 86_400_000;
const GENDER_COUNT = GENDERS.length;
const GENDER_INDEX: Record<Gender, number> = { female: 0, male: 1, diverse: 2 };
const INDICATOR_INDEX = Object.fromEntries(ESF_INDICATORS.map((code, i) => [code, i])) as Record<EsfIndicator, number>;
const CELL_KEYS = ["female", "male", "diverse", "total"] as const;

/** Days since the epoch of a date's UTC calendar day, so a time of day never moves a date out of range. */
function utcDay(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The contract names of mandatory values that are missing, trusting `missingFields` and the values themselves. */
function missingOf(p: EsfParticipantInput): string[] {
  const missing = [...p.missingFields];
  const add = (name: string) => {
    if (!missing.includes(name)) missing.push(name);
  };
  if (p.gender === null) add(MANDATORY_FIELD_CONTRACT_NAMES.gender);
  // why: without an entry date the age cannot be derived even when the birth date is known.
  if (p.ageAtEntry === null && p.entryDate !== null) add(MANDATORY_FIELD_CONTRACT_NAMES.birthDate);
  if (p.employmentStatus === null) add(MANDATORY_FIELD_CONTRACT_NAMES.employmentStatus);
  if (p.educationLevel === null) add(MANDATORY_FIELD_CONTRACT_NAMES.educationLevel);
  if (p.entryDate === null) add(MANDATORY_FIELD_CONTRACT_NAMES.entryDate);
  return missing;
}

function isIncomplete(p: EsfParticipantInput): boolean {
  return (
    p.missingFields.length > 0 ||
    p.gender === null ||
    p.ageAtEntry === null ||
    p.employmentStatus === null ||
    p.educationLevel === null ||
    p.entryDate === null
  );
}

function emptyCell(): IndicatorCell {
  return { female: 0, male: 0, diverse: 0, total: 0 };
}

/**
 * Computes the ESF report together with the number of leavers per gender (for validation).
 * One pass over participants and one over organisations; throws a RangeError on an invalid range.
 */
export function computeEsfReportWithContext(input: EsfReportInput): EsfReportWithContext {
  const { from, to } = input;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new RangeError("ESF report: 'from' and 'to' must be valid dates");
  }
  const fromDay = utcDay(from);
  const toDay = utcDay(to);
  if (fromDay > toDay) {
    throw new RangeError(`ESF report: 'from' (${isoDay(from)}) is after 'to' (${isoDay(to)})`);
  }
  const inRange = (date: Date | null): boolean => {
    if (date === null) return false;
    const day = utcDay(date);
    return day >= fromDay && day <= toDay;
  };

  // counts[indicator * GENDER_COUNT + gender]; totals are derived at the end.
  const counts = new Uint32Array(ESF_INDICATORS.length * GENDER_COUNT);
  const leavers = new Uint32Array(GENDER_COUNT);
  const incomplete: EsfReport["incomplete"] = [];
  const I = INDICATOR_INDEX;

  for (const p of input.participants) {
    if (isIncomplete(p)) {
      if (p.entryDate === null || inRange(p.entryDate)) {
        incomplete.push({ participant_no: p.participantNo, missing: missingOf(p) });
      }
      continue;
    }
    const g = GENDER_INDEX[p.gender as Gender];
    const count = (indicator: number) => {
      counts[indicator * GENDER_COUNT + g]++;
    };

    if (inRange(p.entryDate)) {
      count(I.EECO01);
      switch (p.employmentStatus) {
        case "unemployed":
          count(I.EECO02);
          if (p.longTermUnemployed) count(I.EECO03);
          break;
        case "inactive":
          count(I.EECO04);
          break;
        case "employed":
          count(I.EECO05);
          break;
      }
      const age = p.ageAtEntry as number;
      if (age < 18) count(I.EECO06);
      else if (age <= 29) count(I.EECO07);
      else if (age >= 55) count(I.EECO08);
      switch (p.educationLevel) {
        case "isced_0_2":
          count(I.EECO09);
          break;
        case "isced_3_4":
          count(I.EECO10);
          break;
        case "isced_5_8":
          count(I.EECO11);
          break;
      }
      if (p.disability === "yes") count(I.EECO12);
      if (p.thirdCountryNational === "yes") count(I.EECO13);
      if (p.foreignBackground === "yes") count(I.EECO14);
      if (p.minority === "yes") count(I.EECO15);
      if (p.homeless === "yes") count(I.EECO16);
      if (p.ruralArea === "yes") count(I.EECO17);
    }

    if (inRange(p.exitDate)) {
      leavers[g]++;
      switch (p.exitStatus) {
        case "job_searching":
          count(I.EECR01);
          break;
        case "education_training":
          count(I.EECR02);
          break;
        case "employed":
        case "self_employed":
          count(I.EECR04);
          break;
      }
      if (p.qualificationGained === true) count(I.EECR03);
      if (p.status6Months === "employed" || p.status6Months === "self_employed") count(I.EECR05);
      if (p.situationImproved6Months === "yes") count(I.EECR06);
    }
  }

  let publicBodies = 0;
  let smes = 0;
  for (const o of input.organisations) {
    if (!inRange(o.firstSupportDate)) continue;
    if (o.kind === "public_body") publicBodies++;
    else if (o.sizeClass === "micro" || o.sizeClass === "small" || o.sizeClass === "medium") smes++;
  }

  const indicators = {} as Record<EsfIndicator, IndicatorCell>;
  ESF_INDICATORS.forEach((code, i) => {
    const base = i * GENDER_COUNT;
    const female = counts[base + GENDER_INDEX.female];
    const male = counts[base + GENDER_INDEX.male];
    const diverse = counts[base + GENDER_INDEX.diverse];
    indicators[code] = { female, male, diverse, total: female + male + diverse };
  });
  indicators.EECO18 = { ...emptyCell(), total: publicBodies };
  indicators.EECO19 = { ...emptyCell(), total: smes };

  incomplete.sort((a, b) => (a.participant_no < b.participant_no ? -1 : a.participant_no > b.participant_no ? 1 : 0));

  const leaverCell: IndicatorCell = {
    female: leavers[GENDER_INDEX.female],
    male: leavers[GENDER_INDEX.male],
    diverse: leavers[GENDER_INDEX.diverse],
    total: leavers[0] + leavers[1] + leavers[2],
  };

  return {
    report: { project: input.projectCode, from: isoDay(from), to: isoDay(to), indicators, incomplete },
    leavers: leaverCell,
  };
}

/** Computes the ESF indicator report (data contract, section 2) for one project and date range. */
export function computeEsfReport(input: EsfReportInput): EsfReport {
  return computeEsfReportWithContext(input).report;
}

/** Sum of several indicators' cells, key by key. */
function sumCells(report: EsfReport, codes: readonly EsfIndicator[]): IndicatorCell {
  const sum = emptyCell();
  for (const code of codes) {
    for (const key of CELL_KEYS) sum[key] += report.indicators[code][key];
  }
  return sum;
}

/** The cell keys on which `fails(left, right)` holds, formatted as "female (3 vs 2)". */
function failingKeys(
  left: IndicatorCell,
  right: IndicatorCell,
  fails: (l: number, r: number) => boolean,
): string[] {
  return CELL_KEYS.filter((key) => fails(left[key], right[key])).map(
    (key) => `${key} (${left[key]} vs ${right[key]})`,
  );
}

/**
 * Checks a report for internal consistency; returns [] when it is sound.
 * Pass `leavers` (from computeEsfReportWithContext) to also check results against the leavers of the period.
 */
export function validateEsfReport(report: EsfReport, leavers?: IndicatorCell): EsfViolation[] {
  const violations: EsfViolation[] = [];
  const exceeds = (l: number, r: number) => l > r;

  for (const code of ESF_INDICATORS) {
    const cell = report.indicators[code];
    if (ORGANISATION_INDICATORS.includes(code)) {
      if (cell.female !== 0 || cell.male !== 0 || cell.diverse !== 0) {
        violations.push({
          rule: "gender_breakdown",
          indicators: [code],
          message: `${code} counts organisations, so its gender keys must be 0 (female ${cell.female}, male ${cell.male}, diverse ${cell.diverse})`,
        });
      }
    } else if (cell.total !== cell.female + cell.male + cell.diverse) {
      violations.push({
        rule: "gender_breakdown",
        indicators: [code],
        message: `${code} total ${cell.total} differs from female + male + diverse = ${cell.female + cell.male + cell.diverse}`,
      });
    }
  }

  const statuses: EsfIndicator[] = ["EECO02", "EECO04", "EECO05"];
  const statusMismatch = failingKeys(report.indicators.EECO01, sumCells(report, statuses), (l, r) => l !== r);
  if (statusMismatch.length > 0) {
    violations.push({
      rule: "sum_of_statuses",
      indicators: ["EECO01", ...statuses],
      message: `EECO01 differs from EECO02 + EECO04 + EECO05 for ${statusMismatch.join(", ")}`,
    });
  }

  const subgroupChecks: { part: EsfIndicator[]; whole: EsfIndicator }[] = [
    { part: ["EECO03"], whole: "EECO02" },
    { part: ["EECO06", "EECO07", "EECO08"], whole: "EECO01" },
  ];
  for (const { part, whole } of subgroupChecks) {
    const failing = failingKeys(sumCells(report, part), report.indicators[whole], exceeds);
    if (failing.length > 0) {
      violations.push({
        rule: "subgroup_exceeds_total",
        indicators: [...part, whole],
        message: `${part.join(" + ")} exceeds ${whole} for ${failing.join(", ")}`,
      });
    }
  }

  if (leavers) {
    for (const code of RESULT_INDICATORS) {
      const failing = failingKeys(report.indicators[code], leavers, exceeds);
      if (failing.length > 0) {
        violations.push({
          rule: "result_exceeds_output",
          indicators: [code],
          message: `${code} exceeds the participants who left in the period for ${failing.join(", ")}`,
        });
      }
    }
    const exclusive: EsfIndicator[] = ["EECR01", "EECR02", "EECR04"];
    const failing = failingKeys(sumCells(report, exclusive), leavers, exceeds);
    if (failing.length > 0) {
      violations.push({
        rule: "result_exceeds_output",
        indicators: exclusive,
        message: `EECR01 + EECR02 + EECR04 (mutually exclusive exit statuses) exceed the participants who left in the period for ${failing.join(", ")}`,
      });
    }
  }

  return violations;
}
