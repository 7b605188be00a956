// Parser for the participant file (data contract section 1): CSV or XLSX in, typed rows out.
// Pure and database-free: matching areas to the project and upserting are the caller's job.
// Cell values are personal data: nothing here logs them, and messages for special-category
// columns (GDPR Art. 9) never repeat the cell's content.

import ExcelJS from "exceljs";
import Papa from "papaparse";
import { restoreSpreadsheetText } from "~/utils/spreadsheet-safety";
import {
  EDUCATION_LEVELS,
  EXIT_STATUSES,
  FOLLOW_UP_STATUSES,
  SPECIAL_CATEGORY_FIELDS,
  type Answer,
  type EducationLevel,
  type EmploymentStatus,
  type ExitStatus,
  type FollowUpStatus,
  type Gender,
  type YesNoUnknown,
} from "./codes";

// ---------------------------------------------------------------------------------------------
// Public API

/** `unknown_area` is reported by the caller, which knows the project's areas; the parser never emits it. */
export type ImportIssueCode =
  | "missing_required"
  | "invalid_date"
  | "invalid_code"
  | "invalid_postcode"
  | "exit_before_entry"
  | "long_term_not_unemployed"
  | "duplicate_number_in_file"
  | "duplicate_person_in_file"
  | "unknown_area";

export interface ImportIssue {
  line: number;
  code: ImportIssueCode;
  /** Contract column name, e.g. "exit_date". */
  field?: string;
  /** The offending cell as read (omitted for special-category columns). */
  value?: string;
  /** English, e.g. "line 7: exit_date 2020-01-01 is before entry_date 2020-02-01". */
  message: string;
}

export interface ParsedParticipantRow {
  /** 1-based physical line where the record starts (header = line 1); for XLSX the sheet row number. */
  line: number;
  participantNo: string;
  identity: { firstName: string; lastName: string; birthDate: Date | null; postcode: string };
  /** programme_area as given (trimmed); matched against the project by the caller. */
  areaName: string | null;
  record: {
    gender: Gender | null;
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
    employabilityImproved: boolean | null;
    status6Months: FollowUpStatus | null;
    situationImproved6Months: YesNoUnknown | null;
  };
  /** Contract names of missing starred fields in contract column order; [] = complete. */
  missing: string[];
}

export interface ParseResult {
  rows: ParsedParticipantRow[];
  /** One issue per rejected row, in file order. */
  rejected: ImportIssue[];
  /** File-level remarks that do not stop the import, e.g. unknown columns. */
  warnings: string[];
  /** Non-empty data rows read (= rows.length + rejected.length). */
  totalDataRows: number;
}

export interface ParseOptions {
  /** Upper bound on non-empty data rows; default 100 000. */
  maxRows?: number;
}

export type ImportFileErrorCode =
  | "empty_file"
  | "no_header"
  | "missing_columns"
  | "unsupported_type"
  | "too_many_rows"
  | "unreadable";

/** A problem with the file as a whole; no row is usable. */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  readonly details?: string[];

  constructor(code: ImportFileErrorCode, message: string, details?: string[]) {
    super(message);
    this.name = "ImportFileError";
    this.code = code;
    this.details = details;
  }
}

export const DEFAULT_MAX_ROWS = 100_000;

/** Parses an uploaded participant file; the format comes from the extension and the content. */
export async function parseParticipantFile(
  data: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
): Promise<ParseResult> {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension !== "csv" && extension !== "xlsx") {
    throw new ImportFileError("unsupported_type", `unsupported file type: ${fileName} (use .csv or .xlsx)`);
  }
  if (data.length === 0) throw new ImportFileError("empty_file", "the file is empty");

  // The content decides between the two accepted types: a workbook saved as .csv still parses,
  // while an old binary .xls renamed to .xlsx is refused rather than read as text.
  if (isZip(data)) return parseXlsx(data, options);
  if (extension === "xlsx") {
    throw new ImportFileError("unsupported_type", `${fileName} is not an XLSX workbook`);
  }

  let text: string;
  try {
    // The default (ignoreBOM: false) drops a leading UTF-8 BOM.
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    throw new ImportFileError("unreadable", "the file is not valid UTF-8 text", [
      "save the CSV as UTF-8 (Excel: \"CSV UTF-8\")",
    ]);
  }
  return parseParticipantCsv(text, options);
}

