// The participant register of a project: search (name or number), filters as GET parameters,
// sortable columns, pagination, completeness and status badges.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listParticipants, listProjectAreas } from "~/modules/participants/service.server";
import { participantRights } from "~/modules/participants/route-helpers.server";
import { COMPLETENESS_FILTERS, PAGE_SIZES, PARTICIPANT_STATUS_FILTERS, parseListQuery, type ParticipantSort } from "~/modules/participants/schema";
import { CompletenessBadge, pageTitle, StatusBadge } from "~/modules/participants/ui";
import styles from "~/styles/participants.css?url";
import { formatDate, isoDate } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "participants.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:read");
  const query = parseListQuery(new URL(request.url).searchParams);
  const [list, areas] = await Promise.all([listParticipants(access.project.id, query), listProjectAreas(access.project.id)]);
  return {
    projectId: access.project.id,
    query: { ...query, entryFrom: isoDate(query.entryFrom), entryTo: isoDate(query.entryTo) },
    list,
    areas,
    rights: participantRights(access),
  };
}

const SORTABLE: { sort: ParticipantSort; label: MessageKey }[] = [
  { sort: "number", label: "participants.field.participantNo" },
  { sort: "name", label: "participants.field.name" },
  { sort: "entry", label: "participants.list.entry" },
  { sort: "exit", label: "participants.list.exit" },
];

export default function ParticipantListPage() {
  const { projectId, query, list, areas, rights } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const base = `/projects/${projectId}/participants`;
  const hasFilters = Boolean(query.q || query.area || query.status || query.completeness || query.entryFrom || query.entryTo);

  /** The current URL with some parameters replaced (empty value removes it). */
  function withParams(changes: Record<string, string | number | null>): string {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, String(value));
    }
    const text = next.toString();
    return text ? `?${text}` : "?";
  }

  function SortHeader({ sort, label }: { sort: ParticipantSort; label: MessageKey }) {
    const active = query.sort === sort;
    const nextDir = active && query.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link to={withParams({ sort, dir: nextDir, page: null })} className="sort-link">
          {t(label)}
          {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
          <span className="visually-hidden">
            {active ? ` (${t(query.dir === "asc" ? "participants.list.sortAsc" : "participants.list.sortDesc")})` : ` (${t("participants.list.sortBy", { column: t(label) })})`}
          </span>
        </Link>
      </th>
    );
  }

  const exportParams = new URLSearchParams(searchParams);
  exportParams.delete("page");
  exportParams.delete("pageSize");

  return (
    <>
      <div className="page-header">
        <h1>{t("participants.title")}</h1>
        <div className="toolbar">
          {rights.canWrite ? (
            <Link className="button" to={`${base}/new`}>
              {t("participants.new")}
            </Link>
          ) : null}
          {rights.canImport ? (
            <Link className="button button-secondary" to={`${base}/import`}>
              {t("participantsIo.import.title")}
            </Link>
          ) : null}
          {rights.canExport ? (
            // why: a POST starts an export job (with the list's filters) and opens its progress page.
            <Form method="post" action={`${base}/export`} className="inline-form">
              {[...exportParams].map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button type="submit" name="format" value="csv" className="button-secondary">
                {t("participantsIo.export.csv")}
              </button>
              <button type="submit" name="format" value="xlsx" className="button-secondary">
                {t("participantsIo.export.xlsx")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>

      <Form method="get" className="card filter-form" role="search" aria-label={t("participants.list.filters")}>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <div className="field filter-search">
          <label htmlFor="filter-q">{t("participants.list.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={query.q} maxLength={100} aria-describedby="filter-q-hint" />
          <p className="hint" id="filter-q-hint">
            {t("participants.list.searchHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="filter-area">{t("participants.list.area")}</label>
          <select id="filter-area" name="area" defaultValue={query.area ?? ""}>
            <option value="">{t("participants.list.allAreas")}</option>
            {areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t("participants.list.status")}</label>
          <select id="filter-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("participants.list.allStatuses")}</option>
            {PARTICIPANT_STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {t(`participants.status.${status}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-completeness">{t("participants.list.completeness")}</label>
          <select id="filter-completeness" name="completeness" defaultValue={query.completeness ?? ""}>
            <option value="">{t("participants.list.allCompleteness")}</option>
            {COMPLETENESS_FILTERS.map((value) => (
              <option key={value} value={value}>
                {t(`participants.${value}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">{t("participants.list.entryFrom")}</label>
          <input id="filter-from" name="entryFrom" type="date" defaultValue={query.entryFrom} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("participants.list.entryTo")}</label>
          <input id="filter-to" name="entryTo" type="date" defaultValue={query.entryTo} />
        </div>
        <div className="field">
          <label htmlFor="filter-size">{t("participants.list.pageSize")}</label>
          <select id="filter-size" name="pageSize" defaultValue={String(query.pageSize)}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions filter-actions">
          <button type="submit">{t("participants.list.apply")}</button>
          {hasFilters ? (
            <Link className="button button-secondary" to={base}>
              {t("participants.list.reset")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p role="status" className="muted">
        {t("participants.list.count", { count: list.total.toLocaleString(locale === "de" ? "de-DE" : "en-GB") })}
      </p>

      {list.rows.length === 0 ? (
        <p className="alert alert-info">{t(hasFilters ? "participants.list.empty" : "participants.list.emptyProject")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("participants.list.caption")}</caption>
            <thead>
              <tr>
                {SORTABLE.slice(0, 2).map((column) => (
                  <SortHeader key={column.sort} {...column} />
                ))}
                <th scope="col">{t("participants.list.area")}</th>
                {SORTABLE.slice(2).map((column) => (
                  <SortHeader key={column.sort} {...column} />
                ))}
                <th scope="col">{t("participants.field.status")}</th>
                <th scope="col">{t("participants.field.completeness")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`${base}/${row.id}`}>{row.participantNo}</Link>
                  </td>
                  <td>{row.lastName !== null ? `${row.lastName}, ${row.firstName}` : t("common.none")}</td>
                  <td>{row.areaName ?? t("common.none")}</td>
                  <td>{formatDate(row.entryDate, locale) || t("common.none")}</td>
                  <td>{formatDate(row.exitDate, locale) || t("common.none")}</td>
                  <td>
                    <StatusBadge participant={row} />
                  </td>
                  <td>
                    <CompletenessBadge isComplete={row.isComplete} missing={row.missing} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {list.pages > 1 ? (
        <nav className="pagination" aria-label={t("participants.list.pagination")}>
          {list.page > 1 ? (
            <Link to={withParams({ page: list.page - 1 })} rel="prev">
              {t("common.previous")}
            </Link>
          ) : null}
          <span>{t("common.page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link to={withParams({ page: list.page + 1 })} rel="next">
              {t("common.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
