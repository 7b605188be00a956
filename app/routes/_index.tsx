import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TodoList } from "~/components/todo-list";
import { listProjectsForUser } from "~/modules/projects/access.server";
import { getTodosForUser } from "~/modules/todos/service.server";
import { formatDate } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Start – BIWAQ-Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [projects, todos] = await Promise.all([listProjectsForUser(user), getTodosForUser(user)]);
  return { user: { name: user.name, isAdmin: user.isAdmin }, projects, todos };
}

export default function HomePage() {
  const { user, projects, todos } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="page-header">
        <h1>{t("home.welcome", { name: user.name })}</h1>
        {user.isAdmin ? <span className="badge badge-info">{t("role.admin")}</span> : null}
      </div>
      {projects.some((project) => project.role) ? <TodoList groups={todos} /> : null}
      <h2>{t("home.yourProjects")}</h2>
      {projects.length === 0 ? (
        <p className="alert alert-info">{t("home.noProjects")}</p>
      ) : (
        <ul className="card-grid" style={{ listStyle: "none", padding: 0 }}>
          {projects.map((project) => (
            <li key={project.id} className="card">
              <h3>
                <Link to={`/projects/${project.id}`}>{project.title}</Link>
              </h3>
              <p className="muted">
                {project.code} · {formatDate(project.startDate, locale)} – {formatDate(project.endDate, locale)} ·{" "}
                {t(`project.status.${project.status}` as MessageKey)}
              </p>
              <p>
                {project.role ? t("home.roleInProject", { role: t(`role.${project.role}` as MessageKey) }) : t("role.admin")}
              </p>
            </li>
          ))}
        </ul>
      )}
      {user.isAdmin ? (
        <>
          <h2>{t("home.adminShortcuts")}</h2>
          <ul>
            <li><Link to="/admin/users">{t("nav.adminUsers")}</Link></li>
            <li><Link to="/admin/projects">{t("nav.adminProjects")}</Link></li>
            <li><Link to="/admin/areas">{t("nav.adminAreas")}</Link></li>
            <li><Link to="/admin/action-fields">{t("nav.adminActionFields")}</Link></li>
          </ul>
        </>
      ) : null}
    </>
  );
}
