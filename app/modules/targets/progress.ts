// How far a target is: its period, the share of that period that has passed, and whether the actual
// keeps pace. Pure (no database), so the rule can be tested on its own and read in one place.
import { daysBetween, utcMidnight } from "~/modules/milestones/schedule";

/** A closed range of calendar days [from, to] (UTC midnight). */
export interface TargetPeriod {
  from: Date;
  to: Date;
}

/**
 * The period a target counts over: the whole project duration, or the calendar year intersected with
 * the project duration. null when the year lies outside the project (nothing can count then).
 */
export function targetPeriod(project: { startDate: Date; endDate: Date }, year: number | null): TargetPeriod | null {
  const start = utcMidnight(project.startDate);
  const end = utcMidnight(project.endDate);
  if (year === null) return start.getTime() <= end.getTime() ? { from: start, to: end } : null;
  const from = new Date(Math.max(start.getTime(), Date.UTC(year, 0, 1)));
  const to = new Date(Math.min(end.getTime(), Date.UTC(year, 11, 31)));
  return from.getTime() <= to.getTime() ? { from, to } : null;
}

/**
 * The share of the period that has passed by the end of `today` (0 before the first day, 1 after the
 * last): on the first day 1/days, on the last day 1. Counted in whole calendar days.
 */
export function elapsedShare(period: TargetPeriod | null, today: Date): number {
  if (!period) return 0;
  const total = daysBetween(period.from, period.to) + 1;
  const elapsed = daysBetween(period.from, today) + 1;
  if (elapsed <= 0) return 0;
  if (elapsed >= total) return 1;
  return elapsed / total;
}

/**
 * The behind rule: a target is behind when its actual is below 90 % of what a steady pace would have
 * reached by today, i.e. actual < 0.9 × target value × elapsed share of the period. The 10 % slack keeps
 * normal unevenness (holidays, a course starting next week) from raising alarms. A target whose period
 * has not started expects nothing and is never behind; a target reached is "reached" whatever the date.
 */
export const BEHIND_TOLERANCE = 0.9;

export type ProgressStatus = "reached" | "on_track" | "behind";

export interface ProgressAssessment {
  /** actual / target value in percent (may exceed 100). */
  percent: number;
  /** Share of the period passed, 0..1. */
  expectedShare: number;
  /** What a steady pace would have reached by today (target value × expected share). */
  expectedValue: number;
  status: ProgressStatus;
}

export function assessProgress(actual: number, targetValue: number, expectedShare: number): ProgressAssessment {
  const expectedValue = targetValue * expectedShare;
  const percent = targetValue > 0 ? (actual / targetValue) * 100 : 0;
  let status: ProgressStatus;
  if (targetValue > 0 && actual >= targetValue) status = "reached";
  else if (actual < BEHIND_TOLERANCE * expectedValue) status = "behind";
  else status = "on_track";
  return { percent, expectedShare, expectedValue, status };
}
