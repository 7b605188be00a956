// The project dashboard and the portfolio: key figures of a project computed from the day-level
// aggregates (aggregates.server.ts), targets with their progress (targets/progress.ts, behind rule) and a
// projection to the end of their period (projection.ts), milestones and the budget. Figures only: no
// names, no participant numbers, nothing from the identity table.
import { getBudgetUsageByYear } from "~/modules/finance/service.server";
import { shareBp } from "~/modules/finance/money";
import { dueState, today as berlinToday, type DueState } from "~/modules/milestones/schedule";
import { EXIT_STATUSES, type ExitStatus } from "~/modules/participants/codes";
import { listProjectsForUser } from "~/modules/projects/access.server";
import { getProjectOverview } from "~/modules/projects/service.server";
import { assessProgress, elapsedShare, targetPeriod, type ProgressStatus, type TargetPeriod } from "~/modules/targets/progress";
import { CUSTOM_INDICATOR, TARGET_INDICATORS } from "~/modules/targets/schema";
import { db } from "~/utils/db.server";
import { isoDate } from "~/utils/format";
import { can } from "~/utils/permissions";
import { ValidationError } from "~/utils/validation";
import type { SessionUser } from "~/utils/session.server";
import { loadAggregatesOfProjects, targetActualOf, type ProjectAggregates } from "./aggregates.server";
import { monthsBetween, projectTarget, type Projection } from "./projection";
import type { DashboardFilter } from "./schema";

const INDICATOR_ORDER = new Map<string, number>(TARGET_INDICATORS.map((indicator, i) => [indicator, i]));

/** A closed range of calendar days as `YYYY-MM-DD` strings (compared as text). */
interface DayRange {
  from: string;
  to: string;
}

const inRange = (day: string, range: DayRange) => day >= range.from && day <= range.to;
const monthOf = (day: string) => day.slice(0, 7);
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const percentOf = (part: number, total: number) => (total > 0 ? (part / total) * 100 : null);

export interface DashboardTarget {
  id: string;
  indicator: string;
  customName: string | null;
  year: number | null;
  areaId: string | null;
  areaName: string | null;
  targetValue: number;
  actual: number;
  percent: number;
  expectedValue: number;
  status: ProgressStatus;
  projection: Projection;
  periodFrom: string | null;
  periodTo: string | null;
}

export interface MonthFigures {
  month: string;
  entered: number;
  exited: number;
  /** Participants in the project at the end of the month (or today, in the current month). */
  active: number;
}

export interface ActivityMonth {
  month: string;
  /** Per action field id: activities held and participant hours (present attendance). */
  byField: Record<string, { activities: number; hours: number }>;
}

export interface AreaFigures {
  areaId: string | null;
  name: string | null;
  entered: number;
  exited: number;
  active: number;
  completePercent: number | null;
  activities: number;
  hours: number;
}

export interface KeyFigures {
  entered: number;
  exited: number;
  /** Participants in the project at the end of `activeOn` (the period's end, or today when that is earlier). */
  active: number;
  activeOn: string;
  femalePercent: number | null;
  /** Complete records among those entered in the period plus those without an entry date. */
  complete: number;
  completeBase: number;
  completePercent: number | null;
  withoutEntryDate: number;
  activities: number;
  hours: number;
  targets: { total: number; behind: number; onTrack: number; reached: number; projectedMiss: number };
  milestones: { total: number; done: number; open: number; overdue: number; dueSoon: number };
}

export interface BudgetFigures {
  years: { year: number; budgetCents: number; actualCents: number; usedBp: number }[];
  budgetCents: number;
  actualCents: number;
  usedBp: number;
}

export interface DashboardMilestone {
  id: string;
  title: string;
  dueDate: string;
  status: string;
  dueState: DueState;
  actionFieldId: string | null;
}

