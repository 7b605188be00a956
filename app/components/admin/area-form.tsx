// The programme-area form, used by /admin/areas/new and /admin/areas/:areaId.
import { Form, useNavigation } from "@remix-run/react";
import { FormErrors, FormField, useSchemaForm, type FormFailure } from "~/components/form-field";
import { AreaInputSchema, FEDERAL_STATES, REGION_CATEGORIES } from "~/modules/areas/schema";
import { decimalInputValue } from "~/utils/form-values";
import { useT } from "~/utils/i18n";

export interface AreaFormData {
  name: string;
  municipality: string;
  federalState: string;
  regionCategory: string;
  sizeHectares: number | null;
  inhabitants: number | null;
  sgb2Rate: number | null;
  unemploymentRate: number | null;
  migrantShare: number | null;
  factsYear: number | null;
  factsSource: string | null;
}

const TEXT_FIELDS = ["name", "municipality", "federalState", "regionCategory", "factsSource"] as const;
const NUMBER_FIELDS = ["sizeHectares", "inhabitants", "sgb2Rate", "unemploymentRate", "migrantShare", "factsYear"] as const;

/** Form values: what the user typed after a refused submit, else the stored area (numbers German style). */
function formValues(area: AreaFormData | null, failed: FormFailure | null): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of TEXT_FIELDS) values[field] = area?.[field] ?? "";
  for (const field of NUMBER_FIELDS) values[field] = field === "inhabitants" || field === "factsYear" ? String(area?.[field] ?? "") : decimalInputValue(area?.[field]);
  if (failed) for (const [key, value] of Object.entries(failed.values)) values[key] = String(value);
  return values;
}

export function AreaForm({ area, failed, submitLabel }: { area: AreaFormData | null; failed: FormFailure | null; submitLabel: string }) {
  const t = useT();
  const navigation = useNavigation();
  const values = formValues(area, failed);
  const form = useSchemaForm(AreaInputSchema, { defaultValues: values, serverErrors: failed?.fieldErrors });
  const text = (name: (typeof TEXT_FIELDS)[number] | (typeof NUMBER_FIELDS)[number], inputMode?: "decimal" | "numeric") => (
    <input type="text" inputMode={inputMode} autoComplete="off" {...form.register(name)} defaultValue={values[name]} />
  );
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      <FormErrors messages={(failed?.formErrors ?? []).map((key) => t(key))} />
      {form.hasErrors() ? (
        <p className="field-error" role="alert">
          {t("common.formHasErrors")}
        </p>
      ) : null}
      <fieldset>
        <legend>{t("admin.areas.placeTitle")}</legend>
        <FormField label={t("admin.areas.name")} name="name" error={form.error("name")}>
          {text("name")}
        </FormField>
        <div className="field-row">
          <FormField label={t("admin.areas.municipality")} name="municipality" error={form.error("municipality")}>
            {text("municipality")}
          </FormField>
          <FormField label={t("admin.areas.federalState")} name="federalState" error={form.error("federalState")}>
            <select {...form.register("federalState")} defaultValue={values.federalState}>
              <option value="">{t("form.choose")}</option>
              {FEDERAL_STATES.map((state) => (
                <option key={state} value={state}>
                  {state}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <FormField label={t("admin.areas.regionCategory")} name="regionCategory" error={form.error("regionCategory")}>
          <select {...form.register("regionCategory")} defaultValue={values.regionCategory}>
            <option value="">{t("form.choose")}</option>
            {REGION_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`admin.region.${category}`)}
              </option>
            ))}
          </select>
        </FormField>
      </fieldset>
      <fieldset>
        <legend>{t("admin.areas.factsTitle")}</legend>
        <div className="field-row">
          <FormField label={t("admin.areas.sizeHectares")} name="sizeHectares" optional hint={t("admin.areas.decimalHint")} error={form.error("sizeHectares")}>
            {text("sizeHectares", "decimal")}
          </FormField>
          <FormField label={t("admin.areas.inhabitants")} name="inhabitants" optional error={form.error("inhabitants")}>
            {text("inhabitants", "numeric")}
          </FormField>
        </div>
        <div className="field-row">
          <FormField label={t("admin.areas.sgb2Rate")} name="sgb2Rate" optional hint={t("admin.areas.percentHint")} error={form.error("sgb2Rate")}>
            {text("sgb2Rate", "decimal")}
          </FormField>
          <FormField label={t("admin.areas.unemploymentRate")} name="unemploymentRate" optional hint={t("admin.areas.percentHint")} error={form.error("unemploymentRate")}>
            {text("unemploymentRate", "decimal")}
          </FormField>
          <FormField label={t("admin.areas.migrantShare")} name="migrantShare" optional hint={t("admin.areas.percentHint")} error={form.error("migrantShare")}>
            {text("migrantShare", "decimal")}
          </FormField>
        </div>
        <div className="field-row">
          <FormField label={t("admin.areas.factsYear")} name="factsYear" optional error={form.error("factsYear")}>
            {text("factsYear", "numeric")}
          </FormField>
          <FormField label={t("admin.areas.factsSource")} name="factsSource" optional hint={t("admin.areas.factsSourceHint")} error={form.error("factsSource")}>
            {text("factsSource")}
          </FormField>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
