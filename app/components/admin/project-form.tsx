// The project form (grant-notice facts, areas, action fields), used by /admin/projects/new and
// /admin/projects/:projectId. Percentages are typed as percent ("12,5"), money as "1.234,56".
import { Form, Link, useNavigation } from "@remix-run/react";
import { FieldGroup, FormErrors, FormField, useSchemaForm, type FormFailure } from "~/components/form-field";
import { FLAT_RATE_MODELS, PROJECT_STATUSES, ProjectInputSchema } from "~/modules/projects/schema";
import { isoDate, parseDate } from "~/utils/format";
import { moneyInputValue, percentInputValue } from "~/utils/form-values";
import { useLocale, useT } from "~/utils/i18n";

export const PROJECT_LIST_FIELDS = ["areaIds", "coreAreaIds", "actionFieldIds"] as const;

export interface ProjectFormData {
  code: string;
  title: string;
  description: string | null;
  sponsor: string | null;
  fundingRound: string | null;
  startDate: Date | string;
  endDate: Date | string;
  status: string;
  flatRateModel: string;
  flatRateBp: number;
  annualHours: number;
  maxFundingRateBp: number;
  eligibleCostCents: number | null;
  retentionYears: number;
  finalStatementDate: Date | string | null;
  areaIds: string[];
  coreAreaIds: string[];
  actionFieldIds: string[];
}

export interface ProjectFormOptions {
  areas: { id: string; name: string; municipality: string }[];
  actionFields: { id: string; code: string; name: string; nameEn: string | null; active: boolean }[];
}

type Values = Record<string, string | string[]>;

const NEW_PROJECT: Values = {
  code: "", title: "", description: "", sponsor: "", fundingRound: "", startDate: "", endDate: "", status: "active",
  flatRateModel: "none", flatRateBp: "0", annualHours: "1720", maxFundingRateBp: "90", eligibleCostCents: "", retentionYears: "5",
  finalStatementDate: "", areaIds: [], coreAreaIds: [], actionFieldIds: [],
};

function formValues(project: ProjectFormData | null, failed: FormFailure | null): Values {
  const values: Values = project
    ? {
        code: project.code,
        title: project.title,
        description: project.description ?? "",
        sponsor: project.sponsor ?? "",
        fundingRound: project.fundingRound ?? "",
        startDate: isoDate(project.startDate),
        endDate: isoDate(project.endDate),
        status: project.status,
        flatRateModel: project.flatRateModel,
        flatRateBp: percentInputValue(project.flatRateBp),
        annualHours: String(project.annualHours),
        maxFundingRateBp: percentInputValue(project.maxFundingRateBp),
        eligibleCostCents: moneyInputValue(project.eligibleCostCents),
        retentionYears: String(project.retentionYears),
        finalStatementDate: isoDate(project.finalStatementDate),
        areaIds: project.areaIds,
        coreAreaIds: project.coreAreaIds,
        actionFieldIds: project.actionFieldIds,
      }
    : { ...NEW_PROJECT };
  if (!failed) return values;
  const merged = { ...values, ...failed.values };
  // Date inputs only show ISO dates; a typed TT.MM.JJJJ (forms without a date picker) is shown converted.
  for (const key of ["startDate", "endDate", "finalStatementDate"]) {
    const date = parseDate(String(merged[key] ?? ""));
    if (date) merged[key] = isoDate(date);
  }
  return merged;
}

