// The reporting-period lock: once a lead closes a period, records dated inside it may not be created,
// changed or deleted until an administrator reopens it (docs/decisions/011-period-lock.md).
//
// State model of a ReportingPeriod (start and end are calendar days, UTC midnight, both inclusive):
//   open       lockedAt = null                                   (never closed)
//   closed     lockedAt ≠ null and (reopenedAt = null or reopenedAt < lockedAt)
//   reopened   lockedAt ≠ null and reopenedAt ≥ lockedAt          (closing again sets a newer lockedAt)
// Services call assertDatesOpen/assertRangeOpen inside their write transaction with the old and the new
// dates of the record, so a record can neither be moved into nor out of a closed period.
import type { Db, Tx } from "~/utils/db.server";
import { isoDate } from "~/utils/format";
import { keyWithParams, type MessageKey } from "~/utils/i18n";
import { ValidationError } from "~/utils/validation";

export const PERIOD_LOCKED_KEY = "periods.locked" satisfies MessageKey;

const DAY_MS = 24 * 3600 * 1000;

/** Refusal of a change to a record dated in a closed period; the form error names the period's days. */
export class PeriodLockedError extends ValidationError {
  constructor(
    public readonly periodStart: Date,
    public readonly periodEnd: Date,
  ) {
    super({}, [keyWithParams(PERIOD_LOCKED_KEY, { start: isoDate(periodStart), end: isoDate(periodEnd) })]);
    this.name = "PeriodLockedError";
  }
}

export interface PeriodState {
  lockedAt: Date | null;
  reopenedAt: Date | null;
}

/** True when the period is closed now: locked, and not reopened since that lock. */
export function isClosed(period: PeriodState): boolean {
  return period.lockedAt !== null && (period.reopenedAt === null || period.reopenedAt.getTime() < period.lockedAt.getTime());
}

export interface ClosedPeriod {
  start: Date;
  end: Date;
}

/** The project's closed periods, oldest first (for checking many rows at once, e.g. an import plan). */
export async function closedPeriods(client: Tx | Db, projectId: string): Promise<ClosedPeriod[]> {
  // why: a project has a handful of periods; reading the locked ones and deciding in code keeps the
  // reopened-after-lock comparison (two columns) out of the query and works the same on both databases.
  const periods = await client.reportingPeriod.findMany({
    where: { projectId, lockedAt: { not: null } },
    select: { start: true, end: true, lockedAt: true, reopenedAt: true },
    orderBy: { start: "asc" },
  });
  return periods.filter(isClosed).map(({ start, end }) => ({ start, end }));
}

/** The first of `periods` that contains the calendar day `date` (null/undefined: none). */
export function closedPeriodOf(periods: ClosedPeriod[], date: Date | null | undefined): ClosedPeriod | null {
  if (!date) return null;
  return periods.find((period) => {
    const { from, until } = dayBounds(period);
    return date.getTime() >= from && date.getTime() < until;
  }) ?? null;
}

/** Calendar day → [first instant, first instant of the next day) so a time of day never slips out. */
function dayBounds(period: { start: Date; end: Date }) {
  return { from: Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth(), period.start.getUTCDate()), until: Date.UTC(period.end.getUTCFullYear(), period.end.getUTCMonth(), period.end.getUTCDate()) + DAY_MS };
}

/**
 * Throws PeriodLockedError when any of the given calendar days (UTC midnight; null/undefined are
 * skipped) lies in a closed period of the project. Pass instants as their local calendar day.
 */
export async function assertDatesOpen(client: Tx | Db, projectId: string, dates: (Date | null | undefined)[]): Promise<void> {
  const given = dates.filter((date): date is Date => date instanceof Date && !Number.isNaN(date.getTime()));
  if (!given.length) return;
  const periods = await closedPeriods(client, projectId);
  for (const date of given) {
    const period = closedPeriodOf(periods, date);
    if (period) throw new PeriodLockedError(period.start, period.end);
  }
}

/** Throws PeriodLockedError when the calendar-day range [from, to] (inclusive) overlaps a closed period. */
export async function assertRangeOpen(client: Tx | Db, projectId: string, from: Date, to: Date): Promise<void> {
  for (const period of await closedPeriods(client, projectId)) {
    const bounds = dayBounds(period);
    if (from.getTime() < bounds.until && to.getTime() >= bounds.from) throw new PeriodLockedError(period.start, period.end);
  }
}
