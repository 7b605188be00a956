// Funding report per budget year (or the whole duration): budget vs actual per category, year and partner,
// computed flat rates, financing shares used, claims, cost per participant and the list of receipts;
// downloads as XLSX, CSV and PDF.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ReportQuerySchema } from "~/modules/finance/schema";
import { getFundingReport, projectYears, getFinanceProject } from "~/modules/finance/service.server";
import { BudgetTable, categoryLabel, FinanceNav } from "~/modules/finance/ui";
import { formatDate, formatMoney, formatPercentBp } from "~/utils/format";
import { translate, useLocale, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:read");
  const query = ReportQuerySchema.parse({ year: new URL(request.url).searchParams.get("year") || undefined });
  const years = projectYears(await getFinanceProject(project.id));
  const year = query.year && years.includes(query.year) ? query.year : null;
  const report = await getFundingReport(project.id, year);
  return { projectId: project.id, report, year, years, pageTitle: `${translate(user.locale, "finance.report.heading")} – ${project.code}` };
}

export default function FundingReportPage() {
  const { projectId, report, year, years } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const exportHref = (format: string) => `/projects/${projectId}/finance/report/export?format=${format}${year ? `&year=${year}` : ""}`;
  return (
    <>
      <div className="page-header">
        <h1>{t("finance.report.heading")}</h1>
      </div>
      <FinanceNav projectId={projectId} />
      <Form method="get" className="card toolbar">
        <div className="field">
          <label htmlFor="report-year">{t("finance.report.year")}</label>
          <select id="report-year" name="year" defaultValue={year ?? ""}>
            <option value="">{t("finance.report.allYears")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit">{t("finance.report.show")}</button>
        </div>
      </Form>
      <nav className="toolbar" aria-label={t("finance.report.exports")}>
        <a className="button" href={exportHref("xlsx")} download>
          {t("finance.report.exportXlsx")}
        </a>
        <a className="button button-secondary" href={exportHref("csv")} download>
          {t("finance.report.exportCsv")}
        </a>
        <a className="button button-secondary" href={exportHref("pdf")} download>
          {t("finance.report.exportPdf")}
        </a>
      </nav>
      <p className="hint">{t("finance.report.roundingNote")}</p>
      <BudgetTable caption={`${t("finance.report.byCategory")} – ${year ?? t("finance.report.allYears")}`} rows={report.rows} testId="report-total" />
      {year === null ? report.byYear.map((y) => <BudgetTable key={y.year} caption={t("finance.report.byYear", { year: y.year })} rows={y.rows} />) : null}
      {report.byPartner.map((p) => (
        <BudgetTable key={p.partnerId ?? "sponsor"} caption={t("finance.report.byPartner", { partner: p.partnerName ?? t("finance.budget.sponsor") })} rows={p.rows} />
      ))}
      <section aria-labelledby="report-financing">
        <h2 id="report-financing">{t("finance.report.financing")}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("finance.report.financing")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.plan.kind")}</th>
                <th scope="col">{t("finance.plan.name")}</th>
                <th scope="col" className="num">{t("finance.report.planAmount")}</th>
                <th scope="col" className="num">{t("finance.plan.share")}</th>
                <th scope="col" className="num">{t("finance.report.used")}</th>
              </tr>
            </thead>
            <tbody>
              {report.financing.map((f) => (
                <tr key={`${f.kind}-${f.name}`}>
                  <td>{t(`finance.kind.${f.kind}`)}</td>
                  <td>{f.name}</td>
                  <td className="num">{formatMoney(f.planCents, locale)}</td>
                  <td className="num">{formatPercentBp(f.shareBp, locale)}</td>
                  <td className="num">{formatMoney(f.usedCents, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>{t("finance.report.eligible")}</th>
                <td className="num">{formatMoney(report.eligibleActualCents, locale)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="report-figures">
        <h2 id="report-figures">{t("finance.report.keyFigures")}</h2>
        <dl className="facts">
          <dt>{t("finance.report.claimed")}</dt>
          <dd>{formatMoney(report.claims.claimedCents, locale)}</dd>
          <dt>{t("finance.report.paid")}</dt>
          <dd>{formatMoney(report.claims.paidCents, locale)}</dd>
          <dt>{t("finance.report.participants")}</dt>
          <dd>{report.participants}</dd>
          <dt>{t("finance.report.costPerParticipant")}</dt>
          <dd>{report.costPerParticipantCents === null ? t("common.none") : formatMoney(report.costPerParticipantCents, locale)}</dd>
        </dl>
      </section>
      <section aria-labelledby="report-receipts">
        <h2 id="report-receipts">{t("finance.report.receipts")}</h2>
        {/* why: a wide table scrolls sideways; keyboard users must be able to focus it to scroll. */}
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="report-receipts">
          <table>
            <caption className="visually-hidden">{t("finance.report.receipts")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.expenses.date")}</th>
                <th scope="col">{t("finance.expenses.receiptNo")}</th>
                <th scope="col">{t("finance.expenses.category")}</th>
                <th scope="col">{t("finance.expenses.partner")}</th>
                <th scope="col">{t("finance.expenses.payee")}</th>
                <th scope="col">{t("finance.expenses.purpose")}</th>
                <th scope="col" className="num">{t("finance.expenses.amount")}</th>
                <th scope="col">{t("finance.expenses.paidAt")}</th>
                <th scope="col">{t("finance.expenses.claimed")}</th>
              </tr>
            </thead>
            <tbody>
              {report.receipts.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.date, locale)}</td>
                  <td>{r.receiptNo}</td>
                  <td>{t(categoryLabel(r.category))}</td>
                  <td>{r.partnerName ?? ""}</td>
                  <td>{r.payee}</td>
                  <td>{r.purpose}</td>
                  <td className="num">{formatMoney(r.amountCents, locale)}</td>
                  <td>{formatDate(r.paidAt, locale)}</td>
                  <td>{r.claimNumber ? t("finance.expenses.claimNumber", { number: r.claimNumber }) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
