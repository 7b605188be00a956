// The database side of the dashboards: grouped counts per calendar day, never single participant rows.
// why raw SQL (docs/decisions/013-dashboard-aggregates-in-sql.md): the dashboard needs up to 40 conditional
// counts per entry and exit day; Prisma's groupBy cannot count conditions, and loading 50,000 participants
// to count them in JS misses the 300 ms goal. The statements are portable (SQLite and PostgreSQL), take
// the project id as a bound parameter and compare enum columns with fixed literals only.
// The ESF conditions mirror reports/esf-indicators.ts; dashboards/service.test.ts checks that the
// dashboard's target actuals equal targets/actuals.server.ts on both providers.
import { berlinDay } from "~/modules/milestones/schedule";
import type { DatabaseProvider } from "~/utils/database-url";
import { db, getDbHandle } from "~/utils/db.server";

/**
 * A participant counts for ESF figures only when complete. why the stored flag: it is derived on every save
 * from exactly the mandatory values the ESF report checks (participants/derive.ts), and one column test per
 * row instead of seven keeps the grouped scan of 50,000 rows cheap.
 */
const COMPLETE = `"isComplete"`;

/** Counts per entry day: all entries (always), then the ESF output indicators over complete participants. */
export const ENTRY_COUNTS = [
  ["entered", "1=1"],
  ["female", `"gender" = 'female'`],
  ["genderKnown", `"gender" IS NOT NULL`],
  ["complete", COMPLETE],
  ["EECO01", COMPLETE],
  ["EECO02", `${COMPLETE} AND "employmentStatus" = 'unemployed'`],
  ["EECO03", `${COMPLETE} AND "employmentStatus" = 'unemployed' AND "longTermUnemployed"`],
  ["EECO04", `${COMPLETE} AND "employmentStatus" = 'inactive'`],
  ["EECO05", `${COMPLETE} AND "employmentStatus" = 'employed'`],
  ["EECO06", `${COMPLETE} AND "ageAtEntry" < 18`],
  ["EECO07", `${COMPLETE} AND "ageAtEntry" >= 18 AND "ageAtEntry" <= 29`],
  ["EECO08", `${COMPLETE} AND "ageAtEntry" >= 55`],
  ["EECO09", `${COMPLETE} AND "educationLevel" = 'isced_0_2'`],
  ["EECO10", `${COMPLETE} AND "educationLevel" = 'isced_3_4'`],
  ["EECO11", `${COMPLETE} AND "educationLevel" = 'isced_5_8'`],
  ["EECO12", `${COMPLETE} AND "disability" = 'yes'`],
  ["EECO13", `${COMPLETE} AND "thirdCountryNational" = 'yes'`],
  ["EECO14", `${COMPLETE} AND "foreignBackground" = 'yes'`],
  ["EECO15", `${COMPLETE} AND "minority" = 'yes'`],
  ["EECO16", `${COMPLETE} AND "homeless" = 'yes'`],
  ["EECO17", `${COMPLETE} AND "ruralArea" = 'yes'`],
] as const;

/** Counts per exit day: all exits by outcome (always), then the ESF results over complete participants. */
export const EXIT_COUNTS = [
  ["left", "1=1"],
  ["withEntry", `"entryDate" IS NOT NULL`],
  ["job_searching", `"exitStatus" = 'job_searching'`],
  ["education_training", `"exitStatus" = 'education_training'`],
  ["employed", `"exitStatus" = 'employed'`],
  ["self_employed", `"exitStatus" = 'self_employed'`],
  ["other", `"exitStatus" = 'other'`],
  ["qualificationGained", `"qualificationGained"`],
  ["employabilityImproved", `"employabilityImproved"`],
  ["EECR01", `${COMPLETE} AND "exitStatus" = 'job_searching'`],
  ["EECR02", `${COMPLETE} AND "exitStatus" = 'education_training'`],
  ["EECR03", `${COMPLETE} AND "qualificationGained"`],
  ["EECR04", `${COMPLETE} AND "exitStatus" IN ('employed', 'self_employed')`],
  ["EECR05", `${COMPLETE} AND "status6Months" IN ('employed', 'self_employed')`],
  ["EECR06", `${COMPLETE} AND "situationImproved6Months" = 'yes'`],
  ["employability_improved", `${COMPLETE} AND "employabilityImproved"`],
] as const;