/** Parses CSV text (delimiter `;` or `,`, detected from the header line). */
export function parseParticipantCsv(text: string, options: ParseOptions = {}): ParseResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") throw new ImportFileError("empty_file", "the file is empty");

  // Every line break becomes \n, inside quoted fields too: papaparse assumes one line-break style
  // per file, and files edited in several tools mix \r\n and \n. Line numbers are unaffected.
  const normalised = body.replace(/\r\n?/g, "\n");
  const lines = new LineCounter(normalised);
  let header: SourceRow | undefined;
  const records: SourceRow[] = [];
  let recordStart = 0;
  let fileError: ImportFileError | undefined;

  Papa.parse<string[]>(normalised, {
    delimiter: detectDelimiter(normalised),
    newline: "\n",
    quoteChar: '"',
    skipEmptyLines: false,
    // With a string input papaparse parses in one chunk, so meta.cursor is the offset just past
    // the record's line break: the start of the next record. That gives the physical start line
    // of every record, also after quoted fields that contain line breaks.
    step: (result, parser) => {
      const line = lines.lineAt(recordStart);
      recordStart = result.meta.cursor;
      if (result.errors.some((e) => e.code === "MissingQuotes")) {
        fileError = new ImportFileError("unreadable", "the file has a quoted field that is never closed", [
          `line ${line}: a quoted field starts here and is never closed`,
        ]);
        parser.abort();
        return;
      }
      const cells = result.data;
      if (cells.every((c) => c.trim() === "")) return;
      if (!header) {
        header = { line, cells };
        return;
      }
      if (records.length >= maxRows) {
        fileError = tooManyRows(maxRows);
        parser.abort();
        return;
      }
      records.push({ line, cells });
    },
  });

  if (fileError) throw fileError;
  if (!header) throw new ImportFileError("empty_file", "the file is empty");
  return interpretRows(header, records);
}

// ---------------------------------------------------------------------------------------------
// Columns

/** Contract columns in contract order, with their German synonyms. */
const COLUMNS = [
  ["participant_no", "Teilnehmenden-Nr"],
  ["first_name", "Vorname"],
  ["last_name", "Nachname"],
  ["birth_date", "Geburtsdatum"],
  ["gender", "Geschlecht"],
  ["postcode", "PLZ"],
  ["programme_area", "Programmgebiet"],
  ["entry_date", "Eintrittsdatum"],
  ["employment_status", "Erwerbsstatus"],
  ["long_term_unemployed", "langzeitarbeitslos"],
  ["education_level", "Bildungsniveau"],
  ["disability", "Behinderung"],
  ["third_country_national", "Drittstaatsangehörig"],
  ["foreign_background", "ausländische Herkunft"],
  ["minority", "Minderheit"],
  ["homeless", "obdachlos"],
  ["rural_area", "ländlich"],
  ["exit_date", "Austrittsdatum"],
  ["exit_status", "Verbleib"],
  ["qualification_gained", "Qualifikation erlangt"],
  ["employability_improved", "Beschäftigungsfähigkeit verbessert"],
  ["status_6_months", "Status nach 6 Monaten"],
  ["situation_improved_6_months", "Situation verbessert nach 6 Monaten"],
] as const;

type Column = (typeof COLUMNS)[number][0];

