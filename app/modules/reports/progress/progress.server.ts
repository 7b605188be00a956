// The progress report (Sachbericht) of a project for a period: the database side. Gathers the project's
// facts, the lead's narrative texts, an activity summary computed in the database, the milestones and
// targets of the period and (for roles that may see it) the ESF indicator table; saves narratives with
// optimistic concurrency; renders and audits the PDF and DOCX exports.
import { recordAudit } from "~/modules/audit/service.server";
import { berlinDayStart } from "~/modules/activities/schema";
import { assertRangeOpen } from "~/modules/periods/lock.server";
import { computeTargetProgress } from "~/modules/targets/actuals.server";
import { indicatorLabel } from "~/modules/targets/labels";
import type { ProgressStatus } from "~/modules/targets/progress";
import type { DatabaseProvider } from "~/utils/database-url";
import { db, getDbHandle } from "~/utils/db.server";
import { isoDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { translate, translator, type Locale } from "~/utils/i18n";
import { fieldErrorsFromZod, ValidationError, type FieldErrors } from "~/utils/validation";
import type { EsfReport, EsfViolation, IndicatorCell } from "../esf-indicators";
import { buildEsfReport } from "../esf.server";
import { progressReportToDocx } from "./progress-docx.server";
import { progressReportToPdf } from "./progress-pdf.server";
import {
  defaultProgressPeriod,
  NarrativeSaveSchema,
  narrativeKey,
  type NarrativeSaveInput,
  type NarrativeSection,
  type ProgressExportFormat,
} from "./schema";

const DAY_MS = 86_400_000;

export interface ProgressProjectFacts {
  id: string;
  code: string;
  title: string;
  sponsor: string | null;
  fundingRound: string | null;
  startDate: string;
  endDate: string;
  areas: { id: string; name: string; municipality: string; isCore: boolean }[];
  actionFields: { id: string; code: string; name: string }[];
}

/** One narrative slot of the report (present whether or not a text was written yet). */
export interface ProgressNarrative {
  key: string;
  section: NarrativeSection;
  actionField: { id: string; code: string; name: string } | null;
  body: string;
  /** 0 while no text was saved for this slot and period. */
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** Activity figures of one group: activities held, their scheduled hours, attendance hours, distinct people. */
export interface ActivitySummaryRow {
  /** Type, area or action field id; null for activities without area. */
  id: string | null;
  label: string;
  /** The action field code of a type row ("HF1"); null elsewhere. */
  actionFieldCode: string | null;
  activities: number;
  /** Sum of the activities' durations (minutes). */
  durationMinutes: number;
  /** Sum of the present attendees' minutes (minutes): the "Teilnahmestunden". */
  attendanceMinutes: number;
  /** Distinct participants present at least once in the group's activities. */
  participants: number;
}

export interface ProgressMilestone {
  id: string;
  title: string;
  dueDate: string;
  status: "planned" | "in_progress" | "done" | "delayed";
  completedAt: string | null;
  actionFieldCode: string | null;
  dueInPeriod: boolean;
  doneInPeriod: boolean;
}

export interface ProgressTarget {
  id: string;
  label: string;
  /** The target's year, null = whole duration. */
  year: number | null;
  areaName: string | null;
  targetValue: number;
  actual: number;
  percent: number;
  status: ProgressStatus;
}

/** The whole report as plain data: what the page, the PDF and the DOCX render. Dates are ISO days. */
export interface ProgressReport {
  project: ProgressProjectFacts;
  from: string;
  to: string;
  generatedAt: string;
  narratives: ProgressNarrative[];
  activities: {
    total: ActivitySummaryRow;
    byType: ActivitySummaryRow[];
    byArea: ActivitySummaryRow[];
    byActionField: ActivitySummaryRow[];
  };
  milestones: ProgressMilestone[];
  targets: ProgressTarget[];
  /** null when the reader may not see the ESF report (report:esf). */
  esf: { report: EsfReport; leavers: IndicatorCell; violations: EsfViolation[] } | null;
}

/** Thrown when a narrative was saved by someone else since it was loaded; carries the text now stored. */
export class NarrativeConflictError extends Error {
  constructor(public readonly current: { body: string; version: number; updatedAt: string | null; updatedByName: string | null }) {
    super("narrative was changed meanwhile");
    this.name = "NarrativeConflictError";
  }
}

const utcDay = (date: Date) => new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);

/**
 * The report range: no bounds → the default year (defaultProgressPeriod); one missing bound → the project's
 * start or end. Throws a ValidationError when `from` is after `to` or the range leaves the project duration.
 */
export function resolveProgressRange(
  project: { startDate: Date; endDate: Date },
  period: { from?: Date | null; to?: Date | null },
  now = new Date(),
): { from: Date; to: Date } {
  let from = period.from ?? null;
  let to = period.to ?? null;
  if (!from && !to) {
    const fallback = defaultProgressPeriod(project, now);
    from = new Date(`${fallback.from}T00:00:00.000Z`);
    to = new Date(`${fallback.to}T00:00:00.000Z`);
  }
  const range = { from: utcDay(from ?? project.startDate), to: utcDay(to ?? project.endDate) };
  const errors: FieldErrors = {};
  if (range.from.getTime() < utcDay(project.startDate).getTime()) errors.from = ["reports.progress.outsideProject"];
  if (range.to.getTime() > utcDay(project.endDate).getTime()) errors.to = ["reports.progress.outsideProject"];
  if (range.from.getTime() > range.to.getTime()) errors.to = ["reports.progress.fromAfterTo"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return range;
}

// ---------------------------------------------------------------------------------------------- activity summary

/**
 * Present attendance of the activities in [start, until), reduced in the database to one row per
 * (type, area, action field, participant) with the minutes summed. why raw SQL: Prisma's groupBy cannot
 * group over the Activity join. why not COUNT(DISTINCT) per dimension: four grouped passes over the
 * attendance join measured about three times the work of this single pass; the rows returned grow with the
 * people and types of the period, not with the attendance rows, and are counted up in memory.
 */
function attendanceCombinationsSql(provider: DatabaseProvider): string {
  const p = (n: number) => (provider === "postgresql" ? `$${n}` : "?");
  return `SELECT a."typeId" AS "typeId", a."areaId" AS "areaId", a."actionFieldId" AS "actionFieldId",
                 t."participantId" AS "participantId", SUM(t."minutes") AS "minutes"
            FROM "Attendance" t JOIN "Activity" a ON a."id" = t."activityId"
           WHERE a."projectId" = ${p(1)} AND a."startsAt" >= ${p(2)} AND a."startsAt" < ${p(3)} AND t."present"
           GROUP BY a."typeId", a."areaId", a."actionFieldId", t."participantId"`;
}

type Dimension = "type" | "area" | "field" | "total";

/** Distinct participants and summed minutes per group of one dimension. */
class AttendanceTally {
  private readonly groups = new Map<string | null, { people: Set<string>; minutes: number }>();
  add(key: string | null, participantId: string, minutes: number) {
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { people: new Set(), minutes: 0 }));
    group.people.add(participantId);
    group.minutes += minutes;
  }
  get(key: string | null): { participants: number; minutes: number } {
    const group = this.groups.get(key);
    return { participants: group?.people.size ?? 0, minutes: group?.minutes ?? 0 };
  }
}