export type EntryCount = (typeof ENTRY_COUNTS)[number][0];
export type ExitCount = (typeof EXIT_COUNTS)[number][0];

/** Counts of one calendar day (`YYYY-MM-DD`) and programme area. */
export interface DayRow<K extends string> {
  day: string;
  areaId: string | null;
  counts: Record<K, number>;
}

export interface ActivityDayRow {
  /** The activity's calendar day in Germany, `YYYY-MM-DD`. */
  day: string;
  actionFieldId: string;
  areaId: string | null;
  activities: number;
  /** Present attendance minutes. */
  minutes: number;
}

export interface OrganisationDayRow {
  day: string;
  areaId: string | null;
  kind: string;
  sizeClass: string | null;
  count: number;
}

export interface ProjectAggregates {
  entries: DayRow<EntryCount>[];
  exits: DayRow<ExitCount>[];
  /** Participants without entry date (incomplete by definition), per area. */
  withoutEntry: { areaId: string | null; count: number }[];
  activities: ActivityDayRow[];
  organisations: OrganisationDayRow[];
}

/** The calendar day of a DateTime column as `YYYY-MM-DD` (UTC, as Prisma stores it on each provider). */
function daySql(column: string, provider: DatabaseProvider): string {
  // why: SQLite holds DateTime as ISO-8601 text; PostgreSQL formats a timestamp by DateStyle, so explicitly.
  return provider === "postgresql" ? `to_char(${column}, 'YYYY-MM-DD')` : `SUBSTR(${column}, 1, 10)`;
}

function hourSql(column: string, provider: DatabaseProvider): string {
  return provider === "postgresql" ? `to_char(${column}, 'HH24')` : `SUBSTR(${column}, 12, 2)`;
}

/** Indicator-only counts (ESF codes, employability_improved) are left out unless a target needs them. */
const BASE_COUNTS = new Set(["entered", "female", "genderKnown", "complete", "left", "withEntry", "job_searching", "education_training", "employed", "self_employed", "other", "qualificationGained", "employabilityImproved"]);

function selectCounts<K extends string>(counts: readonly (readonly [K, string])[], indicators: ReadonlySet<string>) {
  return counts.filter(([name]) => BASE_COUNTS.has(name) || indicators.has(name));
}

/** `COUNT(*) FILTER (WHERE …)`: portable (SQLite ≥ 3.30, PostgreSQL) and skips non-matching rows. */
function countsSql(counts: readonly (readonly [string, string])[]): string {
  return counts.map(([, condition], i) => `CAST(COUNT(*) FILTER (WHERE ${condition}) AS INTEGER) AS "c${i}"`).join(",\n       ");
}

/** Counts not selected (no target needs them) read as 0. */
function dayRows<K extends string>(rows: Record<string, unknown>[], counts: readonly (readonly [K, string])[], all: readonly (readonly [K, string])[]): DayRow<K>[] {
  // why: thousands of rows per project; the column names and a zeroed template of one fixed shape are built
  // once, so each row is a cheap copy instead of a dictionary grown key by key.
  const zero = Object.fromEntries(all.map(([name]) => [name, 0])) as Record<K, number>;
  const columns = counts.map(([name], i) => [name, `c${i}`] as const);
  return rows.map((row) => {
    const values = { ...zero };
    for (const [name, column] of columns) values[name] = Number(row[column] ?? 0);
    return { day: String(row.day), areaId: (row.areaId as string | null) ?? null, counts: values };
  });
}

const utcDayString = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The Berlin calendar day of an activity from its UTC day and, for 22:00–23:59 UTC only, its UTC hour.
 * why: before 22:00 UTC it is the same day in Germany (UTC+1/+2); later it may already be the next day.
 */
function berlinDayOf(day: string, hour: string): string {
  if (!hour) return day;
  return utcDayString(berlinDay(new Date(`${day}T${hour}:30:00.000Z`)));
}

/**
 * Everything the dashboards count for one project, grouped in the database by calendar day and area
 * (activities also by action field): five queries whose result size depends on the number of days, not
 * of participants. ESF indicator counts are computed only for the codes in `indicators` (the project's
 * targets); the others read 0. Reads the pseudonymous Participant table only, never identities.
 */
