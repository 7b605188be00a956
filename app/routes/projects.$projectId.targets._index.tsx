import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { computeTargetProgress } from "~/modules/targets/actuals.server";
import { indicatorLabel } from "~/modules/targets/labels";
import { ProgressStatusBadge, TargetProgressBar, useFormatFigure } from "~/modules/targets/target-progress";
import { translate, useLocale, useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "target:read");
  const targets = await computeTargetProgress(project.id);
  return {
    targets,
    canWrite: can({ isAdmin: user.isAdmin, role }, "target:write"),
    pageTitle: `${translate(user.locale, "targets.title")} – ${project.code}`,
  };
}

export default function TargetsPage() {
  const { targets, canWrite } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const figure = useFormatFigure();
  return (
    <>
      <div className="page-header">
        <h1>{t("targets.title")}</h1>
        {canWrite ? (
          <Link to="new" className="button">
            {t("targets.new")}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t("targets.intro")}</p>
      {searchParams.get("deleted") || searchParams.get("created") ? (
        <p className="alert alert-success" role="status">
          {t(searchParams.get("deleted") ? "targets.deleted" : "targets.saved")}
        </p>
      ) : null}
      {targets.length === 0 ? (
        <p className="alert alert-info">{t("targets.empty")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("targets.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("targets.col.indicator")}</th>
                  <th scope="col">{t("targets.col.scope")}</th>
                  <th scope="col" className="num">{t("targets.col.target")}</th>
                  <th scope="col" className="num">{t("targets.col.actual")}</th>
                  <th scope="col">{t("targets.col.progress")}</th>
                  <th scope="col">{t("targets.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((target) => {
                  const label = indicatorLabel(t, locale, target.indicator, target.customName);
                  return (
                    <tr key={target.id} data-indicator={target.indicator}>
                      <td>
                        <Link to={target.id}>{label}</Link>
                        {target.manual ? <div className="muted">{t("targets.manual")}</div> : null}
                      </td>
                      <td>
                        {t("targets.scope", {
                          period: target.year ? String(target.year) : t("targets.wholeDuration"),
                          area: target.areaName ?? t("targets.allAreas"),
                        })}
                      </td>
                      <td className="num">{figure(target.targetValue)}</td>
                      <td className="num" data-testid="target-actual">
                        {figure(target.actual)}
                      </td>
                      <td>
                        <TargetProgressBar actual={target.actual} targetValue={target.targetValue} percent={target.percent} label={label} />
                        <div className="muted">{t("targets.expected", { expected: figure(Math.round(target.expectedValue * 10) / 10) })}</div>
                      </td>
                      <td>
                        <ProgressStatusBadge status={target.status} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted">{t("targets.rule")}</p>
        </>
      )}
    </>
  );
}