export interface ProjectDashboard {
  project: { id: string; code: string; title: string; startDate: string; endDate: string; status: string };
  today: string;
  filter: { from: string; to: string; areaId: string | null; actionFieldId: string | null };
  options: { areas: { id: string; name: string }[]; actionFields: { id: string; code: string; name: string; nameEn: string | null }[] };
  months: string[];
  figures: KeyFigures;
  targets: DashboardTarget[];
  participantsByMonth: MonthFigures[];
  outcomes: { status: ExitStatus | "none"; count: number }[];
  qualificationGained: number;
  employabilityImproved: number;
  activitiesByMonth: ActivityMonth[];
  areas: AreaFigures[];
  milestones: DashboardMilestone[];
  /** null when the caller may not see finance (or chose not to load it). */
  budget: BudgetFigures | null;
}

interface ProjectFacts {
  id: string;
  code: string;
  title: string;
  status: string;
  startDate: Date;
  endDate: Date;
}

interface LoadedProject {
  aggregates: ProjectAggregates;
  targets: {
    id: string;
    indicator: string;
    customName: string | null;
    year: number | null;
    areaId: string | null;
    targetValue: number;
    area: { name: string } | null;
  }[];
  customActuals: { targetId: string; date: Date; value: number }[];
  milestones: { id: string; title: string; dueDate: Date; status: string; actionFieldId: string | null }[];
  budget: { year: number; budgetCents: number; actualCents: number }[] | null;
}

async function loadProject(projectId: string, withBudget: boolean): Promise<LoadedProject> {
  return (await loadProjects([projectId], (id) => withBudget && id === projectId)).get(projectId)!;
}

/**
 * Everything the figures need for each of `projectIds` (the budget only where `withBudget` says so).
 * why: one grouped query per source for all projects; the portfolio's work no longer grows by a set of
 * queries per project (the budget, computed by the finance module, stays per project).
 */
async function loadProjects(projectIds: readonly string[], withBudget: (projectId: string) => boolean): Promise<Map<string, LoadedProject>> {
  const ids = [...projectIds];
  const targets = await db.target.findMany({
    where: { projectId: { in: ids } },
    select: { id: true, projectId: true, indicator: true, customName: true, year: true, areaId: true, targetValue: true, area: { select: { name: true } } },
  });
  const [aggregates, customActuals, milestones, budgets] = await Promise.all([
    loadAggregatesOfProjects(ids, new Set(targets.map((t) => t.indicator))),
    db.targetActual.findMany({ where: { target: { projectId: { in: ids }, indicator: CUSTOM_INDICATOR } }, select: { targetId: true, date: true, value: true } }),
    db.milestone.findMany({ where: { projectId: { in: ids } }, orderBy: [{ dueDate: "asc" }, { title: "asc" }], select: { id: true, projectId: true, title: true, dueDate: true, status: true, actionFieldId: true } }),
    Promise.all(ids.map((id) => (withBudget(id) ? getBudgetUsageByYear(id) : Promise.resolve(null)))),
  ]);
  const projectOfTarget = new Map(targets.map((t) => [t.id, t.projectId]));
  return new Map(
    ids.map((id, i) => [
      id,
      {
        aggregates: aggregates.get(id)!,
        targets: targets.filter((t) => t.projectId === id).map(({ projectId: _, ...t }) => t),
        customActuals: customActuals.filter((a) => projectOfTarget.get(a.targetId) === id),
        milestones: milestones.filter((m) => m.projectId === id).map(({ projectId: _, ...m }) => m),
        budget: budgets[i],
      },
    ]),
  );
}

/** Adds `value` to `map[key]`. */
function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** The actual of a target and its increments per month, from the aggregates (same rules as targets/actuals.server.ts). */
function targetSeries(target: LoadedProject["targets"][number], period: TargetPeriod | null, loaded: LoadedProject): { actual: number; monthly: Map<string, number> } {
  const monthly = new Map<string, number>();
  const { indicator } = target;
  if (indicator === CUSTOM_INDICATOR) {
    let actual = 0;
    for (const row of loaded.customActuals) {
      if (row.targetId !== target.id) continue;
      actual += row.value;
      add(monthly, isoDate(row.date).slice(0, 7), row.value);
    }
    return { actual, monthly };
  }
  if (!period) return { actual: 0, monthly };
  const actual = targetActualOf(indicator, { from: isoDate(period.from), to: isoDate(period.to) }, target.areaId, loaded.aggregates, (day, value) => add(monthly, monthOf(day), value));
  return { actual, monthly };
}

