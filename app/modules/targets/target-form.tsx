// Target forms (target; manual actual of a custom target): one schema each with the server, accessible
// fields, values shown again after a server-side error.
import { Form, Link, useNavigation } from "@remix-run/react";
import { FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import type { ConflictRow } from "~/components/version-conflict";
import { OUTPUT_INDICATORS, RESULT_INDICATORS } from "~/modules/participants/codes";
import { useLocale, useT, type Locale, type MessageKey, type Translate } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";
import { indicatorLabel } from "./labels";
import { BUILT_IN_INDICATORS, CUSTOM_INDICATOR, TARGET_ACTUAL_FIELDS, TARGET_FIELDS, TargetActualSchema, TargetSchema } from "./schema";

export type TargetFormValues = Record<(typeof TARGET_FIELDS)[number], string>;
export type TargetActualFormValues = Record<(typeof TARGET_ACTUAL_FIELDS)[number], string>;

/** Form values of a stored target (or the empty form); echoed values win after a server-side error. */
export function targetFormValues(
  target?: { indicator: string; customName: string | null; year: number | null; areaId: string | null; targetValue: number; note: string | null },
  echoed?: Record<string, unknown>,
): TargetFormValues {
  if (echoed) return Object.fromEntries(TARGET_FIELDS.map((f) => [f, typeof echoed[f] === "string" ? echoed[f] : ""])) as TargetFormValues;
  return {
    indicator: target?.indicator ?? "",
    customName: target?.customName ?? "",
    year: target?.year ? String(target.year) : "",
    areaId: target?.areaId ?? "",
    targetValue: target ? String(target.targetValue) : "",
    note: target?.note ?? "",
  };
}

export function targetActualFormValues(echoed?: Record<string, unknown>, date = ""): TargetActualFormValues {
  if (echoed) return Object.fromEntries(TARGET_ACTUAL_FIELDS.map((f) => [f, typeof echoed[f] === "string" ? echoed[f] : ""])) as TargetActualFormValues;
  return { date, value: "", note: "" };
}

const FIELD_LABEL_KEYS: Record<(typeof TARGET_FIELDS)[number], MessageKey> = {
  indicator: "targets.field.indicator",
  customName: "targets.field.customName",
  year: "targets.field.year",
  areaId: "targets.field.area",
  targetValue: "targets.field.targetValue",
  note: "targets.field.note",
};

/** Field name → label, for naming what a missed save changed. */
export function targetFieldLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(TARGET_FIELDS.map((field) => [field, t(FIELD_LABEL_KEYS[field])]));
}

/** The target fields a missed save changed, as the user typed them beside what is stored now (names, not codes). */
export function targetConflictRows(
  t: Translate,
  locale: Locale,
  fields: readonly string[],
  yours: TargetFormValues,
  current: TargetFormValues,
  areas: { id: string; name: string }[],
): ConflictRow[] {
  const shown = (field: (typeof TARGET_FIELDS)[number], values: TargetFormValues): string => {
    const value = values[field];
    if (field === "indicator") return value ? indicatorLabel(t, locale, value) : "";
    if (field === "year") return value || t("targets.wholeDuration");
    if (field === "areaId") return value ? (areas.find((area) => area.id === value)?.name ?? value) : t("targets.allAreas");
    return value;
  };
  return TARGET_FIELDS.filter((field) => fields.includes(field)).map((field) => ({
    field,
    label: t(FIELD_LABEL_KEYS[field]),
    yours: shown(field, yours),
    current: shown(field, current),
  }));
}

interface TargetFormProps {
  intent: "create" | "update";
  values: TargetFormValues;
  /** The version the editor read (edit only): sent back so a newer save by someone else is noticed. */
  version?: number;
  years: number[];
  areas: { id: string; name: string }[];
  fieldErrors?: FieldErrors | null;
  formErrors?: MessageKey[] | null;
  submitLabel: string;
  cancelTo: string;
}

