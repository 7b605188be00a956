// The project's section navigation. Each section names the permission it needs; the layout route
// passes the user's permission flags, so a role only sees the sections it may open.
import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/utils/i18n";
import { useT } from "~/utils/i18n";
import type { Permission } from "~/utils/permissions";

export interface ProjectSection {
  path: string;
  label: MessageKey;
  permission: Permission;
  /** Hidden for users who hold this permission (e.g. the pseudonymous list for those who see the full one). */
  unless?: Permission;
}

/** Add a section here when its routes exist (path relative to /projects/:projectId). */
export const PROJECT_SECTIONS: ProjectSection[] = [
  { path: "", label: "nav.overview", permission: "project:read" },
  { path: "dashboard", label: "dashboards.nav", permission: "project:read" },
  { path: "participants", label: "nav.participants", permission: "participant:read" },
  { path: "participants/overview", label: "nav.participants", permission: "participant:readPseudonymous", unless: "participant:read" },
  { path: "activities", label: "nav.activities", permission: "activity:read" },
  { path: "organisations", label: "nav.organisations", permission: "organisation:read" },
  { path: "milestones", label: "nav.milestones", permission: "milestone:read" },
  { path: "partners", label: "nav.partners", permission: "partner:read" },
  { path: "targets", label: "nav.targets", permission: "target:read" },
  { path: "finance", label: "nav.finance", permission: "finance:read" },
  { path: "reports", label: "nav.reports", permission: "report:read" },
];

export function ProjectNav({ projectId, allowed }: { projectId: string; allowed: Partial<Record<Permission, boolean>> }) {
  const t = useT();
  return (
    <nav className="project-nav" aria-label={t("nav.projectNavigation")}>
      <ul>
        {PROJECT_SECTIONS.filter((section) => allowed[section.permission] && !(section.unless && allowed[section.unless])).map((section) => (
          <li key={section.path}>
            <NavLink to={`/projects/${projectId}${section.path ? `/${section.path}` : ""}`} end={section.path === ""}>
              {t(section.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
