// Which projects a user sees: members see their projects, admins see all.
import { db } from "~/utils/db.server";
import { isProjectRole, type ProjectRole } from "~/utils/permissions";
import type { SessionUser } from "~/utils/session.server";

export interface ProjectSummary {
  id: string;
  code: string;
  title: string;
  status: string;
  startDate: Date;
  endDate: Date;
  role: ProjectRole | null;
}

/** The user's projects with their role in each, ordered by title. */
export async function listProjectsForUser(user: Pick<SessionUser, "id" | "isAdmin">): Promise<ProjectSummary[]> {
  const projects = await db.project.findMany({
    where: user.isAdmin ? {} : { memberships: { some: { userId: user.id } } },
    orderBy: [{ status: "asc" }, { title: "asc" }],
    select: {
      id: true, code: true, title: true, status: true, startDate: true, endDate: true,
      memberships: { where: { userId: user.id }, select: { role: true }, take: 1 },
    },
  });
  return projects.map(({ memberships, ...project }) => {
    const role = memberships[0]?.role;
    return { ...project, role: isProjectRole(role) ? role : null };
  });
}
