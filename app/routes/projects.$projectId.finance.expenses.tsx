// Receipts: a fast entry form at the top (Tab through the fields, Enter saves; date, category and partner
// stay for the next receipt) and the filtered list below.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/form-field";
import { ExpenseForm, expenseFormValues } from "~/modules/finance/expense-form";
import { DIRECT_CATEGORIES } from "~/modules/finance/money";
import { ExpenseFilterSchema } from "~/modules/finance/schema";
import { createExpense, deleteExpense, getFinanceProject, listExpenses, listFinancePartners, projectYears } from "~/modules/finance/service.server";
import { categoryLabel, FinanceNav } from "~/modules/finance/ui";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { formatDate, formatMoney } from "~/utils/format";
import { translate, useLocale, useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { FilterActions } from "~/components/filter-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "finance:read");
  const url = new URL(request.url);
  const filter = ExpenseFilterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const [finance, expenses, partners] = await Promise.all([getFinanceProject(project.id), listExpenses(project.id, filter), listFinancePartners(project.id)]);
  return {
    projectId: project.id,
    years: projectYears(finance),
    expenses,
    sumCents: expenses.reduce((sum, e) => sum + e.amountCents, 0),
    partners,
    filtered: Object.values(filter).some((v) => v !== undefined),
    canWrite: can({ isAdmin: user.isAdmin, role }, "finance:write"),
    pageTitle: `${translate(user.locale, "finance.expenses.heading")} – ${project.code}`,
  };
}

const ExpenseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }),
  z.object({ intent: z.literal("delete"), expenseId: z.string().regex(/^[a-z0-9_-]{1,64}$/i, "validation.invalid") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    const input = parseInput(ExpenseActionSchema, values);
    if (input.intent === "delete") {
      await deleteExpense(project.id, user.id, input.expenseId);
      return { ok: true as const, notice: "finance.expenses.deleted" as const, receiptNo: "", keep: null, savedAt: Date.now() };
    }
    await createExpense(project.id, user.id, values);
  } catch (error) {
    return validationFailure(error, values);
  }
  // why: no redirect — the form stays on the page, ready for the next receipt with date, category and partner kept.
  const keep = { date: String(values.date ?? ""), category: String(values.category ?? ""), partnerId: String(values.partnerId ?? "") };
  return { ok: true as const, notice: "finance.expenses.saved" as const, receiptNo: String(values.receiptNo ?? ""), keep, savedAt: Date.now() };
}

export default function ExpensesPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const success = actionData?.ok === true ? actionData : null;
  const failure = actionData?.ok === false ? actionData : null;
  const createFailure = failure && failure.intent === "create" ? failure : null;
  return (
    <>
      <div className="page-header">
        <h1>{t("finance.expenses.heading")}</h1>
      </div>
      <FinanceNav projectId={data.projectId} />
      {success ? (
        <p className="alert alert-success" role="status">
          {t(success.notice, { receiptNo: success.receiptNo })}
        </p>
      ) : null}
      {searchParams.get("imported") && !actionData ? (
        <p className="alert alert-success" role="status">
          {t("finance.import.done", { count: Number(searchParams.get("imported")) })}
        </p>
      ) : null}
      {data.canWrite ? (
        <p>
          <Link to="import">{t("finance.import.link")}</Link>
        </p>
      ) : null}
      {failure && failure.intent === "delete" ? <FormErrors messages={failure.formErrors.map((key) => t(key))} /> : null}
      {data.canWrite ? (
        <ExpenseForm
          key={success?.savedAt ?? "entry"}
          intent="create"
          heading={t("finance.expenses.newHeading")}
          hint={t("finance.expenses.fastHint")}
          partners={data.partners}
          values={expenseFormValues(createFailure?.values, success?.keep ? { ...success.keep } : { category: "staff" })}
          focusPayee={Boolean(success?.keep)}
          fieldErrors={createFailure?.fieldErrors}
          formErrors={createFailure?.formErrors}
        />
      ) : null}
      <Form method="get" className="card toolbar" aria-label={t("finance.expenses.filters")}>
        <div className="field">
          <label htmlFor="filter-year">{t("finance.expenses.year")}</label>
          <select id="filter-year" name="year" defaultValue={searchParams.get("year") ?? ""}>
            <option value="">{t("finance.expenses.all")}</option>
            {data.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t("finance.expenses.category")}</label>
          <select id="filter-category" name="category" defaultValue={searchParams.get("category") ?? ""}>
            <option value="">{t("finance.expenses.all")}</option>
            {DIRECT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(categoryLabel(category))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-partner">{t("finance.expenses.partner")}</label>
          <select id="filter-partner" name="partner" defaultValue={searchParams.get("partner") ?? ""}>
            <option value="">{t("finance.expenses.all")}</option>
            {data.partners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-claimed">{t("finance.expenses.claimed")}</label>
          <select id="filter-claimed" name="claimed" defaultValue={searchParams.get("claimed") ?? ""}>
            <option value="">{t("finance.expenses.all")}</option>
            <option value="yes">{t("finance.expenses.claimedYes")}</option>
            <option value="no">{t("finance.expenses.claimedNo")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("finance.expenses.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={searchParams.get("q") ?? ""} />
        </div>
        <FilterActions filtered={Boolean(data.filtered)} submitLabel={t("common.filter")} />
      </Form>
      <p role="status" data-testid="expense-count">
        {t("finance.expenses.count", { count: data.expenses.length, sum: formatMoney(data.sumCents, locale) })}
      </p>
      {data.expenses.length === 0 ? (
        <p className="alert alert-info">{t("finance.expenses.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("finance.expenses.listCaption")}</caption>
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
                {data.canWrite ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.expenses.map((expense) => (
                <tr key={expense.id}>
                  <td>{formatDate(expense.date, locale)}</td>
                  <td>{data.canWrite && !expense.claimId ? <Link to={expense.id}>{expense.receiptNo}</Link> : expense.receiptNo}</td>
                  <td>{t(categoryLabel(expense.category))}</td>
                  <td>{expense.partnerName ?? ""}</td>
                  <td>{expense.payee}</td>
                  <td>{expense.purpose}</td>
                  <td className="num">{formatMoney(expense.amountCents, locale)}</td>
                  <td>{formatDate(expense.paidAt, locale)}</td>
                  <td>{expense.claimNumber ? t("finance.expenses.claimNumber", { number: expense.claimNumber }) : ""}</td>
                  {data.canWrite ? (
                    <td>
                      {expense.claimId ? null : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="expenseId" value={expense.id} />
                          <button type="submit" className="link-button" aria-label={t("finance.expenses.delete", { receiptNo: expense.receiptNo })}>
                            {t("common.delete")}
                          </button>
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
