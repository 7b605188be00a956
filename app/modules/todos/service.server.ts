// Each role's to-do list on the home page, per project where the user holds a role:
//   coordinator, lead  incomplete participants, exits without results, follow-ups due (within 14 days)
//   lead               milestones overdue / due within 14 days, targets behind
//   manager            targets behind (read-only)
//   accountant         draft payment claims overdue / due within 30 days
// Counts come from grouped queries over all the user's projects at once (one per item kind), so the
// list costs the same few queries for one project or twenty. Items with nothing to do are left out.
import { addDays, DUE_SOON_DAYS, today } from "~/modules/milestones/schedule";
import { countTargetsBehind } from "~/modules/targets/actuals.server";
import { db } from "~/utils/db.server";
import { isProjectRole, type ProjectRole } from "~/utils/permissions";

/** Follow-ups are listed this many days before they fall due. */
export const FOLLOW_UP_WINDOW_DAYS = 14;
/** Draft payment claims are listed this many days before their due date. */
export const CLAIM_WINDOW_DAYS = 30;

export const TASK_KINDS = [
  "participants_incomplete",
  "exits_without_result",
  "follow_ups_due",
  "milestones_overdue",
  "milestones_due_soon",
  "targets_behind",
  "claims_overdue",
  "claims_due_soon",
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export type TodoSeverity = "danger" | "warning" | "info";

export interface TodoItem {
  kind: TaskKind;
  count: number;
  href: string;
  severity: TodoSeverity;
}

export interface ProjectTodos {
  project: { id: string; code: string; title: string };
  role: ProjectRole;
  items: TodoItem[];
}

const KINDS_BY_ROLE: Record<ProjectRole, readonly TaskKind[]> = {
  coordinator: ["participants_incomplete", "exits_without_result", "follow_ups_due"],
  lead: ["milestones_overdue", "milestones_due_soon", "targets_behind", "participants_incomplete", "exits_without_result", "follow_ups_due"],
  manager: ["targets_behind"],
  accountant: ["claims_overdue", "claims_due_soon"],
};

const SEVERITY: Record<TaskKind, TodoSeverity> = {
  participants_incomplete: "warning",
  exits_without_result: "warning",
  follow_ups_due: "info",
  milestones_overdue: "danger",
  milestones_due_soon: "warning",
  targets_behind: "danger",
  claims_overdue: "danger",
  claims_due_soon: "warning",
};

/** Where an item leads (the list it is about, filtered where the list supports it). */
export function todoHref(kind: TaskKind, projectId: string): string {
  const base = `/projects/${projectId}`;
  switch (kind) {
    case "participants_incomplete":
      return `${base}/participants?completeness=incomplete`;
    case "exits_without_result":
      return `${base}/participants?status=left`;
    case "follow_ups_due":
      return `${base}/participants?status=follow_up_due`;
    case "milestones_overdue":
      return `${base}/milestones?status=overdue`;
    case "milestones_due_soon":
      return `${base}/milestones?status=due_soon`;
    case "targets_behind":
      return `${base}/targets`;
    case "claims_overdue":
    case "claims_due_soon":
      return `${base}/finance`;
  }
}

type Counts = Map<string, number>;
type GroupRow = { projectId: string; _count: { _all: number } };

function toCounts(rows: GroupRow[]): Counts {
  return new Map(rows.map((r) => [r.projectId, r._count._all]));
}

/**
 * The user's to-do list grouped by project (projects in the order of their title), each item with its
 * count, link and severity. Admins see items only for projects where they hold a role.
 */
export async function getTodosForUser(user: { id: string }, now = new Date()): Promise<ProjectTodos[]> {
  const memberships = await db.projectMembership.findMany({
    where: { userId: user.id, project: { status: { not: "closed" } } },
    select: { role: true, project: { select: { id: true, code: true, title: true } } },
    orderBy: { project: { title: "asc" } },
  });
  const roles = memberships.filter((m) => isProjectRole(m.role)) as { role: ProjectRole; project: ProjectTodos["project"] }[];
  if (roles.length === 0) return [];

  const projectsWith = (kind: TaskKind) => roles.filter((m) => KINDS_BY_ROLE[m.role].includes(kind)).map((m) => m.project.id);
  const participantProjects = projectsWith("participants_incomplete");
  const milestoneProjects = projectsWith("milestones_overdue");
  const targetProjects = projectsWith("targets_behind");
  const claimProjects = projectsWith("claims_overdue");

  const day = today(now);
  const none = Promise.resolve(new Map() as Counts);
  // why: `run` is typed loosely on purpose; a contextual return type breaks Prisma's groupBy inference.
  const grouped = (ids: string[], run: (ids: string[]) => Promise<unknown>) =>
    ids.length ? run(ids).then((rows) => toCounts(rows as GroupRow[])) : none;

  const [incomplete, exitsWithoutResult, followUps, milestonesOverdue, milestonesDueSoon, claimsOverdue, claimsDueSoon, targetsBehind] = await Promise.all([
    grouped(participantProjects, (ids) =>
      db.participant.groupBy({ by: ["projectId"], where: { projectId: { in: ids }, isComplete: false }, _count: { _all: true } }),
    ),
    grouped(participantProjects, (ids) =>
      db.participant.groupBy({ by: ["projectId"], where: { projectId: { in: ids }, exitDate: { not: null }, exitStatus: null }, _count: { _all: true } }),
    ),
    grouped(participantProjects, (ids) =>
      db.participant.groupBy({
        by: ["projectId"],
        where: { projectId: { in: ids }, followUpDueDate: { lte: addDays(day, FOLLOW_UP_WINDOW_DAYS) }, status6Months: null },
        _count: { _all: true },
      }),
    ),
    grouped(milestoneProjects, (ids) =>
      db.milestone.groupBy({ by: ["projectId"], where: { projectId: { in: ids }, status: { not: "done" }, dueDate: { lt: day } }, _count: { _all: true } }),
    ),
    grouped(milestoneProjects, (ids) =>
      db.milestone.groupBy({
        by: ["projectId"],
        where: { projectId: { in: ids }, status: { not: "done" }, dueDate: { gte: day, lte: addDays(day, DUE_SOON_DAYS) } },
        _count: { _all: true },
      }),
    ),
    grouped(claimProjects, (ids) =>
      db.paymentClaim.groupBy({ by: ["projectId"], where: { projectId: { in: ids }, status: "draft", dueDate: { lt: day } }, _count: { _all: true } }),
    ),
    grouped(claimProjects, (ids) =>
      db.paymentClaim.groupBy({
        by: ["projectId"],
        where: { projectId: { in: ids }, status: "draft", dueDate: { gte: day, lte: addDays(day, CLAIM_WINDOW_DAYS) } },
        _count: { _all: true },
      }),
    ),
    countTargetsBehind(targetProjects, now),
  ]);

  const countsByKind: Record<TaskKind, Counts> = {
    participants_incomplete: incomplete,
    exits_without_result: exitsWithoutResult,
    follow_ups_due: followUps,
    milestones_overdue: milestonesOverdue,
    milestones_due_soon: milestonesDueSoon,
    targets_behind: targetsBehind,
    claims_overdue: claimsOverdue,
    claims_due_soon: claimsDueSoon,
  };

  return roles
    .map(({ role, project }) => ({
      project,
      role,
      items: KINDS_BY_ROLE[role]
        .map((kind) => ({ kind, count: countsByKind[kind].get(project.id) ?? 0, href: todoHref(kind, project.id), severity: SEVERITY[kind] }))
        .filter((item) => item.count > 0),
    }))
    .filter((group) => group.items.length > 0);
}
