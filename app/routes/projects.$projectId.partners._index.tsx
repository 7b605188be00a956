import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { PARTNER_TYPES, PartnerListQuerySchema } from "~/modules/partners/schema";
import { jobcenterAgreementState, listPartners } from "~/modules/partners/service.server";
import { formatDate } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { FilterActions } from "~/components/filter-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "partner:read");
  const query = PartnerListQuerySchema.parse({ type: new URL(request.url).searchParams.get("type") || undefined });
  const [partners, jobcenter] = await Promise.all([listPartners(project.id, query), jobcenterAgreementState(project.id)]);
  return {
    partners,
    jobcenter,
    filtered: Boolean(query.type),
    canWrite: can({ isAdmin: user.isAdmin, role }, "partner:write"),
    pageTitle: `${translate(user.locale, "partners.title")} – ${project.code}`,
  };
}

export default function PartnersPage() {
  const { partners, jobcenter, filtered, canWrite } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  return (
    <>
      <div className="page-header">
        <h1>{t("partners.title")}</h1>
        {canWrite ? (
          <Link to="new" className="button">
            {t("partners.new")}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t("partners.intro")}</p>
      {searchParams.get("deleted") ? (
        <p className="alert alert-success" role="status">
          {t("partners.deleted")}
        </p>
      ) : null}
      {jobcenter !== "ok" ? <p className="alert alert-warning">{t(`partners.jobcenter.${jobcenter}` as MessageKey)}</p> : null}
      <Form method="get" className="card toolbar" aria-label={t("partners.filterType")}>
        <div className="field">
          <label htmlFor="partner-type">{t("partners.filterType")}</label>
          <select id="partner-type" name="type" defaultValue={searchParams.get("type") ?? ""}>
            <option value="">{t("partners.filterAll")}</option>
            {PARTNER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`partners.type.${type}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <FilterActions filtered={Boolean(filtered)} submitLabel={t("common.filter")} />
      </Form>
      {partners.length === 0 ? (
        <p className="alert alert-info">{filtered ? t("partners.emptyFiltered") : t("partners.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("partners.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("partners.field.name")}</th>
                <th scope="col">{t("partners.field.type")}</th>
                <th scope="col">{t("partners.field.roleInProject")}</th>
                <th scope="col">{t("partners.field.agreementType")}</th>
                <th scope="col" className="num">{t("partners.field.contacts")}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={p.id}>{p.name}</Link>
                    {p.city ? <span className="muted"> · {p.city}</span> : null}
                  </td>
                  <td>
                    {t(`partners.type.${p.type}` as MessageKey)}
                    {p.hasBudget ? (
                      <>
                        {" "}
                        <span className="badge badge-info">{t("partners.budget")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{p.roleInProject ?? t("common.none")}</td>
                  <td>
                    {p.agreementType || p.agreementDate
                      ? [p.agreementType, p.agreementDate ? formatDate(p.agreementDate, locale) : null].filter(Boolean).join(", ")
                      : <span className="muted">{t("partners.noAgreement")}</span>}
                  </td>
                  <td className="num">{p.contactCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
