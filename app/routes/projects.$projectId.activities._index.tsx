import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getActivityListFilters, listActivities } from "~/modules/activities/service.server";
import { hoursInputValue, instantToBerlin, parseActivityListQuery } from "~/modules/activities/schema";
import { formatDate } from "~/utils/format";
import { translate, useLocale, useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterActions } from "~/components/filter-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "activity:read");
  const query = parseActivityListQuery(new URL(request.url).searchParams);
  const [list, filters] = await Promise.all([listActivities(project.id, query), getActivityListFilters(project.id)]);
  return {
    list,
    filters,
    canWrite: can({ isAdmin: user.isAdmin, role }, "activity:write"),
    canManageTypes: can({ isAdmin: user.isAdmin, role }, "activityType:manage"),
    pageTitle: `${translate(user.locale, "activities.title")} – ${project.code}`,
  };
}

/** TT.MM.JJJJ for a filter field's value (from the URL, as typed or ISO). */
function filterDate(value: string | null): string {
  if (!value) return "";
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split("-").reverse().join(".") : value;
}

export default function ActivitiesPage() {
  const { list, filters, canWrite, canManageTypes } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const filtered = ["from", "to", "typeId", "actionFieldId", "areaId"].some((k) => searchParams.get(k));
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <>
      <div className="page-header">
        <h1>{t("activities.title")}</h1>
        <div className="form-actions">
          {canManageTypes ? (
            <Link to="types" className="button button-secondary">
              {t("activities.typesLink")}
            </Link>
          ) : null}
          {canWrite ? (
            <Link to="new" className="button">
              {t("activities.log")}
            </Link>
          ) : null}
        </div>
      </div>
      {searchParams.get("deleted") ? <p className="alert alert-success" role="status">{t("activities.deleted")}</p> : null}
      <Form method="get" className="card toolbar" aria-label={t("activities.filter.legend")}>
        <div className="field">
          <label htmlFor="filter-from">{t("activities.filter.from")}</label>
          <input id="filter-from" name="from" type="text" inputMode="numeric" placeholder="TT.MM.JJJJ" defaultValue={filterDate(searchParams.get("from"))} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("activities.filter.to")}</label>
          <input id="filter-to" name="to" type="text" inputMode="numeric" placeholder="TT.MM.JJJJ" defaultValue={filterDate(searchParams.get("to"))} />
        </div>
        <div className="field">
          <label htmlFor="filter-type">{t("activities.filter.type")}</label>
          <select id="filter-type" name="typeId" defaultValue={searchParams.get("typeId") ?? ""}>
            <option value="">{t("activities.filter.all")}</option>
            {filters.types.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-field">{t("activities.filter.actionField")}</label>
          <select id="filter-field" name="actionFieldId" defaultValue={searchParams.get("actionFieldId") ?? ""}>
            <option value="">{t("activities.filter.all")}</option>
            {filters.actionFields.map((field) => (
              <option key={field.id} value={field.id}>
                {field.code} {locale === "en" && field.nameEn ? field.nameEn : field.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-area">{t("activities.filter.area")}</label>
          <select id="filter-area" name="areaId" defaultValue={searchParams.get("areaId") ?? ""}>
            <option value="">{t("activities.filter.all")}</option>
            {filters.areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
        <FilterActions filtered={Boolean(filtered)} submitLabel={t("common.filter")} />
      </Form>
      <p className="muted" role="status">
        {t("common.results", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <p className="alert alert-info">{filtered ? t("activities.emptyFiltered") : t("activities.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("activities.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("activities.col.date")}</th>
                <th scope="col">{t("activities.col.time")}</th>
                <th scope="col">{t("activities.col.title")}</th>
                <th scope="col">{t("activities.col.type")}</th>
                <th scope="col">{t("activities.col.actionField")}</th>
                <th scope="col">{t("activities.col.area")}</th>
                <th scope="col" className="num">{t("activities.col.present")}</th>
                <th scope="col" className="num">{t("activities.col.duration")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((activity) => {
                const local = instantToBerlin(new Date(activity.startsAt));
                return (
                  <tr key={activity.id}>
                    <td>{formatDate(local.day, locale)}</td>
                    <td>{local.time}</td>
                    <td>
                      <Link to={activity.id}>{activity.title}</Link>
                      {activity.series ? <span className="muted"> · {activity.series.title}</span> : null}
                    </td>
                    <td>{activity.type.name}</td>
                    <td>{activity.actionField.code}</td>
                    <td>{activity.area?.name ?? t("common.none")}</td>
                    <td className="num">{activity.presentCount}</td>
                    <td className="num">{t("activities.hours", { hours: hoursInputValue(activity.durationMinutes) })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.pages > 1 ? (
        <nav className="pagination" aria-label={t("activities.pagination")}>
          {list.page > 1 ? <Link to={pageLink(list.page - 1)}>{t("common.previous")}</Link> : null}
          <span>{t("common.page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? <Link to={pageLink(list.page + 1)}>{t("common.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
