// The receipt form (new receipt on the list page, edit page): the main fields first in Tab order
// (date, category, payee, purpose, receipt number, amount — Enter saves), then partner, payment date and
// staff-cost details. Same zod schema as the service.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import { moneyInputValue } from "~/utils/form-values";
import { formatDate } from "~/utils/format";
import { useT, type MessageKey } from "~/utils/i18n";
import { DIRECT_CATEGORIES } from "./money";
import { ExpenseSchema, EXPENSE_FIELDS } from "./schema";
import { categoryLabel } from "./ui";

export type ExpenseFormValues = Record<(typeof EXPENSE_FIELDS)[number], string>;

/** Form values: what the user sent back (after an error) over `base` (kept or stored values) over empty. */
export function expenseFormValues(echoed: Record<string, string | string[]> | undefined | null, base: Partial<ExpenseFormValues> = {}): ExpenseFormValues {
  return Object.fromEntries(EXPENSE_FIELDS.map((name) => [name, String(echoed?.[name] ?? base[name] ?? "")])) as ExpenseFormValues;
}

/** A stored receipt as form values (dates TT.MM.JJJJ, amount 1.234,56, hours with comma). */
export function storedExpenseValues(expense: {
  date: Date | string;
  category: string;
  partnerId: string | null;
  payee: string;
  purpose: string;
  receiptNo: string;
  amountCents: number;
  paidAt: Date | string | null;
  staffPerson: string | null;
  staffMonth: string | null;
  staffMinutes: number | null;
}): ExpenseFormValues {
  return {
    date: formatDate(expense.date),
    category: expense.category,
    partnerId: expense.partnerId ?? "",
    payee: expense.payee,
    purpose: expense.purpose,
    receiptNo: expense.receiptNo,
    amountCents: moneyInputValue(expense.amountCents),
    paidAt: formatDate(expense.paidAt),
    staffPerson: expense.staffPerson ?? "",
    staffMonth: expense.staffMonth ? `${expense.staffMonth.slice(5)}.${expense.staffMonth.slice(0, 4)}` : "",
    staffHours: expense.staffMinutes === null ? "" : String(Math.round((expense.staffMinutes / 60) * 100) / 100).replace(".", ","),
  };
}

export function ExpenseForm({
  intent,
  heading,
  hint,
  partners,
  values,
  focusPayee,
  fieldErrors,
  formErrors,
  hidden,
  actions,
}: {
  intent: string;
  heading: string;
  hint?: string;
  partners: { id: string; name: string }[];
  values: ExpenseFormValues;
  focusPayee?: boolean;
  fieldErrors?: Record<string, MessageKey[]>;
  formErrors?: MessageKey[];
  hidden?: Record<string, string>;
  actions?: ReactNode;
}) {
  const t = useT();
  const form = useSchemaForm(ExpenseSchema, { defaultValues: values, serverErrors: fieldErrors });
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="card" aria-labelledby="expense-form-heading" data-testid="expense-entry">
      <h2 id="expense-form-heading">{heading}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      <FormErrors messages={(formErrors ?? []).map((key) => t(key))} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field-row">
        <FormField label={t("finance.expenses.date")} name="date" error={form.error("date")}>
          <input {...form.register("date")} defaultValue={values.date} inputMode="numeric" autoComplete="off" />
        </FormField>
        <FormField label={t("finance.expenses.category")} name="category" error={form.error("category")}>
          <select {...form.register("category")} defaultValue={values.category}>
            {DIRECT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(categoryLabel(category))}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("finance.expenses.payee")} name="payee" error={form.error("payee")}>
          <input {...form.register("payee")} defaultValue={values.payee} autoFocus={focusPayee} autoComplete="off" />
        </FormField>
        <FormField label={t("finance.expenses.purpose")} name="purpose" error={form.error("purpose")}>
          <input {...form.register("purpose")} defaultValue={values.purpose} autoComplete="off" />
        </FormField>
        <FormField label={t("finance.expenses.receiptNo")} name="receiptNo" error={form.error("receiptNo")}>
          <input {...form.register("receiptNo")} defaultValue={values.receiptNo} autoComplete="off" />
        </FormField>
        <FormField label={t("finance.expenses.amount")} name="amountCents" error={form.error("amountCents")}>
          <input {...form.register("amountCents")} defaultValue={values.amountCents} inputMode="decimal" autoComplete="off" />
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit">{t("finance.expenses.save")}</button>
        {actions}
      </div>
      <div className="field-row">
        <FormField label={t("finance.expenses.partner")} name="partnerId" optional error={form.error("partnerId")}>
          <select {...form.register("partnerId")} defaultValue={values.partnerId}>
            <option value="">{t("finance.expenses.noPartner")}</option>
            {partners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("finance.expenses.paidAt")} name="paidAt" optional error={form.error("paidAt")}>
          <input {...form.register("paidAt")} defaultValue={values.paidAt} inputMode="numeric" autoComplete="off" />
        </FormField>
      </div>
      <fieldset>
        <legend>{t("finance.expenses.staffDetails")}</legend>
        <div className="field-row">
          <FormField label={t("finance.expenses.staffPerson")} name="staffPerson" optional error={form.error("staffPerson")}>
            <input {...form.register("staffPerson")} defaultValue={values.staffPerson} autoComplete="off" />
          </FormField>
          <FormField label={t("finance.expenses.staffMonth")} name="staffMonth" optional error={form.error("staffMonth")}>
            <input {...form.register("staffMonth")} defaultValue={values.staffMonth} autoComplete="off" />
          </FormField>
          <FormField label={t("finance.expenses.staffHours")} name="staffHours" optional error={form.error("staffHours")}>
            <input {...form.register("staffHours")} defaultValue={values.staffHours} inputMode="decimal" autoComplete="off" />
          </FormField>
        </div>
      </fieldset>
    </Form>
  );
}
