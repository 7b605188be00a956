// Participant list export (CSV / XLSX) and the pseudonymous list for managers and accountants.
// What a file carries depends on the reader: identity columns (names, birth date, address, contact)
// only with `participant:read`, special-category columns (disability, minority) only with
// `participant:readSensitive`; everyone else gets the participant number and characteristics.
// The rows are read in pages and written as they come, so 50,000 participants stay in bounded memory;
// after every 125 rows the writer waits for room in the output and gives the event loop a turn.
// Columns and values follow the import format (data contract section 1): a full export can be edited
// and imported again.
import ExcelJS from "exceljs";
import { PassThrough, Readable, type Writable } from "node:stream";
import { cooperativeProgress, type ReportProgress } from "~/modules/exports/jobs.server";
import { db, type Prisma } from "~/utils/db.server";
import { formatDate, isoDate, type Locale } from "~/utils/format";
import { translate, type MessageKey } from "~/utils/i18n";
import { safeSpreadsheetCell, safeSpreadsheetText } from "~/utils/spreadsheet-safety";
import { SPECIAL_CATEGORY_FIELDS } from "./codes";
import { parseMissingFields } from "./derive";
import type { ExportFormat } from "./export-formats";
import type { ParticipantListQuery } from "./schema";

export { EXPORT_FORMATS, type ExportFormat } from "./export-formats";

/** Which parts of a record the reader may see. */
export interface ExportScope {
  /** Names, birth date, address and contact (lead, coordinator, admin). */
  identity: boolean;
  /** Disability and minority (GDPR Art. 9). */
  sensitive: boolean;
}

const EXPORT_SELECT = {
  id: true,
  participantNo: true,
  area: { select: { name: true } },
  gender: true,
  ageAtEntry: true,
  employmentStatus: true,
  longTermUnemployed: true,
  educationLevel: true,
  entryDate: true,
  disability: true,
  thirdCountryNational: true,
  foreignBackground: true,
  minority: true,
  homeless: true,
  ruralArea: true,
  exitDate: true,
  exitStatus: true,
  qualificationGained: true,
  employabilityImproved: true,
  status6Months: true,
  situationImproved6Months: true,
  isComplete: true,
  missingFields: true,
} satisfies Prisma.ParticipantSelect;

const IDENTITY_SELECT = {
  firstName: true,
  lastName: true,
  birthDate: true,
  postcode: true,
  street: true,
  city: true,
  email: true,
  phone: true,
  privacyNoticeDate: true,
} satisfies Prisma.ParticipantIdentitySelect;

type ExportRow = Prisma.ParticipantGetPayload<{ select: typeof EXPORT_SELECT }> & {
  identity?: Prisma.ParticipantIdentityGetPayload<{ select: typeof IDENTITY_SELECT }> | null;
};

type CellValue = string | number | Date | null;

interface Column {
  /** Contract column name (or an extra export column). */
  key: string;
  kind: "identity" | "sensitive" | "record";
  /** "text" cells are free text typed by people: neutralised against formula injection in CSV and XLSX. */
  type: "text" | "code" | "date" | "number";
  value: (row: ExportRow) => CellValue;
}

const yesNo = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

