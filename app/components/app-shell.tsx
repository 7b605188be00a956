// The frame around every page: skip link, header with project switcher, language switch and user
// menu, main navigation that only shows what the user may open. Works on tablets (wraps, no hover-only menus).
import { Form, Link, NavLink, useLocation, useParams } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ProjectSummary } from "~/modules/projects/access.server";
import type { SessionUser } from "~/utils/session.server";
import { useLocale, useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";

interface Props {
  user: SessionUser | null;
  projects: ProjectSummary[];
  children: ReactNode;
}

export function AppShell({ user, projects, children }: Props) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const params = useParams();
  const current = projects.find((p) => p.id === params.projectId);
  const redirectTo = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        {user && projects.length > 0 ? (
          <details className="project-switcher">
            <summary aria-label={t("nav.projectSwitcher")}>{current ? `${current.code} – ${current.title}` : t("nav.projectSwitcher")}</summary>
            <ul>
              {projects.map((project) => (
                <li key={project.id}>
                  <Link to={`/projects/${project.id}`} aria-current={project.id === current?.id ? "page" : undefined}>
                    <strong>{project.code}</strong> {project.title}
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <div className="header-tools">
          <Form method="post" action="/locale" className="inline-form">
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <input type="hidden" name="locale" value={locale === "de" ? "en" : "de"} />
            <button type="submit" className="link-button" lang={locale === "de" ? "en" : "de"} aria-label={t("shell.switchLanguage")}>
              {locale === "de" ? t("shell.languageEnglish") : t("shell.languageGerman")}
            </button>
          </Form>
          {user ? (
            <>
              <span className="user-name">{t("shell.signedInAs", { name: user.name })}</span>
              <Link to="/account/password" className="user-name">
                {t("admin.account.title")}
              </Link>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="button-secondary">
                  {t("shell.logout")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </header>
      {user ? (
        <nav className="main-nav" aria-label={t("nav.mainNavigation")}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            {user.isAdmin || projects.some((p) => can({ isAdmin: false, role: p.role }, "portfolio:read")) ? (
              <li>
                <NavLink to="/portfolio">{t("portfolio.nav")}</NavLink>
              </li>
            ) : null}
            {user.isAdmin ? (
              <>
                <li>
                  <NavLink to="/admin/users">{t("nav.adminUsers")}</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/projects">{t("nav.adminProjects")}</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/areas">{t("nav.adminAreas")}</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/action-fields">{t("nav.adminActionFields")}</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/anonymisation">{t("participantsIo.nav.anonymisation")}</NavLink>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
