// Presentation of ESF report violations (validateEsfReport) in the user's language: which figures disagree,
// by gender. Pure and shared by the report page and the PDF export.
import type { EsfIndicator } from "~/modules/participants/codes";
import type { EsfReport, EsfViolation, IndicatorCell } from "./esf-indicators";
import type { MessageKey } from "~/utils/i18n";

export const CELL_KEYS = ["female", "male", "diverse", "total"] as const;
export type CellKey = (typeof CELL_KEYS)[number];

/** One gender column in which a rule fails: the figure on the left compared with the limit on the right. */
export interface ViolationFigure {
  key: CellKey;
  actual: number;
  limit: number;
}

/** A violation ready to be rendered: a catalogue message with its parameters and the failing figures. */
export interface ViolationView {
  rule: EsfViolation["rule"];
  indicators: EsfIndicator[];
  message: MessageKey;
  params: Record<string, string>;
  figures: ViolationFigure[];
}

const ZERO: IndicatorCell = { female: 0, male: 0, diverse: 0, total: 0 };

function sum(report: EsfReport, codes: readonly EsfIndicator[]): IndicatorCell {
  const result = { ...ZERO };
  for (const code of codes) for (const key of CELL_KEYS) result[key] += report.indicators[code][key];
  return result;
}

function compare(left: IndicatorCell, right: IndicatorCell, fails: (l: number, r: number) => boolean): ViolationFigure[] {
  return CELL_KEYS.filter((key) => fails(left[key], right[key])).map((key) => ({ key, actual: left[key], limit: right[key] }));
}

const exceeds = (l: number, r: number) => l > r;
const differs = (l: number, r: number) => l !== r;
const ORGANISATION_CODES: readonly EsfIndicator[] = ["EECO18", "EECO19"];

/**
 * Describes a violation for display. `leavers` (complete participants who left in the period) gives the
 * limit of result indicators; without it those figures are omitted and only the message remains.
 */
export function describeViolation(violation: EsfViolation, report: EsfReport, leavers?: IndicatorCell): ViolationView {
  const { rule, indicators } = violation;
  const joined = indicators.join(" + ");
  switch (rule) {
    case "sum_of_statuses": {
      const figures = compare(report.indicators.EECO01, sum(report, ["EECO02", "EECO04", "EECO05"]), differs);
      return { rule, indicators, message: "reports.esf.violation.sumOfStatuses", params: {}, figures };
    }
    case "subgroup_exceeds_total": {
      const part = indicators.slice(0, -1);
      const whole = indicators[indicators.length - 1];
      const figures = compare(sum(report, part), report.indicators[whole], exceeds);
      return { rule, indicators, message: "reports.esf.violation.subgroupExceedsTotal", params: { part: part.join(" + "), whole }, figures };
    }
    case "result_exceeds_output": {
      const figures = leavers ? compare(sum(report, indicators), leavers, exceeds) : [];
      return { rule, indicators, message: "reports.esf.violation.resultExceedsOutput", params: { indicators: joined }, figures };
    }
    case "gender_breakdown": {
      const code = indicators[0];
      const cell = report.indicators[code];
      if (ORGANISATION_CODES.includes(code)) {
        const figures = compare(cell, ZERO, differs).filter((figure) => figure.key !== "total");
        return { rule, indicators, message: "reports.esf.violation.organisationGender", params: { indicator: code }, figures };
      }
      const figures = [{ key: "total" as const, actual: cell.total, limit: cell.female + cell.male + cell.diverse }];
      return { rule, indicators, message: "reports.esf.violation.genderBreakdown", params: { indicator: code }, figures };
    }
  }
}

/** Catalogue keys of the gender columns, in table order. */
export const CELL_LABEL_KEYS: Record<CellKey, MessageKey> = {
  female: "reports.esf.col.female",
  male: "reports.esf.col.male",
  diverse: "reports.esf.col.diverse",
  total: "reports.esf.col.total",
};

/** Catalogue keys of the mandatory fields as reported in `incomplete[].missing`. */
export const MISSING_FIELD_KEYS: Record<string, MessageKey> = {
  gender: "reports.esf.missing.gender",
  birth_date: "reports.esf.missing.birth_date",
  employment_status: "reports.esf.missing.employment_status",
  education_level: "reports.esf.missing.education_level",
  entry_date: "reports.esf.missing.entry_date",
};
