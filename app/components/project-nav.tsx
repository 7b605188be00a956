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
}

/** Add a section here when its routes exist (path relative to /projects/:projectId). */
export const PROJECT_SECTIONS: ProjectSection[] = [{ path: "", label: "nav.overview", permission: "project:read" }];

export function ProjectNav({ projectId, allowed }: { projectId: string; allowed: Partial<Record<Permission, boolean>> }) {
  const t = useT();
  return (
    <nav className="project-nav" aria-label={t("nav.projectNavigation")}>
      <ul>
        {PROJECT_SECTIONS.filter((section) => allowed[section.permission]).map((section) => (
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