/** Every column in export order; the scope decides which are written. */
const COLUMNS: Column[] = [
  { key: "participant_no", kind: "record", type: "text", value: (r) => r.participantNo },
  { key: "first_name", kind: "identity", type: "text", value: (r) => r.identity?.firstName ?? null },
  { key: "last_name", kind: "identity", type: "text", value: (r) => r.identity?.lastName ?? null },
  { key: "birth_date", kind: "identity", type: "date", value: (r) => r.identity?.birthDate ?? null },
  { key: "gender", kind: "record", type: "code", value: (r) => r.gender },
  { key: "postcode", kind: "identity", type: "text", value: (r) => r.identity?.postcode ?? null },
  { key: "programme_area", kind: "record", type: "text", value: (r) => r.area?.name ?? null },
  { key: "entry_date", kind: "record", type: "date", value: (r) => r.entryDate },
  { key: "employment_status", kind: "record", type: "code", value: (r) => r.employmentStatus },
  { key: "long_term_unemployed", kind: "record", type: "code", value: (r) => yesNo(r.longTermUnemployed) },
  { key: "education_level", kind: "record", type: "code", value: (r) => r.educationLevel },
  { key: "disability", kind: "sensitive", type: "code", value: (r) => r.disability },
  { key: "third_country_national", kind: "record", type: "code", value: (r) => r.thirdCountryNational },
  { key: "foreign_background", kind: "record", type: "code", value: (r) => r.foreignBackground },
  { key: "minority", kind: "sensitive", type: "code", value: (r) => r.minority },
  { key: "homeless", kind: "record", type: "code", value: (r) => r.homeless },
  { key: "rural_area", kind: "record", type: "code", value: (r) => r.ruralArea },
  { key: "exit_date", kind: "record", type: "date", value: (r) => r.exitDate },
  { key: "exit_status", kind: "record", type: "code", value: (r) => r.exitStatus },
  { key: "qualification_gained", kind: "record", type: "code", value: (r) => yesNo(r.qualificationGained) },
  { key: "employability_improved", kind: "record", type: "code", value: (r) => yesNo(r.employabilityImproved) },
  { key: "status_6_months", kind: "record", type: "code", value: (r) => r.status6Months },
  { key: "situation_improved_6_months", kind: "record", type: "code", value: (r) => r.situationImproved6Months },
  { key: "age_at_entry", kind: "record", type: "number", value: (r) => r.ageAtEntry },
  { key: "complete", kind: "record", type: "code", value: (r) => yesNo(r.isComplete) },
  { key: "missing_fields", kind: "record", type: "code", value: (r) => parseMissingFields(r.missingFields).join(", ") || null },
  { key: "street", kind: "identity", type: "text", value: (r) => r.identity?.street ?? null },
  { key: "city", kind: "identity", type: "text", value: (r) => r.identity?.city ?? null },
  { key: "email", kind: "identity", type: "text", value: (r) => r.identity?.email ?? null },
  { key: "phone", kind: "identity", type: "text", value: (r) => r.identity?.phone ?? null },
  { key: "privacy_notice_date", kind: "identity", type: "date", value: (r) => r.identity?.privacyNoticeDate ?? null },
];

/** The columns a reader with `scope` gets, in order. */
export function exportColumns(scope: ExportScope): Column[] {
  return COLUMNS.filter((c) => c.kind === "record" || (c.kind === "identity" && scope.identity) || (c.kind === "sensitive" && scope.sensitive));
}

/** Column header: the contract's German synonym (de) or contract name (en); both import again. */
export function columnHeader(key: string, locale: Locale): string {
  return translate(locale, `participantsIo.column.${key}` as MessageKey);
}

// ---------------------------------------------------------------------------------------------
// Filters (the list page's GET parameters)

function endOfTodayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 59, 59, 999));
}

/**
 * The list filters as a where clause, with the same meaning as the participant list. Without identity
 * access the search matches participant numbers only: a name search would reveal who takes part.
 */
