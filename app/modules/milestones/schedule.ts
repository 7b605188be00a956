// Calendar arithmetic of the steering pages (milestones, targets, to-do list). Stored dates are UTC
// midnight of a calendar day; "today" is the calendar day in Germany, expressed the same way.
// Pure: used by services and by the browser bundle.

export const MS_PER_DAY = 86_400_000;
/** A milestone is "due soon" when its due date lies within this many days from today. */
export const DUE_SOON_DAYS = 14;

const berlinDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * The calendar day of an instant in Germany, as UTC midnight of that day.
 * why: the users work in Germany; at 00:30 in Berlin it is already "tomorrow", though UTC still says today.
 */
export function berlinDay(instant: Date): Date {
  const parts = Object.fromEntries(berlinDayFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
}

/** Today's calendar day in Germany (UTC midnight). */
export function today(now: Date = new Date()): Date {
  return berlinDay(now);
}

/** `date` plus `days` calendar days. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * MS_PER_DAY);
}

/** Whole days from `from` to `to` (both calendar days; negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((utcMidnight(to).getTime() - utcMidnight(from).getTime()) / MS_PER_DAY);
}

/** UTC midnight of the UTC calendar day of `date` (drops a time of day). */
export function utcMidnight(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MS_PER_DAY) * MS_PER_DAY);
}

export type DueState = "done" | "overdue" | "due_soon" | "later";

/**
 * Where an open item stands: overdue = due date before today and not done; due soon = due today or
 * within the next DUE_SOON_DAYS days; done items are never highlighted.
 */
export function dueState(dueDate: Date | string, done: boolean, todayDate: Date, soonDays = DUE_SOON_DAYS): DueState {
  if (done) return "done";
  const days = daysBetween(todayDate, typeof dueDate === "string" ? new Date(dueDate) : dueDate);
  if (days < 0) return "overdue";
  if (days <= soonDays) return "due_soon";
  return "later";
}
