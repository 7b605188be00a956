// ESF Plus indicator report (data contract, section 2): the database side. Loads exactly the columns the
// pure computation in esf-indicators.ts needs — from the pseudonymous Participant table only, never
// ParticipantIdentity — and checks the result with validateEsfReport.
import { recordAudit } from "~/modules/audit/service.server";
import {
  ANSWERS,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  EXIT_STATUSES,
  FOLLOW_UP_STATUSES,
  GENDERS,
  YES_NO_UNKNOWN,
} from "~/modules/participants/codes";
import { parseMissingFields } from "~/modules/participants/derive";
import type { DatabaseProvider } from "~/utils/database-url";
import { db, getDbHandle } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { ValidationError } from "~/utils/validation";
import { esfReportToCsv, esfReportToXlsx } from "./esf-export";
import {
  computeEsfReportWithContext,
  validateEsfReport,
  type EsfLocale,
  type EsfParticipantInput,
  type EsfReport,
  type EsfReportInput,
  type EsfViolation,
  type IndicatorCell,
} from "./esf-indicators";
import { esfReportToPdf } from "./esf-pdf.server";
import type { EsfExportFormat } from "./schema";

const MS_PER_DAY = 86_400_000;

/** The project facts a report needs. */
export interface ReportProject {
  id: string;
  code: string;
  title: string;
  startDate: Date;
  endDate: Date;
}

/** A closed range of UTC calendar days [from, to]. */
export interface ReportRange {
  from: Date;
  to: Date;
}

/** The ESF report with what is needed to check and present it. */
export interface EsfReportResult {
  project: ReportProject;
  report: EsfReport;
  /** Complete participants who left in the period, by gender (the base of every result indicator). */
  leavers: IndicatorCell;
  /** Broken consistency rules; [] when the report is sound. Shown to the user, never hidden. */
  violations: EsfViolation[];
}

const PROJECT_SELECT = { id: true, code: true, title: true, startDate: true, endDate: true } as const;

/** UTC midnight of the date's UTC calendar day. */
function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MS_PER_DAY) * MS_PER_DAY);
}

/** The project by its code (e.g. "FORST-2019"), or null. Used by the CLI, which names projects by code. */
export async function findReportProjectByCode(code: string): Promise<ReportProject | null> {
  return db.project.findUnique({ where: { code }, select: PROJECT_SELECT });
}

/** The project by id; 404 when it does not exist. */
export async function getReportProject(projectId: string): Promise<ReportProject> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: PROJECT_SELECT });
  if (!project) notFound();
  return project;
}

/**
 * The report range: missing bounds default to the project's start and end (the whole duration).
 * Throws a ValidationError (field `to`) when the resulting `from` lies after `to`.
 */
export function resolveReportRange(
  project: Pick<ReportProject, "startDate" | "endDate">,
  period: { from?: Date | null; to?: Date | null },
): ReportRange {
  const from = startOfUtcDay(period.from ?? project.startDate);
  const to = startOfUtcDay(period.to ?? project.endDate);
  if (from.getTime() > to.getTime()) throw new ValidationError({ to: ["reports.esf.fromAfterTo"] });
  return { from, to };
}

/** Quick picks for the period form: each calendar year of the project, clipped to its duration (ISO days). */
export function reportYearPicks(project: Pick<ReportProject, "startDate" | "endDate">): { year: number; from: string; to: string }[] {
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  const picks: { year: number; from: string; to: string }[] = [];
  for (let year = project.startDate.getUTCFullYear(); year <= project.endDate.getUTCFullYear(); year++) {
    const from = Math.max(Date.UTC(year, 0, 1), startOfUtcDay(project.startDate).getTime());
    const to = Math.min(Date.UTC(year, 11, 31), startOfUtcDay(project.endDate).getTime());
    picks.push({ year, from: iso(from), to: iso(to) });
  }
  return picks;
}

/**
 * The participant values the report needs, read as ONE text per row:
 * `<missingFields>|<v0>,<v1>,…,<v16>|<participantNo>` with the values in this order.
 * why: the database adapters convert every column of every row one by one, which dominated the report's
 * time; one packed column reads 50,000 rows about twice as fast on both providers. Enum values, numbers,
 * days and the 0/1 flags never contain "," or "|"; the contract names in missingFields never contain "|";
 * the participant number (free text) comes last, so it may contain anything.
 */