function computeTargets(project: ProjectFacts, loaded: LoadedProject, day: Date): DashboardTarget[] {
  return loaded.targets
    .map((target) => {
      const period = targetPeriod(project, target.year);
      const { actual, monthly } = targetSeries(target, period, loaded);
      const progress = assessProgress(actual, target.targetValue, elapsedShare(period, day));
      const projection = projectTarget({ monthly, actual, targetValue: target.targetValue, period, today: day });
      return {
        id: target.id,
        indicator: target.indicator,
        customName: target.customName,
        year: target.year,
        areaId: target.areaId,
        areaName: target.area?.name ?? null,
        targetValue: target.targetValue,
        actual,
        ...progress,
        projection,
        periodFrom: period ? isoDate(period.from) : null,
        periodTo: period ? isoDate(period.to) : null,
      };
    })
    .sort(
      (a, b) =>
        (a.year ?? 0) - (b.year ?? 0) ||
        (a.areaName ?? "").localeCompare(b.areaName ?? "", "de") ||
        (INDICATOR_ORDER.get(a.indicator) ?? 999) - (INDICATOR_ORDER.get(b.indicator) ?? 999) ||
        (a.customName ?? "").localeCompare(b.customName ?? "", "de"),
    );
}

function targetCounts(targets: DashboardTarget[]): KeyFigures["targets"] {
  return {
    total: targets.length,
    behind: targets.filter((t) => t.status === "behind").length,
    onTrack: targets.filter((t) => t.status === "on_track").length,
    reached: targets.filter((t) => t.status === "reached").length,
    projectedMiss: targets.filter((t) => t.projection.reaches === false).length,
  };
}

/** Participants in the project at the end of `day` (entered on or before it, not left by then). */
function activeOn(day: string, loaded: LoadedProject, areaMatch: (areaId: string | null) => boolean): number {
  let active = 0;
  for (const row of loaded.aggregates.entries) if (row.day <= day && areaMatch(row.areaId)) active += row.counts.entered;
  for (const row of loaded.aggregates.exits) if (row.day <= day && areaMatch(row.areaId)) active -= row.counts.withEntry;
  return active;
}

interface Scope {
  range: DayRange;
  areaId: string | null;
  actionFieldId: string | null;
  today: string;
}

/** Key figures (not the targets and milestones) of one scope. */
function participantFigures(loaded: LoadedProject, range: DayRange, areaMatch: (areaId: string | null) => boolean, todayKey: string) {
  let entered = 0;
  let female = 0;
  let genderKnown = 0;
  let complete = 0;
  let exited = 0;
  for (const row of loaded.aggregates.entries) {
    if (!inRange(row.day, range) || !areaMatch(row.areaId)) continue;
    entered += row.counts.entered;
    female += row.counts.female;
    genderKnown += row.counts.genderKnown;
    complete += row.counts.complete;
  }
  for (const row of loaded.aggregates.exits) if (inRange(row.day, range) && areaMatch(row.areaId)) exited += row.counts.left;
  const withoutEntryDate = loaded.aggregates.withoutEntry.filter((r) => areaMatch(r.areaId)).reduce((sum, r) => sum + r.count, 0);
  const completeBase = entered + withoutEntryDate;
  const activeDay = range.to < todayKey ? range.to : todayKey;
  return {
    entered,
    exited,
    active: range.from <= activeDay ? activeOn(activeDay, loaded, areaMatch) : 0,
    activeOn: activeDay,
    femalePercent: percentOf(female, genderKnown),
    complete,
    completeBase,
    completePercent: percentOf(complete, completeBase),
    withoutEntryDate,
  };
}

function activityFigures(loaded: LoadedProject, range: DayRange, areaMatch: (areaId: string | null) => boolean, actionFieldId: string | null) {
  let activities = 0;
  let minutes = 0;
  for (const row of loaded.aggregates.activities) {
    if (!inRange(row.day, range) || !areaMatch(row.areaId) || (actionFieldId && row.actionFieldId !== actionFieldId)) continue;
    activities += row.activities;
    minutes += row.minutes;
  }
  return { activities, hours: hours(minutes) };
}

