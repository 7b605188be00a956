// The action-field form, used on /admin/action-fields (create) and /admin/action-fields/:id (edit).
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField, FormErrors, FormField, useSchemaForm, type FormFailure } from "~/components/form-field";
import { ActionFieldInputSchema } from "~/modules/projects/schema";
import { useT } from "~/utils/i18n";

export interface ActionFieldFormData {
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  sortOrder: number;
  active: boolean;
}

export function ActionFieldForm({ field, failed, submitLabel, intent }: { field: ActionFieldFormData | null; failed: FormFailure | null; submitLabel: string; intent?: string }) {
  const t = useT();
  const navigation = useNavigation();
  const echo = failed?.values;
  const values = {
    code: String(echo?.code ?? field?.code ?? ""),
    name: String(echo?.name ?? field?.name ?? ""),
    nameEn: String(echo?.nameEn ?? field?.nameEn ?? ""),
    description: String(echo?.description ?? field?.description ?? ""),
    sortOrder: String(echo?.sortOrder ?? field?.sortOrder ?? "0"),
    active: echo ? echo.active === "on" : field?.active ?? true,
  };
  const form = useSchemaForm(ActionFieldInputSchema, { defaultValues: values, serverErrors: failed?.fieldErrors });
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormErrors messages={(failed?.formErrors ?? []).map((key) => t(key))} />
      {form.hasErrors() ? (
        <p className="field-error" role="alert">
          {t("common.formHasErrors")}
        </p>
      ) : null}
      <div className="field-row">
        <FormField label={t("admin.actionFields.code")} name="code" hint={t("admin.actionFields.codeHint")} error={form.error("code")}>
          <input type="text" autoComplete="off" {...form.register("code")} defaultValue={values.code} />
        </FormField>
        <FormField label={t("admin.actionFields.sortOrder")} name="sortOrder" hint={t("admin.actionFields.sortOrderHint")} error={form.error("sortOrder")}>
          <input type="text" inputMode="numeric" autoComplete="off" {...form.register("sortOrder")} defaultValue={values.sortOrder} />
        </FormField>
      </div>
      <FormField label={t("admin.actionFields.name")} name="name" error={form.error("name")}>
        <input type="text" autoComplete="off" {...form.register("name")} defaultValue={values.name} />
      </FormField>
      <FormField label={t("admin.actionFields.nameEn")} name="nameEn" optional error={form.error("nameEn")}>
        <input type="text" autoComplete="off" lang="en" {...form.register("nameEn")} defaultValue={values.nameEn} />
      </FormField>
      <FormField label={t("admin.actionFields.description")} name="description" optional error={form.error("description")}>
        <textarea rows={3} {...form.register("description")} defaultValue={values.description} />
      </FormField>
      <CheckboxField label={t("admin.actionFields.active")} name="active" error={form.error("active")}>
        <input type="checkbox" {...form.register("active")} defaultChecked={values.active} />
      </CheckboxField>
      <div className="form-actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