const PACKED = [
  ["entryDate", "day"],
  ["exitDate", "day"],
  ["gender", "text"],
  ["ageAtEntry", "text"],
  ["employmentStatus", "text"],
  ["longTermUnemployed", "flag"],
  ["educationLevel", "text"],
  ["disability", "text"],
  ["thirdCountryNational", "text"],
  ["foreignBackground", "text"],
  ["minority", "text"],
  ["homeless", "text"],
  ["ruralArea", "text"],
  ["exitStatus", "text"],
  ["qualificationGained", "flag"],
  ["status6Months", "text"],
  ["situationImproved6Months", "text"],
] as const;

/** SQL for one packed value: "" for NULL, flags "1"/"0", days `YYYY-MM-DD` (UTC, as Prisma stores them). */
function packedValueSql(column: string, kind: "day" | "text" | "flag", provider: DatabaseProvider): string {
  if (kind === "flag") return `(CASE WHEN "${column}" IS NULL THEN '' WHEN "${column}" THEN '1' ELSE '0' END)`;
  if (kind === "text") return `COALESCE(CAST("${column}" AS TEXT), '')`;
  // why: SQLite holds DateTime as ISO-8601 text ("2020-03-15T00:00:00.000+00:00"); PostgreSQL's text form of
  // a timestamp follows the DateStyle setting, so it is formatted explicitly.
  return provider === "postgresql" ? `COALESCE(to_char("${column}", 'YYYY-MM-DD'), '')` : `COALESCE(SUBSTR("${column}", 1, 10), '')`;
}

function participantQuery(provider: DatabaseProvider): string {
  const p = (n: number) => (provider === "postgresql" ? `$${n}` : "?");
  const values = PACKED.map(([column, kind]) => packedValueSql(column, kind, provider)).join(" || ',' || ");
  return `SELECT "missingFields" || '|' || ${values} || '|' || "participantNo" AS "row"
            FROM "Participant"
           WHERE "projectId" = ${p(1)}
             AND (("entryDate" >= ${p(2)} AND "entryDate" < ${p(3)})
                  OR ("exitDate" >= ${p(4)} AND "exitDate" < ${p(5)})
                  OR "entryDate" IS NULL)`;
}

/** Every code value the packed row can hold, so rows share one string per value instead of retaining copies. */
const CODES = new Map<string, string>(
  [GENDERS, EMPLOYMENT_STATUSES, EDUCATION_LEVELS, ANSWERS, EXIT_STATUSES, FOLLOW_UP_STATUSES, YES_NO_UNKNOWN].flat().map((code) => [code, code]),
);
const orNull = <T extends string>(value: string): T | null => (value === "" ? null : ((CODES.get(value) ?? value) as T));
const flag = (value: string): boolean | null => (value === "" ? null : value === "1");

/** `YYYY-MM-DD` → UTC midnight; one Date per distinct day (the report only reads them). */
function dayOf(value: string, days: Map<string, Date>): Date | null {
  if (value === "") return null;
  let date = days.get(value);
  if (!date) {
    date = new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
    days.set(value, date);
  }
  return date;
}

/** One packed row → the report's participant input, values as stored (dates as their UTC calendar day). */
function toParticipantInput(row: string, days: Map<string, Date>): EsfParticipantInput {
  const first = row.indexOf("|");
  const second = row.indexOf("|", first + 1);
  const v = row.slice(first + 1, second).split(",");
  return {
    participantNo: row.slice(second + 1),
    missingFields: parseMissingFields(row.slice(0, first)),
    entryDate: dayOf(v[0], days),
    exitDate: dayOf(v[1], days),
    gender: orNull(v[2]),
    ageAtEntry: v[3] === "" ? null : Number(v[3]),
    employmentStatus: orNull(v[4]),
    longTermUnemployed: v[5] === "1",
    educationLevel: orNull(v[6]),
    disability: orNull(v[7]),
    thirdCountryNational: orNull(v[8]),
    foreignBackground: orNull(v[9]),
    minority: orNull(v[10]),
    homeless: orNull(v[11]),
    ruralArea: orNull(v[12]),
    exitStatus: orNull(v[13]),
    qualificationGained: flag(v[14]),
    status6Months: orNull(v[15]),
    situationImproved6Months: orNull(v[16]),
  };
}