async function loadActivitySummary(projectId: string, from: Date, to: Date, locale: Locale, fields: { id: string; code: string; name: string }[]) {
  const start = berlinDayStart(from);
  const until = berlinDayStart(new Date(to.getTime() + DAY_MS));
  const [groups, combinations] = await Promise.all([
    // One grouped count over the three dimensions at once; the combinations are few (types × areas).
    db.activity.groupBy({
      by: ["typeId", "areaId", "actionFieldId"],
      where: { projectId, startsAt: { gte: start, lt: until } },
      _count: { _all: true },
      _sum: { durationMinutes: true },
    }),
    db.$queryRawUnsafe<{ typeId: string; areaId: string | null; actionFieldId: string; participantId: string; minutes: number | bigint | null }[]>(
      attendanceCombinationsSql(getDbHandle().provider),
      projectId,
      start,
      until,
    ),
  ]);
  const tallies: Record<Dimension, AttendanceTally> = { type: new AttendanceTally(), area: new AttendanceTally(), field: new AttendanceTally(), total: new AttendanceTally() };
  for (const c of combinations) {
    const minutes = Number(c.minutes ?? 0);
    tallies.type.add(c.typeId, c.participantId, minutes);
    tallies.area.add(c.areaId, c.participantId, minutes);
    tallies.field.add(c.actionFieldId, c.participantId, minutes);
    tallies.total.add(null, c.participantId, minutes);
  }

  const typeIds = [...new Set(groups.map((g) => g.typeId))];
  const areaIds = [...new Set(groups.map((g) => g.areaId).filter((id): id is string => id !== null))];
  const [types, areas] = await Promise.all([
    typeIds.length
      ? db.activityType.findMany({
          where: { projectId, id: { in: typeIds } },
          select: { id: true, name: true, sortOrder: true, actionField: { select: { code: true, sortOrder: true } } },
        })
      : [],
    areaIds.length ? db.programmeArea.findMany({ where: { id: { in: areaIds } }, select: { id: true, name: true } }) : [],
  ]);

  const row = (dim: Dimension, id: string | null, label: string, actionFieldCode: string | null, select: (g: (typeof groups)[number]) => boolean): ActivitySummaryRow => {
    const matching = groups.filter(select);
    const figures = tallies[dim].get(id);
    return {
      id,
      label,
      actionFieldCode,
      activities: matching.reduce((sum, g) => sum + g._count._all, 0),
      durationMinutes: matching.reduce((sum, g) => sum + (g._sum.durationMinutes ?? 0), 0),
      attendanceMinutes: figures.minutes,
      participants: figures.participants,
    };
  };

  const byType = types
    .sort((x, y) => x.actionField.sortOrder - y.actionField.sortOrder || x.actionField.code.localeCompare(y.actionField.code) || x.sortOrder - y.sortOrder || x.name.localeCompare(y.name, "de"))
    .map((type) => row("type", type.id, type.name, type.actionField.code, (g) => g.typeId === type.id));
  const byArea = areas
    .sort((x, y) => x.name.localeCompare(y.name, "de"))
    .map((area) => row("area", area.id, area.name, null, (g) => g.areaId === area.id));
  if (groups.some((g) => g.areaId === null)) byArea.push(row("area", null, translate(locale, "reports.progress.noArea"), null, (g) => g.areaId === null));
  // Every action field of the project is listed, also without activities; a field no longer linked to the
  // project but used by activities of the period is listed after them.
  const fieldRows = fields.map((field) => row("field", field.id, `${field.code} – ${field.name}`, field.code, (g) => g.actionFieldId === field.id));
  const known = new Set(fields.map((f) => f.id));
  const unknownFieldIds = [...new Set(groups.map((g) => g.actionFieldId).filter((id) => !known.has(id)))];
  if (unknownFieldIds.length) {
    const extra = await db.actionField.findMany({ where: { id: { in: unknownFieldIds } }, select: { id: true, code: true, name: true, nameEn: true } });
    for (const field of extra) {
      const name = locale === "en" && field.nameEn ? field.nameEn : field.name;
      fieldRows.push(row("field", field.id, `${field.code} – ${name}`, field.code, (g) => g.actionFieldId === field.id));
    }
  }
  const total = row("total", null, translate(locale, "reports.progress.total"), null, () => true);
  return { total, byType, byArea, byActionField: fieldRows };
}