function milestoneList(loaded: LoadedProject, scope: Scope, day: Date): DashboardMilestone[] {
  return loaded.milestones
    .filter((m) => inRange(isoDate(m.dueDate), scope.range) && (!scope.actionFieldId || m.actionFieldId === scope.actionFieldId))
    .map((m) => ({ id: m.id, title: m.title, dueDate: isoDate(m.dueDate), status: m.status, dueState: dueState(m.dueDate, m.status === "done", day), actionFieldId: m.actionFieldId }));
}

function milestoneCounts(list: DashboardMilestone[]): KeyFigures["milestones"] {
  return {
    total: list.length,
    done: list.filter((m) => m.dueState === "done").length,
    open: list.filter((m) => m.dueState !== "done").length,
    overdue: list.filter((m) => m.dueState === "overdue").length,
    dueSoon: list.filter((m) => m.dueState === "due_soon").length,
  };
}

function budgetFigures(rows: LoadedProject["budget"], range: DayRange): BudgetFigures | null {
  if (!rows) return null;
  const fromYear = Number(range.from.slice(0, 4));
  const toYear = Number(range.to.slice(0, 4));
  const years = rows.filter((r) => r.year >= fromYear && r.year <= toYear).map((r) => ({ ...r, usedBp: shareBp(r.actualCents, r.budgetCents) }));
  const budgetCents = years.reduce((sum, r) => sum + r.budgetCents, 0);
  const actualCents = years.reduce((sum, r) => sum + r.actualCents, 0);
  return { years, budgetCents, actualCents, usedBp: shareBp(actualCents, budgetCents) };
}

/** Quick picks of the period form: the project duration, this calendar year, the last 12 months (ISO days). */
export function periodPresets(project: { startDate: Date; endDate: Date }, now = new Date()) {
  const day = berlinToday(now);
  const year = day.getUTCFullYear();
  const yearAgo = new Date(Date.UTC(year - 1, day.getUTCMonth(), day.getUTCDate() + 1));
  return [
    { key: "project" as const, from: isoDate(project.startDate), to: isoDate(project.endDate) },
    { key: "thisYear" as const, from: `${year}-01-01`, to: `${year}-12-31` },
    { key: "last12Months" as const, from: isoDate(yearAgo), to: isoDate(day) },
  ];
}

/**
 * The project dashboard for a period (default: the project duration), optionally one programme area
 * (participants, activities, targets of that area) and one action field (activities and milestones).
 * Targets count over their own period; the budget section is loaded only when `withBudget` is set.
 * Aggregates in the database: the work does not grow with the number of participants. A period whose
 * start lies after its end (after filling in missing bounds) is a ValidationError on `to`.
 */
