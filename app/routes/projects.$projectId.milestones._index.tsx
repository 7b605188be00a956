import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { MilestoneDueBadge } from "~/modules/milestones/due-badge";
import { MILESTONE_STATUS_FILTERS, MilestoneListQuerySchema } from "~/modules/milestones/schema";
import { listMilestoneOptions, listMilestones } from "~/modules/milestones/service.server";
import { formatDate } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { FilterActions } from "~/components/filter-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "milestone:read");
  const url = new URL(request.url);
  const query = MilestoneListQuerySchema.parse({ status: url.searchParams.get("status") || undefined, actionField: url.searchParams.get("actionField") || undefined });
  const [milestones, all, options] = await Promise.all([
    listMilestones(project.id, query),
    query.status || query.actionField ? listMilestones(project.id) : null,
    listMilestoneOptions(project.id),
  ]);
  const overall = all ?? milestones;
  return {
    milestones,
    summary: {
      overdue: overall.filter((m) => m.dueState === "overdue").length,
      dueSoon: overall.filter((m) => m.dueState === "due_soon").length,
      done: overall.filter((m) => m.dueState === "done").length,
      total: overall.length,
    },
    actionFields: options.actionFields,
    filtered: Boolean(query.status || query.actionField),
    canWrite: can({ isAdmin: user.isAdmin, role }, "milestone:write"),
    pageTitle: `${translate(user.locale, "milestones.title")} – ${project.code}`,
  };
}

const STATUS_FILTER_LABEL = (value: string): MessageKey =>
  (["open", "overdue", "due_soon"].includes(value) ? `milestones.filter.${value}` : `milestones.status.${value}`) as MessageKey;

export default function MilestonesPage() {
  const { milestones, summary, actionFields, filtered, canWrite } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  return (
    <>
      <div className="page-header">
        <h1>{t("milestones.title")}</h1>
        {canWrite ? (
          <Link to="new" className="button">
            {t("milestones.new")}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t("milestones.intro")}</p>
      {searchParams.get("deleted") || searchParams.get("created") ? (
        <p className="alert alert-success" role="status">
          {t(searchParams.get("deleted") ? "milestones.deleted" : "milestones.created")}
        </p>
      ) : null}
      <p>{t("milestones.summary", summary)}</p>
      <Form method="get" className="card toolbar" aria-label={t("milestones.filterLegend")}>
        <div className="field">
          <label htmlFor="milestone-status">{t("milestones.filterStatus")}</label>
          <select id="milestone-status" name="status" defaultValue={searchParams.get("status") ?? ""}>
            <option value="">{t("milestones.filterAll")}</option>
            {MILESTONE_STATUS_FILTERS.map((value) => (
              <option key={value} value={value}>
                {t(STATUS_FILTER_LABEL(value))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="milestone-action-field">{t("milestones.filterActionField")}</label>
          <select id="milestone-action-field" name="actionField" defaultValue={searchParams.get("actionField") ?? ""}>
            <option value="">{t("milestones.filterAll")}</option>
            {actionFields.map((field) => (
              <option key={field.id} value={field.id}>
                {field.code} {locale === "en" && field.nameEn ? field.nameEn : field.name}
              </option>
            ))}
          </select>
        </div>
        <FilterActions filtered={Boolean(filtered)} submitLabel={t("common.filter")} />
      </Form>
      {milestones.length === 0 ? (
        <p className="alert alert-info">{filtered ? t("milestones.emptyFiltered") : t("milestones.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("milestones.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("milestones.field.dueDate")}</th>
                <th scope="col">{t("milestones.field.title")}</th>
                <th scope="col">{t("milestones.field.status")}</th>
                <th scope="col">{t("milestones.field.owner")}</th>
                <th scope="col">{t("milestones.field.actionField")}</th>
                <th scope="col">{t("milestones.field.completedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((m) => (
                <tr key={m.id}>
                  <td>
                    {formatDate(m.dueDate, locale)} <MilestoneDueBadge state={m.dueState} />
                  </td>
                  <td>
                    <Link to={m.id}>{m.title}</Link>
                  </td>
                  <td>{t(`milestones.status.${m.status}` as MessageKey)}</td>
                  <td>{m.owner?.name ?? t("common.none")}</td>
                  <td>{m.actionField ? m.actionField.code : t("common.none")}</td>
                  <td>{m.completedAt ? formatDate(m.completedAt, locale) : t("common.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
