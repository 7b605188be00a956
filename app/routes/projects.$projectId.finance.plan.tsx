// Financing plan: sources with amounts and shares, the checks, and one form to add or edit a source.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import { FINANCING_KINDS } from "~/modules/finance/money";
import { FinancingChecks } from "~/modules/finance/plan-ui";
import { FinancingSourceSchema, PlanActionSchema } from "~/modules/finance/schema";
import { createFinancingSource, deleteFinancingSource, getFinancingPlan, updateFinancingSource } from "~/modules/finance/service.server";
import { FinanceNav } from "~/modules/finance/ui";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues, moneyInputValue, parseInput } from "~/utils/form-values";
import { formatMoney, formatPercentBp } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "finance:read");
  const plan = await getFinancingPlan(project.id);
  const editId = new URL(request.url).searchParams.get("edit");
  const editing = plan.sources.find((s) => s.id === editId) ?? null;
  return { projectId: project.id, plan, editing, canWrite: can({ isAdmin: user.isAdmin, role }, "finance:write"), pageTitle: `${translate(user.locale, "finance.plan.heading")} – ${project.code}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    const input = parseInput(PlanActionSchema, values);
    if (input.intent === "create") await createFinancingSource(project.id, user.id, input);
    else if (input.intent === "update") await updateFinancingSource(project.id, user.id, input.sourceId, input);
    else {
      await deleteFinancingSource(project.id, user.id, input.sourceId);
      return redirect(`/projects/${project.id}/finance/plan?deleted=1`);
    }
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/finance/plan?saved=1`);
}

export default function FinancingPlanPage() {
  const { projectId, plan, editing, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("saved") ? "finance.plan.saved" : searchParams.get("deleted") ? "finance.plan.deleted" : null;
  return (
    <>
      <div className="page-header">
        <h1>{t("finance.plan.heading")}</h1>
      </div>
      <FinanceNav projectId={projectId} />
      {notice && !actionData ? <p className="alert alert-success" role="status">{t(notice)}</p> : null}
      <FinancingChecks check={plan.check} maxFundingRateBp={plan.maxFundingRateBp} eligibleCostCents={plan.eligibleCostCents} />
      {plan.sources.length === 0 ? (
        <p className="alert alert-info">{t("finance.plan.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("finance.plan.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.plan.kind")}</th>
                <th scope="col">{t("finance.plan.name")}</th>
                <th scope="col" className="num">{t("finance.plan.amount")}</th>
                <th scope="col" className="num">{t("finance.plan.share")}</th>
                <th scope="col">{t("finance.plan.note")}</th>
                {canWrite ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {plan.sources.map((source) => (
                <tr key={source.id}>
                  <td>{t(`finance.kind.${source.kind}`)}</td>
                  <td>{source.name}</td>
                  <td className="num">{formatMoney(source.amountCents, locale)}</td>
                  <td className="num">{formatPercentBp(source.shareBp, locale)}</td>
                  <td>{source.note ?? ""}</td>
                  {canWrite ? (
                    <td>
                      <Link to={`?edit=${source.id}`}>{t("common.edit")}</Link>{" "}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="sourceId" value={source.id} />
                        <button type="submit" className="link-button" aria-label={t("finance.plan.deleteSource", { name: source.name })}>
                          {t("common.delete")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>{t("finance.plan.total")}</th>
                <th className="num">{formatMoney(plan.check.totalCents, locale)}</th>
                <th className="num">{formatPercentBp(plan.check.totalCents ? 10_000 : 0, locale)}</th>
                <td colSpan={canWrite ? 2 : 1} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {canWrite ? (
        <SourceForm
          key={editing?.id ?? "new"}
          editing={editing}
          echoed={actionData?.values}
          fieldErrors={actionData?.fieldErrors}
          formErrors={actionData?.formErrors}
        />
      ) : null}
    </>
  );
}

function SourceForm({
  editing,
  echoed,
  fieldErrors,
  formErrors,
}: {
  editing: { id: string; kind: string; name: string; amountCents: number; note: string | null } | null;
  echoed?: Record<string, string | string[]>;
  fieldErrors?: Record<string, MessageKey[]>;
  formErrors?: MessageKey[];
}) {
  const t = useT();
  const values = {
    kind: String(echoed?.kind ?? editing?.kind ?? "esf_plus"),
    name: String(echoed?.name ?? editing?.name ?? ""),
    amountCents: String(echoed?.amountCents ?? (editing ? moneyInputValue(editing.amountCents) : "")),
    note: String(echoed?.note ?? editing?.note ?? ""),
  };
  const form = useSchemaForm(FinancingSourceSchema, { defaultValues: values, serverErrors: fieldErrors });
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="card" aria-labelledby="source-form-heading">
      <h2 id="source-form-heading">{editing ? `${t("common.edit")}: ${editing.name}` : t("finance.plan.add")}</h2>
      <FormErrors messages={(formErrors ?? []).map((key) => t(key))} />
      <input type="hidden" name="intent" value={editing ? "update" : "create"} />
      {editing ? <input type="hidden" name="sourceId" value={editing.id} /> : null}
      <div className="field-row">
        <FormField label={t("finance.plan.kind")} name="kind" error={form.error("kind")}>
          <select {...form.register("kind")} defaultValue={values.kind}>
            {FINANCING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`finance.kind.${kind}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("finance.plan.name")} name="name" error={form.error("name")}>
          <input {...form.register("name")} defaultValue={values.name} />
        </FormField>
        <FormField label={t("finance.plan.amount")} name="amountCents" error={form.error("amountCents")}>
          <input {...form.register("amountCents")} defaultValue={values.amountCents} inputMode="decimal" />
        </FormField>
        <FormField label={t("finance.plan.note")} name="note" optional error={form.error("note")}>
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