export async function loadProjectAggregates(projectId: string, indicators: ReadonlySet<string> = new Set()): Promise<ProjectAggregates> {
  return (await loadAggregatesOfProjects([projectId], indicators)).get(projectId)!;
}

/**
 * The aggregates of loadProjectAggregates for several projects at once (an entry for every id, empty when
 * a project has no records): still five queries, each grouped by project as well.
 * why: the portfolio needs every project of the user; one grouped query per source replaces five per project.
 */
export async function loadAggregatesOfProjects(projectIds: readonly string[], indicators: ReadonlySet<string> = new Set()): Promise<Map<string, ProjectAggregates>> {
  const result = new Map<string, ProjectAggregates>(projectIds.map((id) => [id, { entries: [], exits: [], withoutEntry: [], activities: [], organisations: [] }]));
  if (projectIds.length === 0) return result;
  const { provider } = getDbHandle();
  const ids = projectIds.map((_, i) => (provider === "postgresql" ? `$${i + 1}` : "?")).join(", ");
  // why: the project is a grouping column only when there are several, and the last one: SQLite sorts the
  // rows by the grouping columns, and a long id compared first would slow every comparison of that sort.
  const byProject = projectIds.length > 1 ? `, "projectId"` : "";
  const entryDay = daySql(`"entryDate"`, provider);
  const exitDay = daySql(`"exitDate"`, provider);
  const activityDay = daySql(`a."startsAt"`, provider);
  const activityHour = hourSql(`a."startsAt"`, provider);
  const entryCounts = selectCounts(ENTRY_COUNTS, indicators);
  const exitCounts = selectCounts(EXIT_COUNTS, indicators);
  const [entries, exits, withoutEntry, activities, organisations] = await Promise.all([
    db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${entryDay} AS "day", "areaId"${byProject},
       ${countsSql(entryCounts)}
         FROM "Participant" WHERE "projectId" IN (${ids}) AND "entryDate" IS NOT NULL
        GROUP BY ${entryDay}, "areaId"${byProject}`,
      ...projectIds,
    ),
    db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${exitDay} AS "day", "areaId"${byProject},
       ${countsSql(exitCounts)}
         FROM "Participant" WHERE "projectId" IN (${ids}) AND "exitDate" IS NOT NULL
        GROUP BY ${exitDay}, "areaId"${byProject}`,
      ...projectIds,
    ),
    db.participant.groupBy({ by: ["projectId", "areaId"], where: { projectId: { in: [...projectIds] }, entryDate: null }, _count: { _all: true } }),
    db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT x."day", x."hour", x."actionFieldId", x."areaId"${byProject.replace(`"projectId"`, `x."projectId"`)}, CAST(COUNT(*) AS INTEGER) AS "activities", CAST(SUM(x."minutes") AS INTEGER) AS "minutes"
         FROM (SELECT a."projectId", ${activityDay} AS "day",
                      CASE WHEN ${activityHour} >= '22' THEN ${activityHour} ELSE '' END AS "hour",
                      a."actionFieldId", a."areaId",
                      COALESCE((SELECT SUM(t."minutes") FROM "Attendance" t WHERE t."activityId" = a."id" AND t."present"), 0) AS "minutes"
                 FROM "Activity" a WHERE a."projectId" IN (${ids})) x
        GROUP BY x."day", x."hour", x."actionFieldId", x."areaId"${byProject.replace(`"projectId"`, `x."projectId"`)}`,
      ...projectIds,
    ),
    db.organisation.groupBy({
      by: ["projectId", "firstSupportDate", "areaId", "kind", "sizeClass"],
      where: { projectId: { in: [...projectIds] }, firstSupportDate: { not: null } },
      _count: { _all: true },
    }),
  ]);

  const of = (projectId: unknown) => result.get(projectId === undefined ? projectIds[0] : String(projectId))!;
  dayRows(entries, entryCounts, ENTRY_COUNTS).forEach((row, i) => of(entries[i].projectId).entries.push(row));
  dayRows(exits, exitCounts, EXIT_COUNTS).forEach((row, i) => of(exits[i].projectId).exits.push(row));
  for (const row of withoutEntry) of(row.projectId).withoutEntry.push({ areaId: row.areaId, count: row._count._all });
  for (const row of organisations) {
    of(row.projectId).organisations.push({
      day: utcDayString(row.firstSupportDate as Date),
      areaId: row.areaId,
      kind: row.kind,
      sizeClass: row.sizeClass,
      count: row._count._all,
    });
  }

  // Activities of the same Berlin day (split by the hour above) are merged again.
  const activityRows = new Map<string, ActivityDayRow & { projectId: string }>();
  for (const row of activities) {
    const projectId = row.projectId === undefined ? projectIds[0] : String(row.projectId);
    const day = berlinDayOf(String(row.day), String(row.hour ?? ""));
    const actionFieldId = String(row.actionFieldId);
    const areaId = (row.areaId as string | null) ?? null;
    const key = `${projectId}|${day}|${actionFieldId}|${areaId ?? ""}`;
    const existing = activityRows.get(key);
    if (existing) {
      existing.activities += Number(row.activities);
      existing.minutes += Number(row.minutes ?? 0);
    } else {
      activityRows.set(key, { projectId, day, actionFieldId, areaId, activities: Number(row.activities), minutes: Number(row.minutes ?? 0) });
    }
  }
  for (const { projectId, ...row } of activityRows.values()) of(projectId).activities.push(row);
  return result;
}

const OUTPUT_CODES = new Set<string>(["EECO01", "EECO02", "EECO03", "EECO04", "EECO05", "EECO06", "EECO07", "EECO08", "EECO09", "EECO10", "EECO11", "EECO12", "EECO13", "EECO14", "EECO15", "EECO16", "EECO17"]);
const RESULT_CODES = new Set<string>(["EECR01", "EECR02", "EECR03", "EECR04", "EECR05", "EECR06", "employability_improved"]);
const ORGANISATION_CODES = new Set<string>(["EECO18", "EECO19", "businesses_supported"]);
const ACTIVITY_CODES = new Set<string>(["activities_held", "hours_delivered"]);

/**
 * The actual of a computed (not custom) target indicator over the days `from`–`to` (`YYYY-MM-DD`, both
 * included) and, when set, one programme area, from the aggregates; `onDay` receives every non-zero day
 * amount (hours for hours_delivered). Same rules as the targets page; an unknown indicator counts 0.
 */
export function targetActualOf(
  indicator: string,
  range: { from: string; to: string },
  areaId: string | null,
  aggregates: ProjectAggregates,
  onDay?: (day: string, value: number) => void,
): number {
  const inScope = (row: { day: string; areaId: string | null }) => row.day >= range.from && row.day <= range.to && (!areaId || row.areaId === areaId);
  let actual = 0;
  const count = (day: string, value: number) => {
    if (value === 0) return;
    actual += value;
    onDay?.(day, value);
  };
  if (OUTPUT_CODES.has(indicator)) {
    for (const row of aggregates.entries) if (inScope(row)) count(row.day, row.counts[indicator as EntryCount]);
  } else if (RESULT_CODES.has(indicator)) {
    for (const row of aggregates.exits) if (inScope(row)) count(row.day, row.counts[indicator as ExitCount]);
  } else if (ORGANISATION_CODES.has(indicator)) {
    for (const row of aggregates.organisations) {
      if (!inScope(row)) continue;
      const counted =
        indicator === "businesses_supported" ||
        (indicator === "EECO18" && row.kind === "public_body") ||
        (indicator === "EECO19" && row.kind !== "public_body" && (row.sizeClass === "micro" || row.sizeClass === "small" || row.sizeClass === "medium"));
      if (counted) count(row.day, row.count);
    }
  } else if (indicator === "activities_held") {
    for (const row of aggregates.activities) if (inScope(row)) count(row.day, row.activities);
  } else if (indicator === "hours_delivered") {
    // why: minutes are summed first and divided once, so the rounded hours equal those of the raw records.
    let minutes = 0;
    for (const row of aggregates.activities) {
      if (!inScope(row) || row.minutes === 0) continue;
      minutes += row.minutes;
      onDay?.(row.day, row.minutes / 60);
    }
    actual = Math.round((minutes / 60) * 10) / 10;
  }
  return actual;
}

/** Whether targetActualOf counts `indicator` from the aggregates (every indicator but custom and unknown ones). */
export function isAggregatedIndicator(indicator: string): boolean {
  return OUTPUT_CODES.has(indicator) || RESULT_CODES.has(indicator) || ORGANISATION_CODES.has(indicator) || ACTIVITY_CODES.has(indicator);
}
