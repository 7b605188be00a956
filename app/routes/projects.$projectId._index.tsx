import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProjectOverview } from "~/modules/projects/service.server";
import { formatDate } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, role } = await requirePermission(request, params.projectId, "project:read");
  const overview = await getProjectOverview(project.id);
  return { overview, role };
}

export default function ProjectOverviewPage() {
  const { overview, role } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="page-header">
        <h1>{overview.title}</h1>
        <span className="badge">{t(`project.status.${overview.status}` as MessageKey)}</span>
      </div>
      {overview.description ? <p>{overview.description}</p> : null}
      <p className="card" style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: "0.5rem 1rem" }}>
        <Link to={`/projects/${overview.id}/dashboard`} className="button">
          {t("dashboards.overviewLink")}
        </Link>{" "}
        <span className="muted">{t("dashboards.overviewLinkHint")}</span>
      </p>
      <div className="card">
        <dl className="facts">
          <dt>{t("project.period")}</dt>
          <dd>{formatDate(overview.startDate, locale)} – {formatDate(overview.endDate, locale)}</dd>
          {overview.fundingRound ? (
            <>
              <dt>{t("project.fundingRound")}</dt>
              <dd>{overview.fundingRound}</dd>
            </>
          ) : null}
          <dt>{t("project.actionFields")}</dt>
          <dd>{overview.actionFields.map((f) => `${f.code} ${locale === "en" && f.nameEn ? f.nameEn : f.name}`).join(", ") || t("common.none")}</dd>
          <dt>{t("project.areas")}</dt>
          <dd>{overview.areas.map((a) => `${a.name} (${a.municipality})`).join(", ") || t("common.none")}</dd>
          <dt>{t("project.yourRole")}</dt>
          <dd>{role ? t(`role.${role}` as MessageKey) : t("role.admin")}</dd>
        </dl>
      </div>
    </>
  );
}