// ---------------------------------------------------------------------------------------------- the report

/**
 * Builds the progress report of a project for a period (see resolveProgressRange for the bounds). Every
 * query is scoped by the project; the ESF table is included only with `includeEsf` (callers pass whether
 * the reader holds report:esf). Throws ValidationError for a bad period, 404 for an unknown project.
 */
export async function buildProgressReport(
  projectId: string,
  period: { from?: Date | null; to?: Date | null },
  options: { locale?: Locale; includeEsf?: boolean; now?: Date } = {},
): Promise<ProgressReport> {
  const locale = options.locale ?? "de";
  const now = options.now ?? new Date();
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      id: true,
      code: true,
      title: true,
      sponsor: true,
      fundingRound: true,
      startDate: true,
      endDate: true,
      areas: { select: { isCore: true, area: { select: { id: true, name: true, municipality: true } } } },
      actionFields: { select: { actionField: { select: { id: true, code: true, name: true, nameEn: true, sortOrder: true } } } },
    },
  });
  if (!project) notFound();
  const { from, to } = resolveProgressRange(project, period, now);
  const until = new Date(to.getTime() + DAY_MS);

  const fields = project.actionFields
    .map(({ actionField }) => actionField)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
    .map((field) => ({ id: field.id, code: field.code, name: locale === "en" && field.nameEn ? field.nameEn : field.name }));
  const facts: ProgressProjectFacts = {
    id: project.id,
    code: project.code,
    title: project.title,
    sponsor: project.sponsor,
    fundingRound: project.fundingRound,
    startDate: isoDate(project.startDate),
    endDate: isoDate(project.endDate),
    areas: project.areas
      .map(({ isCore, area }) => ({ ...area, isCore }))
      .sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, "de")),
    actionFields: fields,
  };

  const [narratives, activities, milestones, targets, esf] = await Promise.all([
    loadNarratives(project.id, from, to, fields),
    loadActivitySummary(project.id, from, to, locale, fields),
    db.milestone.findMany({
      where: { projectId: project.id, OR: [{ dueDate: { gte: from, lt: until } }, { completedAt: { gte: from, lt: until } }] },
      orderBy: [{ dueDate: "asc" }, { title: "asc" }],
      select: { id: true, title: true, dueDate: true, status: true, completedAt: true, actionField: { select: { code: true } } },
    }),
    computeTargetProgress(project.id, now),
    options.includeEsf ? buildEsfReport(project.id, { from, to }) : null,
  ]);

  const inPeriod = (date: Date | null) => date !== null && date.getTime() >= from.getTime() && date.getTime() < until.getTime();
  const t = translator(locale);
  return {
    project: facts,
    from: isoDate(from),
    to: isoDate(to),
    generatedAt: now.toISOString(),
    narratives,
    activities,
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: isoDate(m.dueDate),
      status: m.status,
      completedAt: m.completedAt ? isoDate(m.completedAt) : null,
      actionFieldCode: m.actionField?.code ?? null,
      dueInPeriod: inPeriod(m.dueDate),
      doneInPeriod: m.status === "done" && inPeriod(m.completedAt),
    })),
    // Targets whose own period (a year or the whole duration) overlaps the report period.
    targets: targets
      .filter((target) => target.period !== null && target.period.from.getTime() <= to.getTime() && target.period.to.getTime() >= from.getTime())
      .map((target) => ({
        id: target.id,
        label: indicatorLabel(t, locale, target.indicator, target.customName),
        year: target.year,
        areaName: target.areaName,
        targetValue: target.targetValue,
        actual: target.actual,
        percent: target.percent,
        status: target.status,
      })),
    esf: esf ? { report: esf.report, leavers: esf.leavers, violations: esf.violations } : null,
  };
}

