// Budget: typed lines per year × category (× sub-project partner); flat rates are computed, never typed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import { DIRECT_CATEGORIES } from "~/modules/finance/money";
import { BudgetActionSchema, BudgetLineSchema } from "~/modules/finance/schema";
import { createBudgetLine, deleteBudgetLine, getFinanceProject, getFundingReport, listBudgetLines, listFinancePartners, projectYears, updateBudgetLine } from "~/modules/finance/service.server";
import { BudgetTable, categoryLabel, FinanceNav } from "~/modules/finance/ui";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues, moneyInputValue, parseInput } from "~/utils/form-values";
import { formatMoney } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "finance:read");
  const [finance, lines, partners, report] = await Promise.all([getFinanceProject(project.id), listBudgetLines(project.id), listFinancePartners(project.id), getFundingReport(project.id, null)]);
  const editId = new URL(request.url).searchParams.get("edit");
  return {
    projectId: project.id,
    years: projectYears(finance),
    lines,
    partners,
    byYear: report.byYear,
    editing: lines.find((l) => l.id === editId) ?? null,
    canWrite: can({ isAdmin: user.isAdmin, role }, "finance:write"),
    pageTitle: `${translate(user.locale, "finance.budget.heading")} – ${project.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    const input = parseInput(BudgetActionSchema, values);
    if (input.intent === "create") await createBudgetLine(project.id, user.id, input);
    else if (input.intent === "update") await updateBudgetLine(project.id, user.id, input.lineId, input);
    else {
      await deleteBudgetLine(project.id, user.id, input.lineId);
      return redirect(`/projects/${project.id}/finance/budget?deleted=1`);
    }
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/finance/budget?saved=1`);
}

type Loader = ReturnType<typeof useLoaderData<typeof loader>>;

export default function BudgetPage() {
  const { projectId, lines, byYear, canWrite, ...rest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("saved") ? "finance.budget.saved" : searchParams.get("deleted") ? "finance.budget.deleted" : null;
  return (
    <>
      <div className="page-header">
        <h1>{t("finance.budget.heading")}</h1>
      </div>
      <FinanceNav projectId={projectId} />
      {notice && !actionData ? <p className="alert alert-success" role="status">{t(notice)}</p> : null}
      <p className="hint">{t("finance.budget.flatRateHint")}</p>
      {byYear.map((year) => (
        <BudgetTable key={year.year} caption={t("finance.budget.yearTable", { year: year.year })} rows={year.rows} />
      ))}
      <h2>{t("finance.nav.budget")}</h2>
      {lines.length === 0 ? (
        <p className="alert alert-info">{t("finance.budget.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("finance.budget.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.budget.year")}</th>
                <th scope="col">{t("finance.budget.partner")}</th>
                <th scope="col">{t("finance.budget.category")}</th>
                <th scope="col" className="num">{t("finance.budget.amount")}</th>
                <th scope="col">{t("finance.budget.note")}</th>
                {canWrite ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.id}>
                  <td>{line.year}</td>
                  <td>{line.partnerName ?? t("finance.budget.sponsor")}</td>
                  <td>{t(categoryLabel(line.category))}</td>
                  <td className="num">{formatMoney(line.amountCents, locale)}</td>
                  <td>{line.note ?? ""}</td>
                  {canWrite ? (
                    <td>
                      <Link to={`?edit=${line.id}`}>{t("common.edit")}</Link>{" "}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="lineId" value={line.id} />
                        <button type="submit" className="link-button" aria-label={t("finance.budget.deleteLine", { year: line.year, category: t(categoryLabel(line.category)) })}>
                          {t("common.delete")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite ? (
        <LineForm key={rest.editing?.id ?? "new"} years={rest.years} partners={rest.partners} editing={rest.editing} echoed={actionData?.values} fieldErrors={actionData?.fieldErrors} formErrors={actionData?.formErrors} />
      ) : null}
    </>
  );
}

function LineForm({
  years,
  partners,
  editing,
  echoed,
  fieldErrors,
  formErrors,
}: {
  years: number[];
  partners: Loader["partners"];
  editing: Loader["editing"];
  echoed?: Record<string, string | string[]>;
  fieldErrors?: Record<string, MessageKey[]>;
  formErrors?: MessageKey[];
}) {
  const t = useT();
  const values = {
    year: String(echoed?.year ?? editing?.year ?? years[0] ?? ""),
    category: String(echoed?.category ?? editing?.category ?? "staff"),
    partnerId: String(echoed?.partnerId ?? editing?.partnerId ?? ""),
    amountCents: String(echoed?.amountCents ?? (editing ? moneyInputValue(editing.amountCents) : "")),
    note: String(echoed?.note ?? editing?.note ?? ""),
  };
  const form = useSchemaForm(BudgetLineSchema, { defaultValues: values, serverErrors: fieldErrors });
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="card" aria-labelledby="line-form-heading">
      <h2 id="line-form-heading">{editing ? t("common.edit") : t("finance.budget.add")}</h2>
      <FormErrors messages={(formErrors ?? []).map((key) => t(key))} />
      <input type="hidden" name="intent" value={editing ? "update" : "create"} />
      {editing ? <input type="hidden" name="lineId" value={editing.id} /> : null}
      <div className="field-row">
        <FormField label={t("finance.budget.year")} name="year" error={form.error("year")}>
          <select {...form.register("year")} defaultValue={values.year}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("finance.budget.category")} name="category" error={form.error("category")}>
          <select {...form.register("category")} defaultValue={values.category}>
            {DIRECT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(categoryLabel(category))}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("finance.budget.partner")} name="partnerId" error={form.error("partnerId")}>
          <select {...form.register("partnerId")} defaultValue={values.partnerId}>
            <option value="">{t("finance.budget.sponsor")}</option>
            {partners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("finance.budget.amount")} name="amountCents" error={form.error("amountCents")}>
          <input {...form.register("amountCents")} defaultValue={values.amountCents} inputMode="decimal" />
        </FormField>
        <FormField label={t("finance.budget.note")} name="note" optional error={form.error("note")}>
          <input {...form.register("note")} defaultValue={values.note} />
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit">{t("common.save")}</button>
        {editing ? (
          <Link to="." className="button button-secondary">
            {t("common.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
