// Actuals of a project's targets, computed from the records (never typed), and their progress.
//
// Scope of a target: its period (targetPeriod: the calendar year ∩ project duration, or the whole
// duration) and, when set, its programme area — participants, organisations and activities of that area.
//   EECO01–EECO17, EECR01–EECR06  computeEsfReport over the complete participants of the scope
//   EECO18, EECO19                computeEsfReport over the organisations first supported in the scope
//   employability_improved        complete participants with employabilityImproved = true who left in the scope
//   businesses_supported          organisations (any kind and size) whose first support lies in the scope
//   activities_held               activities that took place in the scope (activity's area)
//   hours_delivered               present attendance minutes of those activities / 60, to one decimal
//   custom                        the sum of the manually entered TargetActual values
//
// why a local loader instead of reports/esf.server.ts loadEsfReportInput: that one loads one date range
// per call and carries no programme area; targets need many ranges and area scopes at once. Here every
// source is read once per project (at most six queries, only those the targets need) and the
// per-target counting happens in memory, so 30 targets cost the same queries as one.
import { computeEsfReport, type EsfOrganisationInput, type EsfParticipantInput } from "~/modules/reports/esf-indicators";
import { berlinDay, MS_PER_DAY, today } from "~/modules/milestones/schedule";
import { parseMissingFields } from "~/modules/participants/derive";
import type { EsfIndicator } from "~/modules/participants/codes";
import { db } from "~/utils/db.server";
import { assessProgress, elapsedShare, targetPeriod, type ProgressStatus, type TargetPeriod } from "./progress";
import { CUSTOM_INDICATOR, isEsfIndicator, TARGET_INDICATORS } from "./schema";

export interface TargetProgress {
  id: string;
  indicator: string;
  customName: string | null;
  year: number | null;
  areaId: string | null;
  areaName: string | null;
  targetValue: number;
  note: string | null;
  /** null when the target's year lies outside the project duration. */
  period: TargetPeriod | null;
  actual: number;
  percent: number;
  expectedShare: number;
  expectedValue: number;
  status: ProgressStatus;
  /** true for custom targets, whose actuals are entered by hand. */
  manual: boolean;
}

const utcDayNumber = (date: Date) => Math.floor(date.getTime() / MS_PER_DAY);

interface ScopeDays {
  fromDay: number;
  toDay: number;
  areaId: string | null;
}

type ParticipantRow = EsfParticipantInput & { areaId: string | null; employabilityImproved: boolean | null };
type OrganisationRow = EsfOrganisationInput & { areaId: string | null };
type ActivityRow = { id: string; day: number; areaId: string | null; minutes: number };

const PARTICIPANT_INDICATORS = new Set<string>(["employability_improved"]);
const ORGANISATION_INDICATORS = new Set<string>(["EECO18", "EECO19", "businesses_supported"]);
const ACTIVITY_INDICATORS = new Set<string>(["activities_held", "hours_delivered"]);

/**
 * All targets of the project with computed actuals and progress, in a handful of queries. `now` fixes
 * "today" (tests); progress status follows assessProgress (behind = actual < 90 % of the steady pace).
 */
