// Receipt import from a bookkeeping export: upload → preview of every row with its problems → import all
// rows (one transaction) only when none has a problem.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, FormField } from "~/components/form-field";
import { checkExpenseRows, importExpenseRows, MAX_EXPENSE_IMPORT_BYTES, MAX_EXPENSE_IMPORT_ROWS, readExpenseFile, type ImportRow } from "~/modules/finance/import.server";
import { categoryLabel, FinanceNav } from "~/modules/finance/ui";
import { readFormData, validationFailure } from "~/utils/form.server";
import { translate, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { ValidationError } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  return { projectId: project.id, pageTitle: `${translate(user.locale, "finance.import.heading")} – ${project.code}` };
}

const RowsSchema = z
  .array(z.object({ date: z.string(), category: z.string(), payee: z.string(), purpose: z.string(), receiptNo: z.string(), amountCents: z.string(), paidAt: z.string(), partner: z.string() }))
  .min(1)
  .max(MAX_EXPENSE_IMPORT_ROWS);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  // why: refuse oversized uploads before reading the body (multipart overhead allowed for).
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_EXPENSE_IMPORT_BYTES + 64 * 1024) {
    return validationFailure(new ValidationError({ file: ["finance.import.tooLarge"] }), { intent: "preview" });
  }
  const formData = await readFormData(request, user.locale);
  const intent = formData.get("intent");
  try {
    if (intent === "import") {
      // why: the rows come back from the preview page, so every row is checked again on the server.
      let rows: z.output<typeof RowsSchema>;
      try {
        rows = RowsSchema.parse(JSON.parse(String(formData.get("rows") ?? "")));
      } catch {
        throw new ValidationError({}, ["finance.import.unreadable"]);
      }
      const result = await importExpenseRows(project.id, user.id, rows);
      return redirect(`/projects/${project.id}/finance/expenses?imported=${result.imported}`);
    }
    const file = formData.get("file");
    if (!file || typeof file === "string" || file.size === 0) throw new ValidationError({ file: ["validation.required"] });
    const rows = await readExpenseFile(file.name, new Uint8Array(await file.arrayBuffer()));
    const preview = await checkExpenseRows(project.id, rows);
    return { ok: true as const, preview };
  } catch (error) {
    return validationFailure(error, { intent: String(intent ?? "preview") });
  }
}

export default function ExpenseImportPage() {
  const { projectId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const preview: ImportRow[] | null = actionData?.ok === true ? actionData.preview : null;
  const failure = actionData?.ok === false ? actionData : null;
  const fileError = failure?.fieldErrors.file?.[0];
  const okCount = preview?.filter((r) => r.errors.length === 0).length ?? 0;
  return (
    <>
      <div className="page-header">
        <h1>{t("finance.import.heading")}</h1>
        <Link to={`/projects/${projectId}/finance/expenses`}>{t("finance.expenses.backToList")}</Link>
      </div>
      <FinanceNav projectId={projectId} />
      <FormErrors messages={(failure?.formErrors ?? []).map((key) => t(key))} />
      <Form method="post" encType="multipart/form-data" className="card">
        <p className="hint">{t("finance.import.hint")}</p>
        <input type="hidden" name="intent" value="preview" />
        <FormField label={t("finance.import.file")} name="file" error={fileError ? t(fileError) : undefined}>
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </FormField>
        <div className="form-actions">
          <button type="submit">{t("finance.import.preview")}</button>
        </div>
      </Form>
      {preview ? (
        <section aria-labelledby="import-preview-heading">
          <h2 id="import-preview-heading">{t("finance.import.previewHeading", { ok: okCount, count: preview.length })}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="import-preview-heading">
            <table data-testid="import-preview">
              <caption className="visually-hidden">{t("finance.import.previewHeading", { ok: okCount, count: preview.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("finance.import.line")}</th>
                  <th scope="col">{t("finance.expenses.date")}</th>
                  <th scope="col">{t("finance.expenses.category")}</th>
                  <th scope="col">{t("finance.expenses.payee")}</th>
                  <th scope="col">{t("finance.expenses.purpose")}</th>
                  <th scope="col">{t("finance.expenses.receiptNo")}</th>
                  <th scope="col" className="num">{t("finance.expenses.amount")}</th>
                  <th scope="col">{t("finance.import.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td>{row.values.date}</td>
                    <td>{(["staff", "fees", "material"] as string[]).includes(row.values.category) ? t(categoryLabel(row.values.category)) : row.values.category}</td>
                    <td>{row.values.payee}</td>
                    <td>{row.values.purpose}</td>
                    <td>{row.values.receiptNo}</td>
                    <td className="num">{row.values.amountCents.startsWith("ct:") ? (Number(row.values.amountCents.slice(3)) / 100).toFixed(2).replace(".", ",") : row.values.amountCents}</td>
                    <td>{row.errors.length ? <ul className="plain-list field-error">{row.errors.map((e, i) => <li key={i}>{t(e.message as MessageKey)}</li>)}</ul> : t("finance.import.ok")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {okCount === preview.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="rows" value={JSON.stringify(preview.map((r) => r.values))} />
              <button type="submit">{t("finance.import.confirm", { count: preview.length })}</button>
            </Form>
          ) : (
            <p className="alert alert-warning">{t("finance.import.fixFirst")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
