// The pseudonymous participant list (managers, accountants — and everyone else with
// participant:readPseudonymous): participant numbers and characteristics, never names or contacts,
// with the same filters as the register and an export of exactly what is shown.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listPseudonymousParticipants } from "~/modules/participants/export.server";
import { COMPLETENESS_FILTERS, PARTICIPANT_STATUS_FILTERS, parseListQuery } from "~/modules/participants/schema";
import { listProjectAreas } from "~/modules/participants/service.server";
import { formatDate, isoDate } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Teilnehmende (pseudonymisiert) – BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requirePermission(request, params.projectId, "participant:readPseudonymous");
  const query = parseListQuery(new URL(request.url).searchParams);
  const [list, areas] = await Promise.all([listPseudonymousParticipants(project.id, query), listProjectAreas(project.id)]);
  return data(
    {
      projectId: project.id,
      list,
      areas,
      filters: {
        q: query.q,
        area: query.area ?? "",
        status: query.status ?? "",
        completeness: query.completeness ?? "",
        entryFrom: isoDate(query.entryFrom ?? null),
        entryTo: isoDate(query.entryTo ?? null),
      },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function PseudonymousParticipantsPage() {
  const { projectId, list, areas, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const filterParams = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
  const pageHref = (page: number) => `?${new URLSearchParams([...filterParams, ["page", String(page)]])}`;
  const dash = t("participantsIo.overview.dash");
  const code = (prefix: string, value: string | null) => (value ? t(`${prefix}.${value}` as MessageKey) : dash);
  return (
    <>
      <div className="page-header">
        <h1>{t("participantsIo.overview.title")}</h1>
      </div>
      <p>{t("participantsIo.overview.intro")}</p>

      <Form method="get" className="card toolbar" aria-label={t("participants.list.filters")}>
        <div className="field">
          <label htmlFor="filter-q">{t("participantsIo.overview.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q} aria-describedby="filter-q-hint" />
          <p className="hint" id="filter-q-hint">{t("participantsIo.overview.searchHint")}</p>
        </div>
        <div className="field">
          <label htmlFor="filter-area">{t("participants.list.area")}</label>
          <select id="filter-area" name="area" defaultValue={filters.area}>
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
          <select id="filter-status" name="status" defaultValue={filters.status}>
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
          <select id="filter-completeness" name="completeness" defaultValue={filters.completeness}>
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
          <input id="filter-from" name="entryFrom" type="date" defaultValue={filters.entryFrom} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("participants.list.entryTo")}</label>
          <input id="filter-to" name="entryTo" type="date" defaultValue={filters.entryTo} />
        </div>
        <div className="form-actions">
          <button type="submit">{t("participants.list.apply")}</button>
          <Link to="?" className="button button-secondary">
            {t("participants.list.reset")}
          </Link>
        </div>
      </Form>

      <section className="card stack" aria-labelledby="export-title">
        <h2 id="export-title">{t("participantsIo.export.title")}</h2>
        <p className="muted">
          {t("participantsIo.export.hintPseudonymous")} {t("participantsIo.export.hintFilters")}
        </p>
        {/* why: a POST starts an export job (with the list's filters) and opens its progress page. */}
        <Form method="post" action={`/projects/${projectId}/participants/export`} className="form-actions">
          {[...filterParams].map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" name="format" value="csv">
            {t("participantsIo.export.csv")}
          </button>
          <button type="submit" name="format" value="xlsx">
            {t("participantsIo.export.xlsx")}
          </button>
        </Form>
      </section>

      <p role="status">{t("participants.list.count", { count: list.total })}</p>
      {list.rows.length === 0 ? (
        <p className="alert alert-info">{t("participants.list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("participantsIo.overview.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("participants.field.participantNo")}</th>
                <th scope="col">{t("participants.field.areaId")}</th>
                <th scope="col">{t("participants.field.gender")}</th>
                <th scope="col">{t("participants.field.ageAtEntry")}</th>
                <th scope="col">{t("participants.field.employmentStatus")}</th>
                <th scope="col">{t("participants.field.educationLevel")}</th>
                <th scope="col">{t("participants.list.entry")}</th>
                <th scope="col">{t("participants.list.exit")}</th>
                <th scope="col">{t("participants.field.exitStatus")}</th>
                <th scope="col">{t("participants.field.completeness")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.participantNo}</td>
                  <td>{row.areaName ?? dash}</td>
                  <td>{code("participants.gender", row.gender)}</td>
                  <td>{row.ageAtEntry ?? dash}</td>
                  <td>{code("participants.employmentStatus", row.employmentStatus)}</td>
                  <td>{code("participants.educationLevel", row.educationLevel)}</td>
                  <td>{formatDate(row.entryDate, locale) || dash}</td>
                  <td>{formatDate(row.exitDate, locale) || dash}</td>
                  <td>{code("participants.exitStatus", row.exitStatus)}</td>
                  <td>
                    {row.isComplete ? (
                      <span className="badge badge-success">{t("participants.complete")}</span>
                    ) : (
                      <span className="badge badge-warning">
                        {t("participants.incompleteWith", {
                          fields: row.missing.map((field) => t(`participantsIo.column.${field}` as MessageKey)).join(", "),
                        })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pages > 1 ? (
        <nav className="pagination" aria-label={t("participants.list.pagination")}>
          {list.page > 1 ? <Link to={pageHref(list.page - 1)}>{t("participantsIo.overview.previous")}</Link> : null}
          <span>{t("participantsIo.overview.page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? <Link to={pageHref(list.page + 1)}>{t("participantsIo.overview.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