export async function loadProjectDashboard(projectId: string, filter: Partial<DashboardFilter>, now = new Date(), options: { withBudget?: boolean } = {}): Promise<ProjectDashboard> {
  const [overview, loaded] = await Promise.all([getProjectOverview(projectId), loadProject(projectId, options.withBudget ?? false)]);
  const day = berlinToday(now);
  const todayKey = isoDate(day);
  // why: an id that is not one of the project's areas or fields filters nothing out of thin air; it is ignored.
  const areaId = filter.areaId && overview.areas.some((a) => a.id === filter.areaId) ? filter.areaId : null;
  const actionFieldId = filter.actionFieldId && overview.actionFields.some((f) => f.id === filter.actionFieldId) ? filter.actionFieldId : null;
  const range: DayRange = { from: isoDate(filter.from ?? overview.startDate), to: isoDate(filter.to ?? overview.endDate) };
  // A single bound may still reverse the period once the other is filled in from the project.
  if (range.from > range.to) throw new ValidationError({ to: ["dashboards.fromAfterTo"] });
  const scope: Scope = { range, areaId, actionFieldId, today: todayKey };
  const areaMatch = (id: string | null) => !areaId || id === areaId;
  const fieldMatch = (id: string) => !actionFieldId || id === actionFieldId;
  const months = monthsBetween(new Date(`${range.from}T00:00:00Z`), new Date(`${range.to}T00:00:00Z`));

  const targets = computeTargets(overview, loaded, day).filter((t) => !areaId || t.areaId === areaId);
  const milestones = milestoneList(loaded, scope, day);

  // Participants per month: entries and exits in the month, active at its end (today in the current month).
  const byMonth = new Map(months.map((m) => [m, { month: m, entered: 0, exited: 0, active: 0 }]));
  for (const row of loaded.aggregates.entries) if (inRange(row.day, range) && areaMatch(row.areaId)) byMonth.get(monthOf(row.day))!.entered += row.counts.entered;
  for (const row of loaded.aggregates.exits) if (inRange(row.day, range) && areaMatch(row.areaId)) byMonth.get(monthOf(row.day))!.exited += row.counts.left;
  const monthEnds = months.map((m) => {
    const end = `${m}-31` < range.to ? `${m}-31` : range.to;
    return end < todayKey ? end : todayKey;
  });
  // Active at each month end via one sorted pass over entries and exits (cumulative counts).
  const entrySorted = loaded.aggregates.entries.filter((r) => areaMatch(r.areaId)).sort((a, b) => (a.day < b.day ? -1 : 1));
  const exitSorted = loaded.aggregates.exits.filter((r) => areaMatch(r.areaId)).sort((a, b) => (a.day < b.day ? -1 : 1));
  let ei = 0;
  let xi = 0;
  let cumulative = 0;
  months.forEach((m, i) => {
    const end = monthEnds[i];
    if (end < `${m}-01`) return; // a month after today: nobody is active yet
    while (ei < entrySorted.length && entrySorted[ei].day <= end) cumulative += entrySorted[ei++].counts.entered;
    while (xi < exitSorted.length && exitSorted[xi].day <= end) cumulative -= exitSorted[xi++].counts.withEntry;
    byMonth.get(m)!.active = cumulative;
  });

  // Outcomes of those who left in the period.
  const outcomeCounts = new Map<ExitStatus | "none", number>();
  let qualificationGained = 0;
  let employabilityImproved = 0;
  for (const row of loaded.aggregates.exits) {
    if (!inRange(row.day, range) || !areaMatch(row.areaId)) continue;
    let known = 0;
    for (const status of EXIT_STATUSES) {
      add(outcomeCounts as Map<string, number>, status, row.counts[status]);
      known += row.counts[status];
    }
    add(outcomeCounts as Map<string, number>, "none", row.counts.left - known);
    qualificationGained += row.counts.qualificationGained;
    employabilityImproved += row.counts.employabilityImproved;
  }

  // Activities and participant hours per month and action field.
  const activityMonths = new Map(months.map((m) => [m, { month: m, byField: {} as ActivityMonth["byField"] }]));
  const minutesByCell = new Map<string, number>();
  for (const row of loaded.aggregates.activities) {
    if (!inRange(row.day, range) || !areaMatch(row.areaId) || !fieldMatch(row.actionFieldId)) continue;
    const month = activityMonths.get(monthOf(row.day))!;
    const cell = (month.byField[row.actionFieldId] ??= { activities: 0, hours: 0 });
    cell.activities += row.activities;
    add(minutesByCell, `${month.month}|${row.actionFieldId}`, row.minutes);
  }
  for (const [key, minutes] of minutesByCell) {
    const [month, fieldId] = key.split("|");
    activityMonths.get(month)!.byField[fieldId].hours = hours(minutes);
  }

  // Programme areas side by side (the area filter does not apply here: this is the comparison).
  const areaIds = new Set<string | null>(overview.areas.map((a) => a.id));
  for (const row of [...loaded.aggregates.entries, ...loaded.aggregates.exits, ...loaded.aggregates.activities]) if (row.areaId === null) areaIds.add(null);
  const areaNames = new Map(overview.areas.map((a) => [a.id, a.name]));
  const areas: AreaFigures[] = [...areaIds].map((id) => {
    const match = (rowArea: string | null) => rowArea === id;
    const p = participantFigures(loaded, range, match, todayKey);
    const a = activityFigures(loaded, range, match, actionFieldId);
    return { areaId: id, name: id ? (areaNames.get(id) ?? null) : null, entered: p.entered, exited: p.exited, active: p.active, completePercent: p.completePercent, activities: a.activities, hours: a.hours };
  });

  const participants = participantFigures(loaded, range, areaMatch, todayKey);
  const activity = activityFigures(loaded, range, areaMatch, actionFieldId);
  return {
    project: { id: overview.id, code: overview.code, title: overview.title, startDate: isoDate(overview.startDate), endDate: isoDate(overview.endDate), status: overview.status },
    today: todayKey,
    filter: { from: range.from, to: range.to, areaId, actionFieldId },
    options: { areas: overview.areas.map(({ id, name }) => ({ id, name })), actionFields: overview.actionFields.map(({ id, code, name, nameEn }) => ({ id, code, name, nameEn })) },
    months,
    figures: { ...participants, ...activity, targets: targetCounts(targets), milestones: milestoneCounts(milestones) },
    targets,
    participantsByMonth: [...byMonth.values()],
    outcomes: [...EXIT_STATUSES, "none" as const].map((status) => ({ status, count: outcomeCounts.get(status) ?? 0 })),
    qualificationGained,
    employabilityImproved,
    activitiesByMonth: [...activityMonths.values()],
    areas,
    milestones,
    budget: budgetFigures(loaded.budget, range),
  };
}