const REQUIRED_COLUMNS: readonly Column[] = ["participant_no", "first_name", "last_name", "postcode"];
/** The starred columns, in contract order: a row without them is kept but incomplete. */
const STARRED_COLUMNS = [
  "birth_date",
  "gender",
  "entry_date",
  "employment_status",
  "education_level",
] as const satisfies readonly Column[];

const COLUMN_BY_NAME = new Map<string, Column>(
  COLUMNS.flatMap(([name, german]) => [
    [normaliseName(name), name],
    [normaliseName(german), name],
  ]),
);

/** Case-insensitive, trimmed; NFC so that a decomposed "ä" matches too. */
function normaliseName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Rows

/** A cell as read: CSV gives strings; XLSX also numbers and dates. */
type Cell = string | number | Date;

interface SourceRow {
  line: number;
  cells: Cell[];
}

function interpretRows(header: SourceRow, records: SourceRow[]): ParseResult {
  const warnings: string[] = [];
  const columnIndex = new Map<Column, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];

  header.cells.forEach((cell, index) => {
    const name = cellText(cell);
    if (name === "") return;
    const column = COLUMN_BY_NAME.get(normaliseName(name));
    if (!column) unknown.push(name);
    else if (columnIndex.has(column)) repeated.push(name);
    else columnIndex.set(column, index);
  });

  if (columnIndex.size === 0) {
    throw new ImportFileError("no_header", `line ${header.line} is not a header row: no known column names`, [
      `expected columns such as ${REQUIRED_COLUMNS.join(", ")}`,
    ]);
  }
  const absent = REQUIRED_COLUMNS.filter((c) => !columnIndex.has(c));
  if (absent.length > 0) {
    throw new ImportFileError("missing_columns", `required columns missing: ${absent.join(", ")}`, absent);
  }
  if (unknown.length > 0) warnings.push(`unknown columns ignored: ${unknown.join(", ")}`);
  if (repeated.length > 0) warnings.push(`repeated columns ignored (the first one is used): ${repeated.join(", ")}`);
  const absentStarred = STARRED_COLUMNS.filter((c) => !columnIndex.has(c));
  if (absentStarred.length > 0) {
    warnings.push(`columns not in the file, every row will be incomplete: ${absentStarred.join(", ")}`);
  }

  const rows: ParsedParticipantRow[] = [];
  const rejected: ImportIssue[] = [];
  // First line of every participant_no and every person seen, rejected rows included, so that
  // all conflicting rows are reported in one pass.
  const numberLines = new Map<string, number>();
  const persons = new Map<string, { line: number; participantNo: string }>();

  for (const source of records) {
    const get = (column: Column): Cell => {
      const index = columnIndex.get(column);
      return index === undefined ? "" : (source.cells[index] ?? "");
    };
    const outcome = readRow(source.line, get);

    let issue = outcome.issue;
    const { participantNo, firstName, lastName, postcode } = outcome.keys;
    if (participantNo !== "") {
      const firstLine = numberLines.get(participantNo);
      if (firstLine === undefined) numberLines.set(participantNo, source.line);
      else {
        issue ??= {
          line: source.line,
          code: "duplicate_number_in_file",
          field: "participant_no",
          value: participantNo,
          message: `line ${source.line}: participant_no ${participantNo} already appears on line ${firstLine}`,
        };
      }
    }
    if (participantNo !== "" && firstName !== "" && lastName !== "" && postcode !== "") {
      const personKey = [firstName, lastName, postcode].map(normaliseCode).join("\u0000");
      const first = persons.get(personKey);
      if (!first) persons.set(personKey, { line: source.line, participantNo });
      else if (first.participantNo !== participantNo) {
        issue ??= {
          line: source.line,
          code: "duplicate_person_in_file",
          message:
            `line ${source.line}: same first_name, last_name and postcode as line ${first.line} ` +
            `(participant_no ${first.participantNo}), probably the same person`,
        };
      }
    }

    if (issue) rejected.push(issue);
    else rows.push(outcome.row!);
  }

  return { rows, rejected, warnings, totalDataRows: records.length };
}

