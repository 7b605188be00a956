// Finance overview: the grant notice's settings, the financing plan with its checks, budget vs actual per
// year × category, and the claim budget.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FinancingChecks, FinanceSettings } from "~/modules/finance/plan-ui";
import { getFinanceOverview } from "~/modules/finance/service.server";
import { BudgetTable, FinanceNav } from "~/modules/finance/ui";
import { formatMoney, formatPercentBp } from "~/utils/format";
import { translate, useLocale, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:read");
  const { report, limits } = await getFinanceOverview(project.id);
  return { projectId: project.id, report, limits, pageTitle: `${translate(user.locale, "finance.title")} – ${project.code}` };
}

export default function FinanceOverviewPage() {
  const { projectId, report, limits } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="page-header">
        <h1>{t("finance.title")}</h1>
      </div>
      <FinanceNav projectId={projectId} />
      <FinanceSettings project={report.project} />
      <section className="card" aria-labelledby="finance-plan-heading">
        <h2 id="finance-plan-heading">{t("finance.plan.heading")}</h2>
        <FinancingChecks check={report.plan} maxFundingRateBp={report.project.maxFundingRateBp} eligibleCostCents={report.project.eligibleCostCents} />
        {report.financing.length ? (
          <ul>
            {report.financing.map((source) => (
              <li key={`${source.kind}-${source.name}`}>
                {t(`finance.kind.${source.kind}`)} – {source.name}: {formatMoney(source.planCents, locale)} ({formatPercentBp(source.shareBp, locale)})
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="card" aria-labelledby="finance-claims-heading">
        <h2 id="finance-claims-heading">{t("finance.claims.limitsHeading")}</h2>
        <dl className="facts">
          <dt>{t("finance.claims.fundingRate")}</dt>
          <dd>{formatPercentBp(limits.fundingRateBp, locale)}</dd>
          <dt>{t("finance.claims.fundedBudget")}</dt>
          <dd>{formatMoney(limits.fundedBudgetCents, locale)}</dd>
          <dt>{t("finance.claims.claimed")}</dt>
          <dd>{formatMoney(limits.claimedCents, locale)}</dd>
          <dt>{t("finance.claims.remaining")}</dt>
          <dd data-testid="claim-remaining">{formatMoney(limits.remainingCents, locale)}</dd>
        </dl>
      </section>
      <h2>{t("finance.report.byCategory")}</h2>
      <BudgetTable caption={t("finance.report.allYears")} rows={report.rows} testId="budget-total" />
      {report.byYear.map((year) => (
        <BudgetTable key={year.year} caption={t("finance.budget.yearTable", { year: year.year })} rows={year.rows} />
      ))}
    </>
  );
}