/**
 * Everything computeEsfReport needs for one project and range, in three single queries: the project code,
 * the participants who entered or left in the range (plus those without entry date, which are listed as
 * incomplete in every period), and the organisations first supported in the range.
 * Selects only the monitoring columns of the pseudonymous table; identities are never read.
 */
export async function loadEsfReportInput(projectId: string, range: ReportRange): Promise<EsfReportInput> {
  const from = startOfUtcDay(range.from);
  const to = startOfUtcDay(range.to);
  // why: a half-open interval on the instant keeps a stored time of day on the last day inside the range.
  const until = new Date(to.getTime() + MS_PER_DAY);
  const inRange = { gte: from, lt: until };
  const [project, participants, organisations] = await Promise.all([
    db.project.findUnique({ where: { id: projectId }, select: { code: true } }),
    // why: raw SQL with only the needed columns (see PACKED); the range filter uses the date indexes.
    db.$queryRawUnsafe<{ row: string }[]>(participantQuery(getDbHandle().provider), projectId, from, until, from, until),
    db.organisation.findMany({
      where: { projectId, firstSupportDate: inRange },
      select: { kind: true, sizeClass: true, firstSupportDate: true },
    }),
  ]);
  if (!project) notFound();
  const days = new Map<string, Date>();
  const rows: EsfParticipantInput[] = new Array(participants.length);
  for (let i = 0; i < participants.length; i++) rows[i] = toParticipantInput(participants[i].row, days);
  return { projectCode: project.code, from, to, participants: rows, organisations };
}

/**
 * Builds the ESF indicator report of a project for a period (bounds default to the project duration) and
 * validates it: results never exceed the leavers they are counted over, EECO01 = EECO02 + EECO04 + EECO05,
 * subgroups within their totals. Violations are returned for display, the figures are never altered.
 */
export async function buildEsfReport(
  projectId: string,
  period: { from?: Date | null; to?: Date | null } = {},
): Promise<EsfReportResult> {
  const project = await getReportProject(projectId);
  const range = resolveReportRange(project, period);
  const input = await loadEsfReportInput(project.id, range);
  const { report, leavers } = computeEsfReportWithContext(input);
  return { project, report, leavers, violations: validateEsfReport(report, leavers) };
}

/** Download file name, e.g. `ESF-FORST-2019-2020-01-01-2020-12-31.xlsx` (only safe characters). */
export function esfExportFileName(report: Pick<EsfReport, "project" | "from" | "to">, extension: string): string {
  const code = report.project.replace(/[^A-Za-z0-9_-]+/g, "_");
  return `ESF-${code}-${report.from}-${report.to}.${extension}`;
}

/** A rendered export, ready to be sent or written. */
export interface EsfExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<EsfExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  json: "application/json; charset=utf-8",
};

/**
 * Renders a built report in one format: JSON exactly as the data contract (pretty-printed), CSV and XLSX
 * via esf-export.ts, PDF with the consistency check. Async throughout, so a long export never blocks.
 */
export async function renderEsfExport(result: EsfReportResult, format: EsfExportFormat, locale: EsfLocale): Promise<EsfExportFile> {
  const { report } = result;
  let body: Buffer;
  if (format === "json") body = Buffer.from(`${JSON.stringify(report, null, 2)}\n`, "utf8");
  else if (format === "csv") body = Buffer.from(esfReportToCsv(report, { locale }), "utf8");
  else if (format === "xlsx") body = await esfReportToXlsx(report, { locale });
  else body = await esfReportToPdf(report, result.violations, { locale, leavers: result.leavers, projectTitle: result.project.title });
  return { fileName: esfExportFileName(report, format), contentType: CONTENT_TYPES[format], body };
}

/**
 * Builds, renders and audits one export of the ESF report: an "export" audit event (entity EsfReport,
 * format and period in the note, no values) is written once the file is ready.
 */
export async function exportEsfReport(
  projectId: string,
  period: { from?: Date | null; to?: Date | null },
  format: EsfExportFormat,
  options: { actorId: string | null; locale: EsfLocale; source?: string },
): Promise<EsfExportFile & { result: EsfReportResult }> {
  const result = await buildEsfReport(projectId, period);
  const file = await renderEsfExport(result, format, options.locale);
  await recordAudit(db, {
    userId: options.actorId,
    projectId: result.project.id,
    action: "export",
    entity: "EsfReport",
    note: `${options.source ? `${options.source} ` : ""}format=${format} from=${result.report.from} to=${result.report.to}`,
  });
  return { ...file, result };
}