export async function computeTargetProgress(projectId: string, now = new Date()): Promise<TargetProgress[]> {
  const [project, targets] = await Promise.all([
    db.project.findUnique({ where: { id: projectId }, select: { code: true, startDate: true, endDate: true } }),
    db.target.findMany({
      where: { projectId },
      select: { id: true, indicator: true, customName: true, year: true, areaId: true, targetValue: true, note: true, area: { select: { name: true } } },
    }),
  ]);
  if (!project || targets.length === 0) return [];

  const indicators = new Set(targets.map((t) => t.indicator));
  const needs = (predicate: (indicator: string) => boolean) => [...indicators].some(predicate);
  const needParticipants = needs((i) => (isEsfIndicator(i) && !ORGANISATION_INDICATORS.has(i)) || PARTICIPANT_INDICATORS.has(i));
  const needOrganisations = needs((i) => ORGANISATION_INDICATORS.has(i));
  const needActivities = needs((i) => ACTIVITY_INDICATORS.has(i));
  const needHours = indicators.has("hours_delivered");
  const needCustom = indicators.has(CUSTOM_INDICATOR);

  // why: target periods never leave the project duration, so the project's range bounds every query.
  const projectRange = { gte: utcMidnightOf(project.startDate), lt: new Date(utcMidnightOf(project.endDate).getTime() + MS_PER_DAY) };
  // Activities carry a time of day: a day of slack on both sides, the exact Berlin day is checked below.
  const activityRange = { gte: new Date(projectRange.gte.getTime() - MS_PER_DAY), lt: new Date(projectRange.lt.getTime() + MS_PER_DAY) };

  const [participants, organisations, activities, attendance, customSums] = await Promise.all([
    needParticipants
      ? db.participant.findMany({
          // Incomplete participants count nowhere; only the columns the counting needs are read.
          where: { projectId, isComplete: true, OR: [{ entryDate: projectRange }, { exitDate: projectRange }] },
          select: {
            participantNo: true, missingFields: true, gender: true, ageAtEntry: true, employmentStatus: true, longTermUnemployed: true,
            educationLevel: true, entryDate: true, disability: true, thirdCountryNational: true, foreignBackground: true, minority: true,
            homeless: true, ruralArea: true, exitDate: true, exitStatus: true, qualificationGained: true, status6Months: true,
            situationImproved6Months: true, areaId: true, employabilityImproved: true,
          },
        })
      : [],
    needOrganisations
      ? db.organisation.findMany({ where: { projectId, firstSupportDate: projectRange }, select: { kind: true, sizeClass: true, firstSupportDate: true, areaId: true } })
      : [],
    needActivities
      ? db.activity.findMany({ where: { projectId, startsAt: activityRange }, select: { id: true, startsAt: true, areaId: true } })
      : [],
    needHours
      ? db.attendance.groupBy({
          by: ["activityId"],
          where: { present: true, activity: { projectId, startsAt: activityRange } },
          _sum: { minutes: true },
        })
      : [],
    needCustom
      ? db.targetActual.groupBy({ by: ["targetId"], where: { target: { projectId } }, _sum: { value: true } })
      : [],
  ]);

  const participantRows: ParticipantRow[] = participants.map((p) => ({ ...p, missingFields: parseMissingFields(p.missingFields) }));
  const organisationRows: OrganisationRow[] = organisations;
  const minutesByActivity = new Map(attendance.map((a) => [a.activityId, a._sum.minutes ?? 0]));
  const activityRows: ActivityRow[] = activities.map((a) => ({
    id: a.id,
    day: utcDayNumber(berlinDay(a.startsAt)),
    areaId: a.areaId,
    minutes: minutesByActivity.get(a.id) ?? 0,
  }));
  const customById = new Map(customSums.map((c) => [c.targetId, c._sum.value ?? 0]));

  // One ESF computation per distinct scope, shared by every ESF target of that scope.
  const esfCache = new Map<string, ReturnType<typeof computeEsfReport>>();
  const esfFor = (period: TargetPeriod, areaId: string | null) => {
    const key = `${period.from.toISOString()}|${period.to.toISOString()}|${areaId ?? ""}`;
    let report = esfCache.get(key);
    if (!report) {
      report = computeEsfReport({
        projectCode: project.code,
        from: period.from,
        to: period.to,
        participants: areaId ? participantRows.filter((p) => p.areaId === areaId) : participantRows,
        organisations: areaId ? organisationRows.filter((o) => o.areaId === areaId) : organisationRows,
      });
      esfCache.set(key, report);
    }
    return report;
  };

  const day = today(now);
  return targets
    .map((target) => {
      const period = targetPeriod(project, target.year);
      let actual = 0;
      if (target.indicator === CUSTOM_INDICATOR) {
        actual = customById.get(target.id) ?? 0;
      } else if (period) {
        const scope: ScopeDays = { fromDay: utcDayNumber(period.from), toDay: utcDayNumber(period.to), areaId: target.areaId };
        actual = isEsfIndicator(target.indicator)
          ? esfFor(period, target.areaId).indicators[target.indicator as EsfIndicator].total
          : builtInActual(target.indicator, scope, participantRows, organisationRows, activityRows);
      }
      const progress = assessProgress(actual, target.targetValue, elapsedShare(period, day));
      return {
        id: target.id,
        indicator: target.indicator,
        customName: target.customName,
        year: target.year,
        areaId: target.areaId,
        areaName: target.area?.name ?? null,
        targetValue: target.targetValue,
        note: target.note,
        period,
        actual,
        ...progress,
        manual: target.indicator === CUSTOM_INDICATOR,
      };
    })
    .sort(compareTargets);
}

