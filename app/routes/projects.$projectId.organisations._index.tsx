import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseOrganisationListQuery } from "~/modules/organisations/schema";
import { listOrganisationAreas, listOrganisations } from "~/modules/organisations/service.server";
import { formatDate } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterActions } from "~/components/filter-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "organisation:read");
  const query = parseOrganisationListQuery(new URL(request.url).searchParams);
  const [list, areas] = await Promise.all([listOrganisations(project.id, query), listOrganisationAreas(project.id)]);
  return {
    list,
    areas,
    canWrite: can({ isAdmin: user.isAdmin, role }, "organisation:write"),
    pageTitle: `${translate(user.locale, "organisations.title")} – ${project.code}`,
  };
}

export default function OrganisationsPage() {
  const { list, areas, canWrite } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const filtered = ["q", "kind", "areaId"].some((k) => searchParams.get(k));
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <>
      <div className="page-header">
        <h1>{t("organisations.title")}</h1>
        {canWrite ? (
          <Link to="new" className="button">
            {t("organisations.new")}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t("organisations.intro")}</p>
      {searchParams.get("deleted") ? <p className="alert alert-success" role="status">{t("organisations.deleted")}</p> : null}
      <Form method="get" className="card toolbar" role="search" aria-label={t("organisations.search")}>
        <div className="field">
          <label htmlFor="org-q">{t("organisations.search")}</label>
          <input id="org-q" name="q" type="search" defaultValue={searchParams.get("q") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="org-kind">{t("organisations.field.kind")}</label>
          <select id="org-kind" name="kind" defaultValue={searchParams.get("kind") ?? ""}>
            <option value="">{t("activities.filter.all")}</option>
            <option value="business">{t("organisations.kind.business")}</option>
            <option value="public_body">{t("organisations.kind.public_body")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-area">{t("organisations.field.area")}</label>
          <select id="org-area" name="areaId" defaultValue={searchParams.get("areaId") ?? ""}>
            <option value="">{t("activities.filter.all")}</option>
            {areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
        <FilterActions filtered={Boolean(filtered)} submitLabel={t("common.search")} />
      </Form>
      <p className="muted" role="status">
        {t("common.results", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <p className="alert alert-info">{filtered ? t("organisations.emptyFiltered") : t("organisations.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("organisations.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations.field.name")}</th>
                <th scope="col">{t("organisations.field.kind")}</th>
                <th scope="col">{t("organisations.field.sizeClass")}</th>
                <th scope="col">{t("organisations.field.sector")}</th>
                <th scope="col">{t("organisations.field.area")}</th>
                <th scope="col">{t("organisations.firstSupport")}</th>
                <th scope="col" className="num">{t("organisations.supportCount")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={o.id}>{o.name}</Link>
                  </td>
                  <td>{t(`organisations.kind.${o.kind}` as MessageKey)}</td>
                  <td>{o.sizeClass ? t(`organisations.size.${o.sizeClass}` as MessageKey) : t("common.none")}</td>
                  <td>{o.sector ?? t("common.none")}</td>
                  <td>{o.area?.name ?? t("common.none")}</td>
                  <td>{o.firstSupportDate ? formatDate(o.firstSupportDate, locale) : t("common.none")}</td>
                  <td className="num">{o.supportCount}</td>
                </tr>
              ))}
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