/** The narrative slots of the period in report order: summary, one per action field, challenges, outlook. */
async function loadNarratives(projectId: string, from: Date, to: Date, fields: { id: string; code: string; name: string }[]): Promise<ProgressNarrative[]> {
  const rows = await db.reportNarrative.findMany({
    where: { projectId, periodStart: from, periodEnd: to },
    orderBy: { createdAt: "asc" },
    select: { section: true, actionFieldId: true, body: true, version: true, updatedAt: true, updatedById: true },
  });
  const userIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is string => id !== null))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = narrativeKey(row.section as NarrativeSection, row.actionFieldId);
    if (!byKey.has(key)) byKey.set(key, row);
  }
  const slot = (section: NarrativeSection, actionField: { id: string; code: string; name: string } | null): ProgressNarrative => {
    const key = narrativeKey(section, actionField?.id ?? null);
    const row = byKey.get(key);
    return {
      key,
      section,
      actionField,
      body: row?.body ?? "",
      version: row?.version ?? 0,
      updatedAt: row ? row.updatedAt.toISOString() : null,
      updatedByName: row?.updatedById ? (names.get(row.updatedById) ?? null) : null,
    };
  };
  return [slot("summary", null), ...fields.map((field) => slot("action_field", field)), slot("challenges", null), slot("outlook", null)];
}

// ---------------------------------------------------------------------------------------------- narratives

/**
 * Saves one narrative text of a period. `version` is the version the text was loaded with (0 = none yet):
 * when someone saved in between, nothing is written and NarrativeConflictError (with the stored text) is
 * thrown. Refused with a ValidationError when the input is invalid, the action field is not the project's,
 * the period leaves the project duration or overlaps a closed reporting period (PeriodLockedError).
 * Writes one audit entry (field names only) in the same transaction; an unchanged text writes nothing.
 */