interface RowOutcome {
  /** Trimmed identifying values, also for rejected rows (used for the duplicate checks). */
  keys: { participantNo: string; firstName: string; lastName: string; postcode: string };
  issue?: ImportIssue;
  row?: ParsedParticipantRow;
}

/** Signals the first rule a row breaks; caught in readRow. */
function isSpecialCategory(field: Column): boolean {
  return (SPECIAL_CATEGORY_FIELDS as readonly string[]).includes(field);
}

class RowRejection {
  constructor(readonly issue: ImportIssue) {}
}

function readRow(line: number, get: (column: Column) => Cell): RowOutcome {
  const keys = {
    participantNo: cellText(get("participant_no")),
    firstName: cellText(get("first_name")),
    lastName: cellText(get("last_name")),
    postcode: postcodeText(get("postcode")),
  };

  const reject = (code: ImportIssueCode, field: Column, value: string | undefined, message: string): never => {
    const issue: ImportIssue = { line, code, field, message: `line ${line}: ${message}` };
    if (value !== undefined && !isSpecialCategory(field)) issue.value = value;
    throw new RowRejection(issue);
  };
  /** `field "value"`, or just the field name for special-category columns. */
  const quote = (field: Column, value: string) => (isSpecialCategory(field) ? field : `${field} "${value}"`);

  const required = (field: Column, value: string): string =>
    value === "" ? reject("missing_required", field, undefined, `${field} is missing`) : value;

  const date = (field: Column): Date | null => {
    const cell = get(field);
    const parsed = parseDateCell(cell);
    if (parsed === "invalid") {
      const raw = cellText(cell);
      return reject("invalid_date", field, raw, `${field} "${raw}" is not a valid date (use YYYY-MM-DD or DD.MM.YYYY)`);
    }
    return parsed;
  };

  /** Looks the cell up in a synonym table; empty cells give null. */
  const code = <T extends string>(field: Column, table: ReadonlyMap<string, T>): T | null => {
    const raw = cellText(get(field));
    if (raw === "") return null;
    const value = table.get(normaliseCode(raw));
    if (value !== undefined) return value;
    const allowed = [...new Set(table.values())].join(", ");
    return reject("invalid_code", field, raw, `${quote(field, raw)} is not a valid value (allowed: ${allowed})`);
  };

  const yesNo = (field: Column): boolean | null => {
    const answer = code(field, YES_NO);
    return answer === null ? null : answer === "yes";
  };

  try {
    const participantNo = required("participant_no", keys.participantNo);
    const firstName = required("first_name", keys.firstName);
    const lastName = required("last_name", keys.lastName);
    const birthDate = date("birth_date");
    const gender = code("gender", GENDER_CODES);
    const postcode = required("postcode", keys.postcode);
    if (!/^\d{5}$/.test(postcode)) {
      reject("invalid_postcode", "postcode", postcode, `postcode "${postcode}" is not exactly 5 digits`);
    }
    const areaName = cellText(get("programme_area")) || null;
    const entryDate = date("entry_date");
    const employmentStatus = code("employment_status", EMPLOYMENT_CODES);
    const longTermUnemployed = yesNo("long_term_unemployed") ?? false;
    const educationLevel = code("education_level", EDUCATION_CODES);
    const disability = code("disability", ANSWER_CODES);
    const thirdCountryNational = code("third_country_national", ANSWER_CODES);
    const foreignBackground = code("foreign_background", ANSWER_CODES);
    const minority = code("minority", ANSWER_CODES);
    const homeless = code("homeless", ANSWER_CODES);
    const ruralArea = code("rural_area", ANSWER_CODES);
    const exitDate = date("exit_date");
    const exitStatus = code("exit_status", EXIT_CODES);
    const qualificationGained = yesNo("qualification_gained");
    const employabilityImproved = yesNo("employability_improved");
    const status6Months = code("status_6_months", FOLLOW_UP_CODES);
    const situationImproved6Months = code("situation_improved_6_months", YES_NO_UNKNOWN_CODES);

    if (entryDate && exitDate && exitDate.getTime() < entryDate.getTime()) {
      reject(
        "exit_before_entry",
        "exit_date",
        isoDate(exitDate),
        `exit_date ${isoDate(exitDate)} is before entry_date ${isoDate(entryDate)}`,
      );
    }
    // An empty employment_status counts as "not unemployed" here: the contract allows yes only
    // for unemployed people, and keeping the row would store a contradiction once it is completed.
    if (longTermUnemployed && employmentStatus !== "unemployed") {
      reject(
        "long_term_not_unemployed",
        "long_term_unemployed",
        "yes",
        `long_term_unemployed is yes but employment_status is ${employmentStatus ?? "empty"} (only allowed when unemployed)`,
      );
    }

    const given: Record<(typeof STARRED_COLUMNS)[number], unknown> = {
      birth_date: birthDate,
      gender,
      entry_date: entryDate,
      employment_status: employmentStatus,
      education_level: educationLevel,
    };
    const missing: string[] = STARRED_COLUMNS.filter((c) => given[c] === null);

    return {
      keys,
      row: {
        line,
        participantNo,
        identity: { firstName, lastName, birthDate, postcode },
        areaName,
        record: {
          gender,
          employmentStatus,
          longTermUnemployed,
          educationLevel,
          entryDate,
          disability,
          thirdCountryNational,
          foreignBackground,
          minority,
          homeless,
          ruralArea,
          exitDate,
          exitStatus,
          qualificationGained,
          employabilityImproved,
          status6Months,
          situationImproved6Months,
        },
        missing,
      },
    };
  } catch (error) {
    if (error instanceof RowRejection) return { keys, issue: error.issue };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Values

function normaliseCode(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Synonym table: every accepted spelling (normalised) → canonical code. */
function codeTable<T extends string>(entries: Record<T, readonly string[]>): ReadonlyMap<string, T> {
  const table = new Map<string, T>();
  for (const [canonical, synonyms] of Object.entries(entries) as [T, readonly string[]][]) {
    table.set(canonical, canonical);
    for (const synonym of synonyms) table.set(normaliseCode(synonym), canonical);
  }
  return table;
}

function identityTable<T extends string>(codes: readonly T[]): ReadonlyMap<string, T> {
  return new Map(codes.map((c) => [c, c]));
}

const GENDER_CODES = codeTable<Gender>({
  female: ["weiblich", "w"],
  male: ["männlich", "m"],
  diverse: ["divers", "d"],
});

const EMPLOYMENT_CODES = codeTable<EmploymentStatus>({
  unemployed: ["arbeitslos"],
  inactive: ["nichterwerbstätig", "nicht erwerbstätig"],
  employed: ["erwerbstätig"],
});

const EDUCATION_CODES = identityTable<EducationLevel>(EDUCATION_LEVELS);
const EXIT_CODES = identityTable<ExitStatus>(EXIT_STATUSES);
const FOLLOW_UP_CODES = identityTable<FollowUpStatus>(FOLLOW_UP_STATUSES);

const ANSWER_CODES = codeTable<Answer>({
  yes: ["ja", "1"],
  no: ["nein", "0"],
  no_answer: ["keine Angabe"],
});

/** For the boolean columns (long_term_unemployed, qualification_gained, employability_improved): no_answer is invalid. */
const YES_NO = codeTable<"yes" | "no">({ yes: ["ja", "1"], no: ["nein", "0"] });

const YES_NO_UNKNOWN_CODES = codeTable<YesNoUnknown>({ yes: ["ja", "1"], no: ["nein", "0"], unknown: ["unbekannt"] });

/** Trimmed text of a cell; dates become YYYY-MM-DD; an export's formula guard (`'=…`) is taken off again. */
function cellText(cell: Cell): string {
  if (cell instanceof Date) return isoDate(calendarDate(cell));
  return restoreSpreadsheetText(String(cell).trim()).trim();
}

/**
 * Excel stores a postcode typed as a number without its leading zero (03149 → 3149), so a
 * whole-number XLSX cell is padded back to five digits. Text cells (and all CSV cells) are
 * taken as written.
 */
function postcodeText(cell: Cell): string {
  if (typeof cell === "number" && Number.isInteger(cell) && cell >= 0 && cell <= 99_999) {
    return String(cell).padStart(5, "0");
  }
  return cellText(cell);
}

/** null for an empty cell, "invalid" for anything that is not a real calendar date. */
function parseDateCell(cell: Cell): Date | null | "invalid" {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "invalid" : calendarDate(cell);
  const text = cellText(cell);
  if (text === "") return null;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return utcDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (match) return utcDate(Number(match[3]), Number(match[2]), Number(match[1]));
  return "invalid";
}

function utcDate(year: number, month: number, day: number): Date | "invalid" {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls over (31.02. → 02.03.) and maps years 0–99 to 1900–1999: compare back.
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date : "invalid";
}

/**
 * exceljs returns date cells as the UTC instant of the Excel serial, so the UTC fields are the
 * calendar date. Rounding to the second first absorbs floating-point noise in the serial
 * (23:59:59.9996 of the previous day); a time of day is dropped.
 */
function calendarDate(value: Date): Date {
  const rounded = new Date(Math.round(value.getTime() / 1000) * 1000);
  return new Date(Date.UTC(rounded.getUTCFullYear(), rounded.getUTCMonth(), rounded.getUTCDate()));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// CSV helpers

/** Picks `;` or `,` by counting both outside quotes in the header line (`,` on a tie). */
function detectDelimiter(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted; // a doubled "" inside quotes toggles twice: no net change
    else if (!quoted && char === "\n") {
      // Blank lines before the header do not decide anything.
      if (semicolons + commas > 0) break;
    } else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
  }
  return semicolons > commas ? ";" : ",";
}

/** Maps offsets in \n-separated text to 1-based line numbers; ask in increasing order. */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    for (; this.offset < offset && this.offset < this.text.length; this.offset++) {
      if (this.text[this.offset] === "\n") this.line++;
    }
    return this.line;
  }
}

function tooManyRows(maxRows: number): ImportFileError {
  return new ImportFileError("too_many_rows", `the file has more than ${maxRows} data rows`, [
    `split the file into parts of at most ${maxRows} rows`,
  ]);
}

// ---------------------------------------------------------------------------------------------
// XLSX

function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

async function parseXlsx(data: Uint8Array, options: ParseOptions): Promise<ParseResult> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as never);
  } catch {
    throw new ImportFileError("unreadable", "the file could not be read as an XLSX workbook");
  }

  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError("empty_file", "the workbook has no worksheet");

  let header: SourceRow | undefined;
  const records: SourceRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    // row.values is 1-based and sparse; cell i of the header lines up with cell i of each row.
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
    if (cells.every((c) => cellText(c) === "")) return;
    if (!header) header = { line: rowNumber, cells };
    else if (records.length >= maxRows) tooMany = true;
    else records.push({ line: rowNumber, cells });
  });

  if (tooMany) throw tooManyRows(maxRows);
  if (!header) throw new ImportFileError("empty_file", "the first worksheet is empty");
  return interpretRows(header, records);
}

/** Reduces an exceljs cell value (rich text, hyperlink, formula, error …) to a string, number or date. */
function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return xlsxCell(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return xlsxCell(value.result as ExcelJS.CellValue);
  // An error result (#N/A, #REF! …) stays visible so the row is rejected rather than silently blank.
  if ("error" in value) return value.error;
  return "";
}