export function TargetForm({ intent, values, version, years, areas, fieldErrors, formErrors, submitLabel, cancelTo }: TargetFormProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const form = useSchemaForm(TargetSchema, { defaultValues: values, serverErrors: fieldErrors });
  const option = (indicator: string) => (
    <option key={indicator} value={indicator}>
      {indicatorLabel(t, locale, indicator)}
    </option>
  );
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} aria-label={submitLabel}>
      <input type="hidden" name="intent" value={intent} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <FormErrors messages={[...(formErrors ?? []).map((key) => t(key)), form.hasErrors() ? t("common.formHasErrors") : null]} />
      <FormField label={t("targets.field.indicator")} name="indicator" error={form.error("indicator")} hint={t("targets.hint.indicator")}>
        <select {...form.register("indicator")} defaultValue={values.indicator} required>
          <option value="">{t("form.choose")}</option>
          <optgroup label={t("targets.group.esfOutputs")}>{OUTPUT_INDICATORS.map(option)}</optgroup>
          <optgroup label={t("targets.group.esfResults")}>{RESULT_INDICATORS.map(option)}</optgroup>
          <optgroup label={t("targets.group.builtIn")}>{[...BUILT_IN_INDICATORS, CUSTOM_INDICATOR].map(option)}</optgroup>
        </select>
      </FormField>
      <FormField label={t("targets.field.customName")} name="customName" error={form.error("customName")} hint={t("targets.hint.customName")} optional>
        <input {...form.register("customName")} defaultValue={values.customName} maxLength={200} />
      </FormField>
      <div className="field-row">
        <FormField label={t("targets.field.year")} name="year" error={form.error("year")} hint={t("targets.hint.year")} optional>
          <select {...form.register("year")} defaultValue={values.year}>
            <option value="">{t("targets.wholeDuration")}</option>
            {years.map((year) => (
              <option key={year} value={String(year)}>
                {year}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("targets.field.area")} name="areaId" error={form.error("areaId")} hint={t("targets.hint.area")} optional>
          <select {...form.register("areaId")} defaultValue={values.areaId}>
            <option value="">{t("targets.allAreas")}</option>
            {areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("targets.field.targetValue")} name="targetValue" error={form.error("targetValue")}>
          <input {...form.register("targetValue")} defaultValue={values.targetValue} inputMode="numeric" required />
        </FormField>
      </div>
      <FormField label={t("targets.field.note")} name="note" error={form.error("note")} optional>
        <textarea {...form.register("note")} defaultValue={values.note} rows={2} />
      </FormField>
      <div className="form-actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}

interface ActualFormProps {
  values: TargetActualFormValues;
  fieldErrors?: FieldErrors | null;
  formErrors?: MessageKey[] | null;
}

/** Entering an actual of a custom target. */
export function TargetActualForm({ values, fieldErrors, formErrors }: ActualFormProps) {
  const t = useT();
  const form = useSchemaForm(TargetActualSchema, { defaultValues: values, serverErrors: fieldErrors });
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} aria-label={t("targets.actuals.addTitle")}>
      <input type="hidden" name="intent" value="addActual" />
      <FormErrors messages={(formErrors ?? []).map((key) => t(key))} />
      <div className="field-row">
        <FormField label={t("targets.actuals.date")} name="date" id="actual-date" error={form.error("date")} hint={t("steering.dateHint")}>
          <input {...form.register("date")} defaultValue={values.date} required inputMode="numeric" autoComplete="off" />
        </FormField>
        <FormField label={t("targets.actuals.value")} name="value" id="actual-value" error={form.error("value")}>
          <input {...form.register("value")} defaultValue={values.value} inputMode="numeric" required />
        </FormField>
      </div>
      <FormField label={t("targets.actuals.note")} name="note" id="actual-note" error={form.error("note")} optional>
        <input {...form.register("note")} defaultValue={values.note} maxLength={500} />
      </FormField>
      <div className="form-actions">
        <button type="submit">{t("targets.actuals.add")}</button>
      </div>
    </Form>
  );
}