export async function saveNarrative(projectId: string, actor: { id: string }, input: NarrativeSaveInput): Promise<{ id: string; version: number; updatedAt: Date }> {
  const parsed = NarrativeSaveSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
  const { section, actionFieldId, body, version } = parsed.data;
  const from = utcDay(parsed.data.from!);
  const to = utcDay(parsed.data.to!);
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true, startDate: true, endDate: true } });
  if (!project) notFound();
  resolveProgressRange(project, { from, to });
  if (actionFieldId) {
    const link = await db.projectActionField.findUnique({ where: { projectId_actionFieldId: { projectId, actionFieldId } } });
    if (!link) throw new ValidationError({ actionFieldId: ["reports.progress.actionFieldUnknown"] });
  }
  const key = `${projectId}|${isoDate(from)}|${isoDate(to)}|${narrativeKey(section, actionFieldId)}`;

  return db.$transaction(async (tx) => {
    await assertRangeOpen(tx, projectId, from, to);
    // why: the narrative table has no unique key per slot; on PostgreSQL two first saves of the same slot
    // could both insert. A transaction-scoped advisory lock on the slot makes them take turns, so the second
    // sees the first one's row and gets the conflict. SQLite runs one write transaction at a time anyway.
    if (getDbHandle().provider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, key);
    const where = { projectId, periodStart: from, periodEnd: to, section, actionFieldId };
    const current = await tx.reportNarrative.findFirst({
      where,
      orderBy: { createdAt: "asc" },
      select: { id: true, body: true, version: true, updatedAt: true, updatedById: true },
    });
    const conflict = async (row: NonNullable<typeof current>) => {
      const user = row.updatedById ? await tx.user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
      return new NarrativeConflictError({ body: row.body, version: row.version, updatedAt: row.updatedAt.toISOString(), updatedByName: user?.name ?? null });
    };
    const note = `section=${section}${actionFieldId ? ` actionField=${actionFieldId}` : ""} from=${isoDate(from)} to=${isoDate(to)}`;
    if (!current) {
      if (version !== 0) throw new NarrativeConflictError({ body: "", version: 0, updatedAt: null, updatedByName: null });
      const created = await tx.reportNarrative.create({
        data: { projectId, periodStart: from, periodEnd: to, section, actionFieldId, body, updatedById: actor.id },
        select: { id: true, version: true, updatedAt: true },
      });
      await recordAudit(tx, { userId: actor.id, projectId, action: "create", entity: "ReportNarrative", entityId: created.id, fields: ["body"], note });
      return created;
    }
    if (current.version !== version) throw await conflict(current);
    if (current.body === body) return { id: current.id, version: current.version, updatedAt: current.updatedAt };
    // why: the version in the WHERE makes a concurrent save lose cleanly even between our read and write.
    const updatedAt = new Date();
    const result = await tx.reportNarrative.updateMany({ where: { id: current.id, projectId, version }, data: { body, updatedById: actor.id, updatedAt, version: { increment: 1 } } });
    if (result.count !== 1) throw await conflict(current);
    await recordAudit(tx, { userId: actor.id, projectId, action: "update", entity: "ReportNarrative", entityId: current.id, fields: ["body"], note });
    return { id: current.id, version: version + 1, updatedAt };
  });
}

// ---------------------------------------------------------------------------------------------- exports

/** A rendered export, ready to be sent or written. */
export interface ProgressExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ProgressExportFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** Download file name, e.g. `Sachbericht-FORST-2019-2020-01-01-2020-12-31.docx` (only safe characters). */
export function progressExportFileName(report: Pick<ProgressReport, "project" | "from" | "to">, extension: string): string {
  const code = report.project.code.replace(/[^A-Za-z0-9_-]+/g, "_");
  return `Sachbericht-${code}-${report.from}-${report.to}.${extension}`;
}

/** Renders a built report as PDF or DOCX. */
export async function renderProgressExport(report: ProgressReport, format: ProgressExportFormat, locale: Locale): Promise<ProgressExportFile> {
  const body = format === "docx" ? await progressReportToDocx(report, { locale }) : await progressReportToPdf(report, { locale });
  return { fileName: progressExportFileName(report, format), contentType: CONTENT_TYPES[format], body };
}

/**
 * Builds, renders and audits one export of the progress report: an "export" audit event (entity
 * ProgressReport, format and period in the note, no values) is written once the file is ready.
 */
export async function exportProgressReport(
  projectId: string,
  period: { from?: Date | null; to?: Date | null },
  format: ProgressExportFormat,
  options: { actorId: string | null; locale: Locale; includeEsf: boolean; now?: Date },
): Promise<ProgressExportFile & { report: ProgressReport }> {
  const report = await buildProgressReport(projectId, period, { locale: options.locale, includeEsf: options.includeEsf, now: options.now });
  const file = await renderProgressExport(report, format, options.locale);
  await recordAudit(db, {
    userId: options.actorId,
    projectId: report.project.id,
    action: "export",
    entity: "ProgressReport",
    note: `format=${format} from=${report.from} to=${report.to}${report.esf ? "" : " esf=omitted"}`,
  });
  return { ...file, report };
}
