import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/admin/meta";
import { listProjectsForAdmin } from "~/modules/projects/admin.server";
import { formatDate } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.projects.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:projects");
  return { projects: await listProjectsForAdmin() };
}

const STATUS_BADGE: Record<string, string> = { planned: "badge-info", active: "badge-success", closed: "" };

export default function AdminProjectsPage() {
  const { projects } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="page-header">
        <h1>{t("admin.projects.title")}</h1>
        <Link to="/admin/projects/new" className="button">
          {t("admin.projects.new")}
        </Link>
      </div>
      <p className="muted">{t("admin.projects.intro")}</p>
      {projects.length === 0 ? (
        <p className="alert alert-info">{t("admin.projects.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("admin.projects.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.projects.code")}</th>
                <th scope="col">{t("admin.projects.titleLabel")}</th>
                <th scope="col">{t("admin.projects.sponsor")}</th>
                <th scope="col">{t("admin.projects.colPeriod")}</th>
                <th scope="col">{t("admin.projects.status")}</th>
                <th scope="col" className="num">{t("admin.projects.colMembers")}</th>
                <th scope="col" className="num">{t("admin.projects.colAreas")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => (
                <tr key={project.id}>
                  <td>
                    <Link to={`/admin/projects/${project.id}`}>
                      <strong>{project.code}</strong>
                    </Link>
                  </td>
                  <td>{project.title}</td>
                  <td>{project.sponsor ?? "—"}</td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    {formatDate(project.startDate, locale)} – {formatDate(project.endDate, locale)}
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[project.status] ?? ""}`}>{t(`project.status.${project.status as "planned" | "active" | "closed"}`)}</span>
                  </td>
                  <td className="num">{project.memberCount}</td>
                  <td className="num">{project.areaCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