export function exportWhere(projectId: string, query: ParticipantListQuery, scope: Pick<ExportScope, "identity">): Prisma.ParticipantWhereInput {
  const and: Prisma.ParticipantWhereInput[] = [];
  if (query.q) {
    const numberPrefixes = [...new Set([query.q, query.q.toUpperCase()])].map((prefix) => ({ participantNo: { startsWith: prefix } }));
    if (scope.identity) {
      const tokens = query.q.toLowerCase().split(" ").filter(Boolean).slice(0, 5);
      and.push({ OR: [...numberPrefixes, { identity: { is: { AND: tokens.map((token) => ({ searchName: { contains: token } })) } } }] });
    } else {
      and.push({ OR: numberPrefixes });
    }
  }
  if (query.area) and.push({ areaId: query.area });
  if (query.status === "active") and.push({ exitDate: null });
  if (query.status === "left") and.push({ exitDate: { not: null } });
  if (query.status === "follow_up_due") and.push({ followUpDueDate: { lte: endOfTodayUtc() }, followUpRecordedAt: null });
  if (query.completeness) and.push({ isComplete: query.completeness === "complete" });
  if (query.entryFrom || query.entryTo) {
    and.push({ entryDate: { ...(query.entryFrom ? { gte: query.entryFrom } : {}), ...(query.entryTo ? { lte: query.entryTo } : {}) } });
  }
  return { projectId, ...(and.length ? { AND: and } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Reading in pages

// why: each page is turned into objects in one synchronous stretch; 250 rows keep that stretch short.
const PAGE = 250;

/** Yields the matching participants ordered by number, PAGE at a time (keyset paging). */
async function* readPages(where: Prisma.ParticipantWhereInput, scope: ExportScope): AsyncGenerator<ExportRow[]> {
  let after: string | null = null;
  for (;;) {
    const rows: ExportRow[] = await db.participant.findMany({
      where: after === null ? where : { AND: [where, { participantNo: { gt: after } }] },
      orderBy: { participantNo: "asc" },
      take: PAGE,
      select: { ...EXPORT_SELECT, ...(scope.identity ? { identity: { select: IDENTITY_SELECT } } : {}) },
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].participantNo;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Rows written between two progress reports (each report gives the event loop a turn); divides PAGE. */
const CHUNK = 125;

function csvCell(value: CellValue, column: Column, locale: Locale, delimiter: string): string {
  if (value === null || value === "") return "";
  let text: string;
  if (value instanceof Date) text = locale === "de" ? formatDate(value, "de") : isoDate(value);
  else text = String(value);
  if (column.type === "text") text = safeSpreadsheetText(text);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeCsv(pages: AsyncGenerator<ExportRow[]>, columns: Column[], locale: Locale, out: Writable, progress: ReportProgress): Promise<void> {
  // why: German Excel opens `;`-separated files with a BOM as UTF-8 in the right columns.
  const delimiter = locale === "de" ? ";" : ",";
  out.write(`\uFEFF${columns.map((c) => columnHeader(c.key, locale)).join(delimiter)}\r\n`);
  let done = 0;
  for await (const rows of pages) {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      out.write(`${chunk.map((row) => columns.map((c) => csvCell(c.value(row), c, locale, delimiter)).join(delimiter)).join("\r\n")}\r\n`);
      done += chunk.length;
      await progress(done);
    }
  }
  out.end();
}

async function writeXlsx(pages: AsyncGenerator<ExportRow[]>, columns: Column[], locale: Locale, sheetName: string, out: Writable, progress: ReportProgress): Promise<void> {
  // why: the streaming writer commits each row to the zip as it goes instead of holding the workbook.
  // Free text goes in as string cells and, like in CSV, with a leading ' before = + - @: a string cell is
  // not evaluated on opening, but Excel turns it into a formula once someone edits the cell.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: columnHeader(c.key, locale),
    key: c.key,
    width: c.type === "date" ? 12 : Math.min(Math.max(columnHeader(c.key, locale).length + 2, 10), 40),
    style: c.type === "date" ? { numFmt: locale === "de" ? "dd.mm.yyyy" : "yyyy-mm-dd" } : {},
  }));
  let done = 0;
  for await (const rows of pages) {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      for (const row of chunk) sheet.addRow(columns.map((c) => (c.type === "text" ? safeSpreadsheetCell(c.value(row)) : c.value(row)))).commit();
      done += chunk.length;
      await progress(done);
    }
  }
  sheet.commit();
  // Finalises the zip and waits until `out` has taken the last byte (it ends `out`).
  await workbook.commit();
}

export interface ParticipantExportParams {
  projectId: string;
  projectCode: string;
  query: ParticipantListQuery;
  scope: ExportScope;
  format: ExportFormat;
  locale: Locale;
  actorId: string | null;
  now?: Date;
}

export interface PreparedParticipantExport {
  rows: number;
  fileName: string;
  contentType: string;
  /** Writes the file into `out` (and ends it), awaiting `progress` after every chunk of rows. */
  write(out: Writable, progress: ReportProgress): Promise<void>;
}

/** How many participants an export with these filters would hold (what the export page shows). */
export async function countParticipantExport(projectId: string, query: ParticipantListQuery, scope: Pick<ExportScope, "identity">): Promise<number> {
  return db.participant.count({ where: exportWhere(projectId, query, scope) });
}

/**
 * Counts the filtered participant list, writes the "export" audit event (columns, format, row count)
 * and, when special-category columns are included, a "read_sensitive" event; returns the writer.
 * Both happen before any row is read for the file.
 */
export async function prepareParticipantExport(params: ParticipantExportParams): Promise<PreparedParticipantExport> {
  const { projectId, query, scope, format, locale } = params;
  const where = exportWhere(projectId, query, scope);
  const columns = exportColumns(scope);
  const rows = await db.participant.count({ where });
  const at = params.now ?? new Date();
  await db.$transaction([
    db.auditEvent.create({
      data: {
        at,
        userId: params.actorId,
        projectId,
        action: "export",
        entity: "Participant",
        fields: JSON.stringify(columns.map((c) => c.key)),
        note: `participant list ${format}, ${rows} rows${scope.identity ? "" : ", pseudonymous"}`,
      },
    }),
    ...(scope.sensitive
      ? [
          db.auditEvent.create({
            data: {
              at,
              userId: params.actorId,
              projectId,
              action: "read_sensitive",
              entity: "Participant",
              fields: JSON.stringify(SPECIAL_CATEGORY_FIELDS),
              note: `participant list ${format}, ${rows} rows`,
            },
          }),
        ]
      : []),
  ]);

  const base = `${translate(locale, "participantsIo.export.fileBase")}-${params.projectCode}-${isoDate(at)}`.replace(/[^A-Za-z0-9._-]/g, "_");
  if (format === "xlsx") {
    const sheetName = translate(locale, "participantsIo.export.sheetName");
    return {
      rows,
      fileName: `${base}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      write: (out, progress) => writeXlsx(readPages(where, scope), columns, locale, sheetName, out, progress),
    };
  }
  return {
    rows,
    fileName: `${base}.csv`,
    contentType: "text/csv; charset=utf-8",
    write: (out, progress) => writeCsv(readPages(where, scope), columns, locale, out, progress),
  };
}

export interface ParticipantExport {
  body: ReadableStream<Uint8Array>;
  fileName: string;
  contentType: string;
  rows: number;
}

/**
 * The filtered participant list as one streamed CSV or XLSX body (audited like a job, see
 * prepareParticipantExport): what the export jobs write to a file, for callers that stream it on.
 */
export async function exportParticipants(params: ParticipantExportParams): Promise<ParticipantExport> {
  const prepared = await prepareParticipantExport(params);
  const output = new PassThrough();
  prepared.write(output, cooperativeProgress(output)).catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return { body: Readable.toWeb(output) as unknown as ReadableStream<Uint8Array>, fileName: prepared.fileName, contentType: prepared.contentType, rows: prepared.rows };
}

// ---------------------------------------------------------------------------------------------
// Pseudonymous list (managers, accountants)

export interface PseudonymousRow {
  id: string;
  participantNo: string;
  areaName: string | null;
  gender: string | null;
  ageAtEntry: number | null;
  employmentStatus: string | null;
  educationLevel: string | null;
  entryDate: Date | null;
  exitDate: Date | null;
  exitStatus: string | null;
  isComplete: boolean;
  missing: string[];
}

/**
 * One page of the project's participants without any identity data: number, characteristics,
 * entry and exit. Never reads ParticipantIdentity nor special-category fields. Search: number prefix.
 */
export async function listPseudonymousParticipants(projectId: string, query: ParticipantListQuery) {
  const where = exportWhere(projectId, query, { identity: false });
  const total = await db.participant.count({ where });
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pages);
  const rows = await db.participant.findMany({
    where,
    orderBy: { participantNo: query.sort === "number" ? query.dir : "asc" },
    skip: (page - 1) * query.pageSize,
    take: query.pageSize,
    select: {
      id: true,
      participantNo: true,
      area: { select: { name: true } },
      gender: true,
      ageAtEntry: true,
      employmentStatus: true,
      educationLevel: true,
      entryDate: true,
      exitDate: true,
      exitStatus: true,
      isComplete: true,
      missingFields: true,
    },
  });
  return {
    total,
    page,
    pages,
    pageSize: query.pageSize,
    rows: rows.map(({ area, missingFields, ...r }): PseudonymousRow => ({ ...r, areaName: area?.name ?? null, missing: parseMissingFields(missingFields) })),
  };
}