const INDICATOR_ORDER = new Map<string, number>(TARGET_INDICATORS.map((indicator, i) => [indicator, i]));

/** Whole project first, then by year and area; within a scope ESF codes, built-in figures, custom ones. */
function compareTargets(a: TargetProgress, b: TargetProgress): number {
  const year = (a.year ?? 0) - (b.year ?? 0);
  if (year !== 0) return year;
  const area = (a.areaName ?? "").localeCompare(b.areaName ?? "", "de");
  if (area !== 0) return area;
  const order = (INDICATOR_ORDER.get(a.indicator) ?? Infinity) - (INDICATOR_ORDER.get(b.indicator) ?? Infinity);
  if (order !== 0 && !Number.isNaN(order)) return order;
  return (a.customName ?? "").localeCompare(b.customName ?? "", "de");
}

function utcMidnightOf(date: Date): Date {
  return new Date(utcDayNumber(date) * MS_PER_DAY);
}

function inScope(date: Date | null, areaId: string | null, scope: ScopeDays): boolean {
  if (!date) return false;
  if (scope.areaId && areaId !== scope.areaId) return false;
  const day = utcDayNumber(date);
  return day >= scope.fromDay && day <= scope.toDay;
}

function builtInActual(indicator: string, scope: ScopeDays, participants: ParticipantRow[], organisations: OrganisationRow[], activities: ActivityRow[]): number {
  switch (indicator) {
    case "employability_improved":
      return participants.filter((p) => p.employabilityImproved === true && inScope(p.exitDate, p.areaId, scope)).length;
    case "businesses_supported":
      return organisations.filter((o) => inScope(o.firstSupportDate, o.areaId, scope)).length;
    case "activities_held":
      return activities.filter((a) => inActivityScope(a, scope)).length;
    case "hours_delivered": {
      const minutes = activities.filter((a) => inActivityScope(a, scope)).reduce((sum, a) => sum + a.minutes, 0);
      return Math.round((minutes / 60) * 10) / 10;
    }
    default:
      // An indicator this version does not know (e.g. written by a newer one) counts nothing.
      return 0;
  }
}

function inActivityScope(activity: ActivityRow, scope: ScopeDays): boolean {
  if (scope.areaId && activity.areaId !== scope.areaId) return false;
  return activity.day >= scope.fromDay && activity.day <= scope.toDay;
}

/**
 * How many targets are behind, per project, for the to-do list and dashboards. Only projects that have
 * targets are computed (one grouped query decides which).
 */
export async function countTargetsBehind(projectIds: string[], now = new Date()): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (projectIds.length === 0) return result;
  const withTargets = await db.target.groupBy({ by: ["projectId"], where: { projectId: { in: projectIds } }, _count: { _all: true } });
  const counts = await Promise.all(
    withTargets.map(async ({ projectId }) => [projectId, (await computeTargetProgress(projectId, now)).filter((t) => t.status === "behind").length] as const),
  );
  for (const [projectId, count] of counts) if (count > 0) result.set(projectId, count);
  return result;
}