export function ProjectForm({ project, options, failed, submitLabel }: { project: ProjectFormData | null; options: ProjectFormOptions; failed: FormFailure | null; submitLabel: string }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const values = formValues(project, failed);
  const text = (name: string) => String(values[name] ?? "");
  const list = (name: string) => (Array.isArray(values[name]) ? (values[name] as string[]) : values[name] ? [String(values[name])] : []);
  const form = useSchemaForm(ProjectInputSchema, { defaultValues: values, serverErrors: failed?.fieldErrors });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  return (
    <Form method="post" className="stack" style={{ maxWidth: "56rem" }} noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="update" />
      <FormErrors messages={(failed?.formErrors ?? []).map((key) => t(key))} />
      {form.hasErrors() ? (
        <p className="field-error" role="alert">
          {t("common.formHasErrors")}
        </p>
      ) : null}

      <fieldset>
        <legend>{t("admin.projects.basicsTitle")}</legend>
        <div className="field-row">
          <FormField label={t("admin.projects.code")} name="code" hint={t("admin.projects.codeHint")} error={form.error("code")}>
            <input type="text" autoComplete="off" spellCheck={false} style={{ textTransform: "uppercase" }} {...form.register("code")} defaultValue={text("code")} />
          </FormField>
          <FormField label={t("admin.projects.status")} name="status" error={form.error("status")}>
            <select {...form.register("status")} defaultValue={text("status")}>
              {PROJECT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`project.status.${status}`)}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <FormField label={t("admin.projects.titleLabel")} name="title" error={form.error("title")}>
          <input type="text" autoComplete="off" {...form.register("title")} defaultValue={text("title")} />
        </FormField>
        <div className="field-row">
          <FormField label={t("admin.projects.sponsor")} name="sponsor" optional error={form.error("sponsor")}>
            <input type="text" autoComplete="off" {...form.register("sponsor")} defaultValue={text("sponsor")} />
          </FormField>
          <FormField label={t("admin.projects.fundingRound")} name="fundingRound" optional hint={t("admin.projects.fundingRoundHint")} error={form.error("fundingRound")}>
            <input type="text" autoComplete="off" {...form.register("fundingRound")} defaultValue={text("fundingRound")} />
          </FormField>
        </div>
        <div className="field-row">
          <FormField label={t("admin.projects.startDate")} name="startDate" error={form.error("startDate")}>
            <input type="date" {...form.register("startDate")} defaultValue={text("startDate")} />
          </FormField>
          <FormField label={t("admin.projects.endDate")} name="endDate" error={form.error("endDate")}>
            <input type="date" {...form.register("endDate")} defaultValue={text("endDate")} />
          </FormField>
        </div>
        <FormField label={t("admin.projects.description")} name="description" optional error={form.error("description")}>
          <textarea rows={3} {...form.register("description")} defaultValue={text("description")} />
        </FormField>
      </fieldset>

      <fieldset>
        <legend>{t("admin.projects.fundingTitle")}</legend>
        <FormField label={t("admin.projects.flatRateModel")} name="flatRateModel" error={form.error("flatRateModel")}>
          <select {...form.register("flatRateModel")} defaultValue={text("flatRateModel")}>
            {FLAT_RATE_MODELS.map((model) => (
              <option key={model} value={model}>
                {t(`admin.projects.flatRate.${model}`)}
              </option>
            ))}
          </select>
        </FormField>
        <div className="field-row">
          <FormField label={t("admin.projects.flatRateBp")} name="flatRateBp" hint={t("admin.projects.flatRateBpHint")} error={form.error("flatRateBp")}>
            <input type="text" inputMode="decimal" autoComplete="off" {...form.register("flatRateBp")} defaultValue={text("flatRateBp")} />
          </FormField>
          <FormField label={t("admin.projects.maxFundingRateBp")} name="maxFundingRateBp" hint={t("admin.projects.maxFundingRateBpHint")} error={form.error("maxFundingRateBp")}>
            <input type="text" inputMode="decimal" autoComplete="off" {...form.register("maxFundingRateBp")} defaultValue={text("maxFundingRateBp")} />
          </FormField>
        </div>
        <div className="field-row">
          <FormField label={t("admin.projects.eligibleCost")} name="eligibleCostCents" optional hint={t("admin.projects.eligibleCostHint")} error={form.error("eligibleCostCents")}>
            <input type="text" inputMode="decimal" autoComplete="off" {...form.register("eligibleCostCents")} defaultValue={text("eligibleCostCents")} />
          </FormField>
          <FormField label={t("admin.projects.annualHours")} name="annualHours" hint={t("admin.projects.annualHoursHint")} error={form.error("annualHours")}>
            <input type="text" inputMode="numeric" autoComplete="off" {...form.register("annualHours")} defaultValue={text("annualHours")} />
          </FormField>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("admin.projects.retentionTitle")}</legend>
        <div className="field-row">
          <FormField label={t("admin.projects.retentionYears")} name="retentionYears" hint={t("admin.projects.retentionYearsHint")} error={form.error("retentionYears")}>
            <input type="text" inputMode="numeric" autoComplete="off" {...form.register("retentionYears")} defaultValue={text("retentionYears")} />
          </FormField>
          <FormField label={t("admin.projects.finalStatementDate")} name="finalStatementDate" optional error={form.error("finalStatementDate")}>
            <input type="date" {...form.register("finalStatementDate")} defaultValue={text("finalStatementDate")} />
          </FormField>
        </div>
      </fieldset>

      <FieldGroup legend={t("admin.projects.areasTitle")} name="areaIds" hint={t("admin.projects.areasHint")} error={form.error("areaIds")}>
        {options.areas.length === 0 ? (
          <p className="muted">{t("admin.projects.areasEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.projects.colArea")}</th>
                  <th scope="col">{t("admin.projects.colAssigned")}</th>
                  <th scope="col">{t("admin.projects.colCore")}</th>
                </tr>
              </thead>
              <tbody>
                {options.areas.map((area) => {
                  const label = `${area.name} (${area.municipality})`;
                  return (
                    <tr key={area.id}>
                      <td>{label}</td>
                      <td>
                        <input type="checkbox" value={area.id} aria-label={t("admin.projects.areaAssigned", { name: label })} {...form.register("areaIds")} defaultChecked={list("areaIds").includes(area.id)} />
                      </td>
                      <td>
                        <input type="checkbox" value={area.id} aria-label={t("admin.projects.areaCore", { name: label })} {...form.register("coreAreaIds")} defaultChecked={list("coreAreaIds").includes(area.id)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to="/admin/areas">{t("admin.projects.manageAreas")}</Link>
        </p>
      </FieldGroup>

      <FieldGroup legend={t("admin.projects.actionFieldsTitle")} name="actionFieldIds" error={form.error("actionFieldIds")}>
        {options.actionFields.length === 0 ? (
          <p className="muted">{t("admin.projects.actionFieldsEmpty")}</p>
        ) : (
          options.actionFields.map((field) => (
            <label key={field.id} className="checkbox">
              <input type="checkbox" value={field.id} {...form.register("actionFieldIds")} defaultChecked={list("actionFieldIds").includes(field.id)} />
              <span>
                <strong>{field.code}</strong> {locale === "en" && field.nameEn ? field.nameEn : field.name}
                {field.active ? null : <span className="muted"> {t("admin.projects.inactiveSuffix")}</span>}
              </span>
            </label>
          ))
        )}
      </FieldGroup>

      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
