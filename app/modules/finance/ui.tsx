// Shared UI of the finance pages: the section navigation and the budget-vs-actual table.
import { NavLink } from "@remix-run/react";
import { formatMoney } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";

const SECTIONS: { path: string; label: MessageKey }[] = [
  { path: "", label: "finance.nav.overview" },
  { path: "plan", label: "finance.nav.plan" },
  { path: "budget", label: "finance.nav.budget" },
  { path: "expenses", label: "finance.nav.expenses" },
  { path: "claims", label: "finance.nav.claims" },
  { path: "report", label: "finance.nav.report" },
];

/** Links between the finance pages (a second-level navigation under "Finanzen"). */
export function FinanceNav({ projectId }: { projectId: string }) {
  const t = useT();
  return (
    <nav aria-label={t("finance.nav.label")} className="toolbar finance-nav">
      {SECTIONS.map((section) => (
        <NavLink key={section.path} to={`/projects/${projectId}/finance${section.path ? `/${section.path}` : ""}`} end className="button button-secondary">
          {t(section.label)}
        </NavLink>
      ))}
    </nav>
  );
}

export const categoryLabel = (category: string): MessageKey => `finance.category.${category}` as MessageKey;

export interface BudgetRow {
  category: string;
  budgetCents: number;
  actualCents: number;
  remainingCents: number;
}

/** Budget, actual and remaining per category (flat rate computed) with the total row. */
export function BudgetTable({ caption, rows, testId }: { caption: string; rows: BudgetRow[]; testId?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("finance.col.category")}</th>
            <th scope="col" className="num">{t("finance.col.budget")}</th>
            <th scope="col" className="num">{t("finance.col.actual")}</th>
            <th scope="col" className="num">{t("finance.col.remaining")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const total = row.category === "total";
            const Cell = total ? "th" : "td";
            return (
              <tr key={row.category} data-category={row.category}>
                <th scope="row">{t(categoryLabel(row.category))}</th>
                <Cell className="num" data-cell="budget">{formatMoney(row.budgetCents, locale)}</Cell>
                <Cell className="num" data-cell="actual">{formatMoney(row.actualCents, locale)}</Cell>
                <Cell className="num" data-cell="remaining">{formatMoney(row.remainingCents, locale)}</Cell>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
