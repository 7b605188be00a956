// Where a target will stand at the end of its period if the recent pace holds: the least-squares slope of
// the cumulative actual over the last complete months, extrapolated from today to the period's end.
// Pure (no database), shared by the project dashboard and the portfolio.
import { daysBetween, utcMidnight } from "~/modules/milestones/schedule";

/** How many complete months the trend looks back. */
export const TREND_MONTHS = 6;
/** Average length of a month in days (365.25 / 12), to turn remaining days into months. */
export const DAYS_PER_MONTH = 30.4375;

/** `YYYY-MM` of a date's UTC calendar day (stored dates are UTC midnight of a calendar day). */
export function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** Every month `YYYY-MM` from the month of `from` to the month of `to` (empty when from > to). */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  const lastYear = to.getUTCFullYear();
  const lastMonth = to.getUTCMonth();
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month + 1).padStart(2, "0")}`);
    month++;
    if (month === 12) [year, month] = [year + 1, 0];
  }
  return months;
}

export interface Projection {
  /** Growth per month from the trend; null when the period has not started or is over. */
  ratePerMonth: number | null;
  /** Expected value at the end of the period; null when the period has not started (or there is none). */
  projected: number | null;
  /** Whether the projected value reaches the target; null when there is no projection. */
  reaches: boolean | null;
  /** Complete months the trend was taken from (0: the pace since the start of the period). */
  monthsUsed: number;
}

/** Least-squares slope of y over x = 0, 1, 2, … */
function slope(values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, v) => sum + v, 0) / n;
  let numerator = 0;
  let denominator = 0;
  values.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  return numerator / denominator;
}

/**
 * Projects `actual` (counted over `period` up to today) to the end of the period. `monthly` holds the
 * increments per month (`YYYY-MM` → value) inside the period. The trend is the slope of the cumulative
 * value at the end of each of the last `window` complete months before today's month (starting from the
 * value before them); with no complete month yet, the pace since the period started. A falling trend
 * counts as no growth. A period that is over projects its actual; one that has not started projects nothing.
 */
export function projectTarget(input: {
  monthly: ReadonlyMap<string, number>;
  actual: number;
  targetValue: number;
  period: { from: Date; to: Date } | null;
  today: Date;
  window?: number;
}): Projection {
  const { monthly, actual, targetValue, period } = input;
  const today = utcMidnight(input.today);
  const window = input.window ?? TREND_MONTHS;
  if (!period || today.getTime() < period.from.getTime()) return { ratePerMonth: null, projected: null, reaches: null, monthsUsed: 0 };
  if (today.getTime() >= period.to.getTime()) return { ratePerMonth: null, projected: actual, reaches: actual >= targetValue, monthsUsed: 0 };

  const currentMonth = monthKey(today);
  const complete = monthsBetween(period.from, today).filter((m) => m < currentMonth);
  const used = complete.slice(-window);
  let rate: number;
  if (used.length === 0) {
    const elapsedMonths = (daysBetween(period.from, today) + 1) / DAYS_PER_MONTH;
    rate = actual / elapsedMonths;
  } else {
    let cumulative = 0;
    for (const [month, value] of monthly) if (month < used[0]) cumulative += value;
    const points = [cumulative];
    for (const month of used) points.push((cumulative += monthly.get(month) ?? 0));
    rate = slope(points);
  }
  rate = Math.max(0, rate);
  const remainingMonths = daysBetween(today, period.to) / DAYS_PER_MONTH;
  const projected = actual + rate * remainingMonths;
  return { ratePerMonth: rate, projected, reaches: projected >= targetValue, monthsUsed: used.length };
}
