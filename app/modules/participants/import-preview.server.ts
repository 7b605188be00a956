// The import preview as the page shows it: counts, bounded tables, and every message in the user's
// language. Rejection reasons are rebuilt from the issue codes (the parser's messages are English,
// for the CLI); values of special-category columns are never echoed.
import { formatDate, parseDate, type Locale } from "~/utils/format";
import { translate, type MessageKey } from "~/utils/i18n";
import type { ImportFileError } from "./import-parser";
import { CONTRACT_NAME, isSpecialCategoryColumn, planFingerprint, type ImportCounts, type ImportPlan, type PlanIssue } from "./import.server";

/** Rows shown per table; the rest is summarised as "… and N more". */
export const PREVIEW_LIMIT = 200;

export interface PreviewRow {
  line: number;
  participantNo: string;
  name: string;
  /** Labels of changed values (updates) or of missing values (incomplete rows). */
  fields: string[];
}

export interface ImportPreview {
  fileName: string;
  counts: ImportCounts;
  warnings: string[];
  creates: PreviewRow[];
  updates: PreviewRow[];
  incomplete: PreviewRow[];
  rejected: { line: number; reason: string }[];
  /** How many rows of each table are not shown. */
  more: { creates: number; updates: number; incomplete: number; rejected: number };
  fingerprint: string;
}

/** Column label as in the German (or English) file header. */
export function columnLabel(contractName: string, locale: Locale): string {
  return translate(locale, `participantsIo.column.${contractName}` as MessageKey);
}

const fieldLabel = (modelField: string, locale: Locale) =>
  columnLabel((CONTRACT_NAME as Record<string, string>)[modelField] ?? modelField, locale);

/** The reason of a rejected row in the user's language. */
export function issueReason(issue: PlanIssue, locale: Locale): string {
  const field = issue.field ? columnLabel(issue.field, locale) : "";
  const value = issue.value ?? "";
  switch (issue.code) {
    case "invalid_code":
      return isSpecialCategoryColumn(issue.field)
        ? translate(locale, "participantsIo.reason.invalid_code_sensitive", { field })
        : translate(locale, "participantsIo.reason.invalid_code", { field, value });
    case "duplicate_number_in_file": {
      const firstLine = /already appears on line (\d+)/.exec(issue.message)?.[1] ?? "?";
      return translate(locale, "participantsIo.reason.duplicate_number_in_file", { value, firstLine });
    }
    case "duplicate_person_in_file": {
      const match = /as line (\d+) \(participant_no (.*)\)/.exec(issue.message);
      return translate(locale, "participantsIo.reason.duplicate_person_in_file", { firstLine: match?.[1] ?? "?", otherNo: match?.[2] ?? "?" });
    }
    case "duplicate_person_in_project":
      return translate(locale, "participantsIo.reason.duplicate_person_in_project", { existingNo: issue.existingNo ?? "?" });
    case "period_locked":
      return translate(locale, "periods.importRowLocked", {
        field,
        value: formatDate(parseDate(value), locale),
        start: formatDate(parseDate(issue.period?.start), locale),
        end: formatDate(parseDate(issue.period?.end), locale),
      });
    default:
      return translate(locale, `participantsIo.reason.${issue.code}` as MessageKey, { field, value });
  }
}

/** Parser warnings (English) in the user's language; unknown ones pass through. */
export function warningText(warning: string, locale: Locale): string {
  const patterns: [RegExp, MessageKey, boolean][] = [
    [/^unknown columns ignored: (.*)$/, "participantsIo.warning.unknownColumns", false],
    [/^repeated columns ignored \(the first one is used\): (.*)$/, "participantsIo.warning.repeatedColumns", false],
    [/^columns not in the file, every row will be incomplete: (.*)$/, "participantsIo.warning.absentStarred", true],
  ];
  for (const [pattern, key, contractNames] of patterns) {
    const match = pattern.exec(warning);
    if (match) {
      const columns = contractNames ? match[1].split(", ").map((c) => columnLabel(c, locale)).join(", ") : match[1];
      return translate(locale, key, { columns });
    }
  }
  return warning;
}

/** A file-level problem in the user's language. */
export function fileErrorMessage(error: ImportFileError, locale: Locale): string {
  if (error.code === "missing_columns") {
    return translate(locale, "participantsIo.import.error.missing_columns", {
      columns: (error.details ?? []).map((c) => columnLabel(c, locale)).join(", "),
    });
  }
  if (error.code === "unreadable") {
    const line = /line (\d+): a quoted field/.exec((error.details ?? []).join("\n"))?.[1];
    if (line) return translate(locale, "participantsIo.import.error.unclosedQuote", { line });
  }
  return translate(locale, `participantsIo.import.error.${error.code}` as MessageKey);
}

/** The preview of a plan for the page (at most PREVIEW_LIMIT rows per table). */
export function buildPreview(plan: ImportPlan, fileName: string, locale: Locale): ImportPreview {
  const creates: PreviewRow[] = [];
  const updates: PreviewRow[] = [];
  const incomplete: PreviewRow[] = [];
  const more = { creates: 0, updates: 0, incomplete: 0, rejected: 0 };
  const push = (table: PreviewRow[], key: keyof typeof more, row: PreviewRow) => {
    if (table.length < PREVIEW_LIMIT) table.push(row);
    else more[key]++;
  };
  for (const row of plan.rows) {
    const base = { line: row.line, participantNo: row.participantNo, name: row.displayName };
    if (row.kind === "create") push(creates, "creates", { ...base, fields: [] });
    if (row.kind === "update") push(updates, "updates", { ...base, fields: row.changedFields.map((f) => fieldLabel(f, locale)) });
    if (row.missing.length > 0) push(incomplete, "incomplete", { ...base, fields: row.missing.map((c) => columnLabel(c, locale)) });
  }
  const rejected = plan.rejected.slice(0, PREVIEW_LIMIT).map((issue) => ({ line: issue.line, reason: issueReason(issue, locale) }));
  more.rejected = Math.max(0, plan.rejected.length - PREVIEW_LIMIT);
  return {
    fileName,
    counts: plan.counts,
    warnings: plan.warnings.map((w) => warningText(w, locale)),
    creates,
    updates,
    incomplete,
    rejected,
    more,
    fingerprint: planFingerprint(plan),
  };
}
