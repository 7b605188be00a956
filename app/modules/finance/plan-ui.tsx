// The financing plan's checks and the grant-notice settings, shown on the overview and the plan page.
import type { FinanceProject } from "./service.server";
import type { FinancingCheck } from "./money";
import { formatMoney, formatPercentBp } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** Funding rate and own share of the plan, and what is wrong with it (or that it is fine). */
export function FinancingChecks({ check, maxFundingRateBp, eligibleCostCents }: { check: FinancingCheck; maxFundingRateBp: number; eligibleCostCents: number | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div data-testid="financing-checks">
      <p>
        {t("finance.plan.fundingRate", { rate: formatPercentBp(check.fundingRateBp, locale) })} ·{" "}
        {t("finance.plan.ownShare", { rate: formatPercentBp(check.ownShareBp, locale) })}
      </p>
      {check.problems.length === 0 ? (
        <p className="alert alert-success">{t("finance.plan.ok")}</p>
      ) : (
        <ul className="alert alert-warning">
          {check.problems.map((problem) => (
            <li key={problem}>
              {t(`finance.plan.problem.${problem}`, {
                max: formatPercentBp(maxFundingRateBp, locale),
                total: formatMoney(check.totalCents, locale),
                eligible: formatMoney(eligibleCostCents ?? 0, locale),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The grant notice's finance settings (flat-rate model and rate, maximum funding rate, eligible costs). */
export function FinanceSettings({ project }: { project: Pick<FinanceProject, "flatRateModel" | "flatRateBp" | "maxFundingRateBp" | "eligibleCostCents"> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="finance-settings-heading">
      <h2 id="finance-settings-heading">{t("finance.settings.heading")}</h2>
      <dl className="facts">
        <dt>{t("finance.settings.flatRate")}</dt>
        <dd>
          {project.flatRateModel === "none"
            ? t("finance.model.none")
            : t("finance.settings.flatRateValue", { model: t(`finance.model.${project.flatRateModel}`), rate: formatPercentBp(project.flatRateBp, locale) })}
        </dd>
        <dt>{t("finance.settings.maxFundingRate")}</dt>
        <dd>{formatPercentBp(project.maxFundingRateBp, locale)}</dd>
        {project.eligibleCostCents !== null ? (
          <>
            <dt>{t("finance.settings.eligibleCosts")}</dt>
            <dd>{formatMoney(project.eligibleCostCents, locale)}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{t("finance.settings.hint")}</p>
    </section>
  );
}
