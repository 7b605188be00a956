// One receipt: edit (optimistic concurrency via its version) or delete — as long as no payment claim holds it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/form-field";
import { ExpenseForm, expenseFormValues, storedExpenseValues } from "~/modules/finance/expense-form";
import { deleteExpense, getExpense, listFinancePartners, updateExpense } from "~/modules/finance/service.server";
import { FinanceNav } from "~/modules/finance/ui";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { requireId } from "~/utils/http.server";
import { translate, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  const [expense, partners] = await Promise.all([getExpense(project.id, requireId(params.expenseId)), listFinancePartners(project.id)]);
  return { projectId: project.id, expense, partners, pageTitle: `${translate(user.locale, "finance.expenses.editHeading", { receiptNo: expense.receiptNo })} – ${project.code}` };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), version: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid") }),
  z.object({ intent: z.literal("delete") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  const expenseId = requireId(params.expenseId);
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    const input = parseInput(ActionSchema, values);
    if (input.intent === "delete") {
      await deleteExpense(project.id, user.id, expenseId);
      return redirect(`/projects/${project.id}/finance/expenses`);
    }
    await updateExpense(project.id, user.id, expenseId, input.version, values);
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/finance/expenses?q=${encodeURIComponent(String(values.receiptNo ?? ""))}`);
}

export default function ExpensePage() {
  const { projectId, expense, partners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const heading = t("finance.expenses.editHeading", { receiptNo: expense.receiptNo });
  return (
    <>
      <div className="page-header">
        <h1>{heading}</h1>
        <Link to={`/projects/${projectId}/finance/expenses`}>{t("finance.expenses.backToList")}</Link>
      </div>
      <FinanceNav projectId={projectId} />
      {expense.claimId ? (
        <p className="alert alert-info">{t("finance.expenseClaimed")}</p>
      ) : (
        <>
          <ExpenseForm
            intent="update"
            heading={heading}
            partners={partners}
            values={expenseFormValues(actionData?.intent === "update" ? actionData.values : null, storedExpenseValues(expense))}
            fieldErrors={actionData?.intent === "update" ? actionData.fieldErrors : undefined}
            formErrors={actionData?.intent === "update" ? actionData.formErrors : undefined}
            hidden={{ version: String(expense.version) }}
          />
          <Form method="post" className="card danger-zone">
            {actionData?.intent === "delete" ? <FormErrors messages={actionData.formErrors.map((key) => t(key))} /> : null}
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button-danger">
              {t("finance.expenses.delete", { receiptNo: expense.receiptNo })}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
