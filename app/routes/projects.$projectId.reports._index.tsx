import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate, useT, type Locale, type MessageKey } from "~/utils/i18n";
import { can, type Permission } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => {
  const locale = ((matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale ?? "de") as Locale;
  return [{ title: `${translate(locale, "reports.title")} – ${translate(locale, "app.name")}` }];
};

/** The reports of a project; each names the permission it needs, so a role only sees what it may open. */
const REPORTS: { path: string; title: MessageKey; description: MessageKey; permission: Permission }[] = [
  { path: "esf", title: "reports.esf.title", description: "reports.esf.description", permission: "report:esf" },
  { path: "progress", title: "reports.progress.title", description: "reports.progress.description", permission: "report:read" },
  { path: "periods", title: "periods.title", description: "periods.description", permission: "report:read" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, project } = await requirePermission(request, params.projectId, "report:read");
  const reports = REPORTS.filter((report) => can({ isAdmin: user.isAdmin, role }, report.permission)).map(({ path, title, description }) => ({
    path,
    title,
    description,
  }));
  return { project: { id: project.id, title: project.title }, reports };
}

export default function ReportsIndexPage() {
  const { project, reports } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("reports.title")}</h1>
      </div>
      <p className="muted">{t("reports.intro")}</p>
      <h2>{t("reports.available")}</h2>
      {reports.length === 0 ? (
        <p className="alert alert-info">{t("reports.none")}</p>
      ) : (
        <ul className="card-grid" style={{ listStyle: "none", padding: 0 }}>
          {reports.map((report) => (
            <li key={report.path} className="card">
              <h3>
                <Link to={`/projects/${project.id}/reports/${report.path}`}>{t(report.title)}</Link>
              </h3>
              <p>{t(report.description)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
