// Actuals of a project's targets, computed from the records (never typed), and their progress.
//
// Scope of a target: its period (targetPeriod: the calendar year ∩ project duration, or the whole
// duration) and, when set, its programme area — participants, organisations and activities of that area.
//   EECO01–EECO17, EECR01–EECR06  the ESF report's rules (reports/esf-indicators.ts), complete participants of the scope
//   EECO18, EECO19                the ESF report's rules over the organisations first supported in the scope
//   employability_improved        complete participants with employabilityImproved = true who left in the scope
//   businesses_supported          organisations (any kind and size) whose first support lies in the scope
//   activities_held               activities that took place in the scope (activity's area)
//   hours_delivered               present attendance minutes of those activities / 60, to one decimal
//   custom                        the sum of the manually entered TargetActual values
//
// why the dashboards' grouped counts (dashboards/aggregates.server.ts) instead of loading the records:
// the counts per calendar day and area come from the database in a few grouped queries, whose result size
// depends on the number of days, not of participants; every target then sums the days of its scope. The
// ESF conditions there mirror reports/esf-indicators.ts (complete participants only), so 30 targets cost
// the same queries as one and 50,000 participants are never loaded.
import { isAggregatedIndicator, loadProjectAggregates, targetActualOf } from "~/modules/dashboards/aggregates.server";
import { today } from "~/modules/milestones/schedule";
import { db } from "~/utils/db.server";
import { isoDate } from "~/utils/format";
import { assessProgress, elapsedShare, targetPeriod, type ProgressStatus, type TargetPeriod } from "./progress";
import { CUSTOM_INDICATOR, TARGET_INDICATORS } from "./schema";

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

/**
 * All targets of the project with computed actuals and progress, in a handful of queries. `now` fixes
 * "today" (tests); progress status follows assessProgress (behind = actual < 90 % of the steady pace).
 */
export async function computeTargetProgress(projectId: string, now = new Date()): Promise<TargetProgress[]> {
  const [project, targets] = await Promise.all([
    db.project.findUnique({ where: { id: projectId }, select: { startDate: true, endDate: true } }),
    db.target.findMany({
      where: { projectId },
      select: { id: true, indicator: true, customName: true, year: true, areaId: true, targetValue: true, note: true, area: { select: { name: true } } },
    }),
  ]);
  if (!project || targets.length === 0) return [];

  const indicators = new Set(targets.map((t) => t.indicator));
  const [aggregates, customSums] = await Promise.all([
    [...indicators].some(isAggregatedIndicator) ? loadProjectAggregates(projectId, indicators) : null,
    indicators.has(CUSTOM_INDICATOR)
      ? db.targetActual.groupBy({ by: ["targetId"], where: { target: { projectId } }, _sum: { value: true } })
      : [],
  ]);
  const customById = new Map(customSums.map((c) => [c.targetId, c._sum.value ?? 0]));

  const day = today(now);
  return targets
    .map((target) => {
      const period = targetPeriod(project, target.year);
      let actual = 0;
      if (target.indicator === CUSTOM_INDICATOR) {
        actual = customById.get(target.id) ?? 0;
      } else if (period && aggregates) {
        // An indicator this version does not know (e.g. written by a newer one) counts nothing.
        actual = targetActualOf(target.indicator, { from: isoDate(period.from), to: isoDate(period.to) }, target.areaId, aggregates);
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