export interface PortfolioProject {
  id: string;
  code: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  figures: KeyFigures;
  /** Average achievement of the project's targets in percent (each capped at 100); null without targets. */
  targetAchievementPercent: number | null;
  budget: { budgetCents: number; actualCents: number; usedBp: number } | null;
}

/** Whether the user may open the portfolio: admins, and users who hold a portfolio role in some project. */
export async function canSeePortfolio(user: Pick<SessionUser, "id" | "isAdmin">): Promise<boolean> {
  if (user.isAdmin) return true;
  const projects = await listProjectsForUser(user);
  return projects.some((p) => can({ isAdmin: false, role: p.role }, "portfolio:read"));
}

/**
 * Key figures of every project the user can read (admins: all projects), over each project's whole
 * duration, side by side. Figures only — no names, no participant numbers, no milestone titles. The
 * budget appears only for projects where the user holds finance:read.
 */
export async function loadPortfolio(user: Pick<SessionUser, "id" | "isAdmin">, now = new Date()): Promise<PortfolioProject[]> {
  const projects = await listProjectsForUser(user);
  const day = berlinToday(now);
  const todayKey = isoDate(day);
  const rows: PortfolioProject[] = [];
  const roles = new Map(projects.map((p) => [p.id, p.role]));
  const loadedProjects = await loadProjects(
    projects.map((p) => p.id),
    (id) => can({ isAdmin: user.isAdmin, role: roles.get(id) ?? null }, "finance:read"),
  );
  for (const project of projects) {
    const loaded = loadedProjects.get(project.id)!;
    const range: DayRange = { from: isoDate(project.startDate), to: isoDate(project.endDate) };
    const all = () => true;
    const targets = computeTargets(project, loaded, day);
    const milestones = milestoneList(loaded, { range: { from: "0000-01-01", to: "9999-12-31" }, areaId: null, actionFieldId: null, today: todayKey }, day);
    const budget = budgetFigures(loaded.budget, range);
    rows.push({
      id: project.id,
      code: project.code,
      title: project.title,
      status: project.status,
      startDate: range.from,
      endDate: range.to,
      figures: {
        ...participantFigures(loaded, range, all, todayKey),
        ...activityFigures(loaded, range, all, null),
        targets: targetCounts(targets),
        milestones: milestoneCounts(milestones),
      },
      targetAchievementPercent: targets.length ? targets.reduce((sum, t) => sum + Math.min(100, t.percent), 0) / targets.length : null,
      budget: budget ? { budgetCents: budget.budgetCents, actualCents: budget.actualCents, usedBp: budget.usedBp } : null,
    });
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code, "de"));
}
