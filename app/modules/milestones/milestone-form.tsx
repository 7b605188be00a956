// The milestone form (create and edit): one schema with the server (MilestoneSchema), accessible fields,
// values shown again after a server-side error.
import { Form, Link, useNavigation } from "@remix-run/react";
import { FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import { formatDate } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";
import { MILESTONE_FIELDS, MILESTONE_STATUSES, MilestoneCompleteSchema, MilestoneSchema } from "./schema";
import type { MilestoneOptions } from "./service.server";

export type MilestoneFormValues = Record<(typeof MILESTONE_FIELDS)[number], string>;

/** Form values of a stored milestone (or the empty form). */
export function milestoneFormValues(milestone?: {
  title: string;
  description: string | null;
  dueDate: Date | string;
  status: string;
  ownerUserId: string | null;
  actionFieldId: string | null;
  completedAt: Date | string | null;
  evidenceNote: string | null;
}): MilestoneFormValues {
  return {
    title: milestone?.title ?? "",
    description: milestone?.description ?? "",
    dueDate: milestone ? formatDate(milestone.dueDate, "de") : "",
    status: milestone?.status ?? "planned",
    ownerUserId: milestone?.ownerUserId ?? "",
    actionFieldId: milestone?.actionFieldId ?? "",
    completedAt: milestone?.completedAt ? formatDate(milestone.completedAt, "de") : "",
    evidenceNote: milestone?.evidenceNote ?? "",
  };
}

/** Values echoed by the server after an error, completed to the full field set. */
export function echoedMilestoneValues(values: Record<string, unknown> | undefined, fallback: MilestoneFormValues): MilestoneFormValues {
  if (!values) return fallback;
  return Object.fromEntries(MILESTONE_FIELDS.map((f) => [f, typeof values[f] === "string" ? (values[f] as string) : ""])) as MilestoneFormValues;
}

interface Props {
  intent: "create" | "update";
  values: MilestoneFormValues;
  options: MilestoneOptions;
  version?: number;
  fieldErrors?: FieldErrors | null;
  formErrors?: MessageKey[] | null;
  submitLabel: string;
  cancelTo: string;
}

export function MilestoneForm({ intent, values, options, version, fieldErrors, formErrors, submitLabel, cancelTo }: Props) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const form = useSchemaForm(MilestoneSchema, { defaultValues: values, serverErrors: fieldErrors });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} aria-label={submitLabel}>
      <input type="hidden" name="intent" value={intent} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <FormErrors messages={[...(formErrors ?? []).map((key) => t(key)), form.hasErrors() ? t("common.formHasErrors") : null]} />
      <FormField label={t("milestones.field.title")} name="title" error={form.error("title")}>
        <input {...form.register("title")} defaultValue={values.title} required maxLength={200} />
      </FormField>
      <FormField label={t("milestones.field.description")} name="description" error={form.error("description")} optional>
        <textarea {...form.register("description")} defaultValue={values.description} rows={3} />
      </FormField>
      <div className="field-row">
        <FormField label={t("milestones.field.dueDate")} name="dueDate" error={form.error("dueDate")} hint={t("steering.dateHint")}>
          <input {...form.register("dueDate")} defaultValue={values.dueDate} required inputMode="numeric" autoComplete="off" />
        </FormField>
        <FormField label={t("milestones.field.status")} name="status" error={form.error("status")}>
          <select {...form.register("status")} defaultValue={values.status}>
            {MILESTONE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`milestones.status.${status}` as MessageKey)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <div className="field-row">
        <FormField label={t("milestones.field.owner")} name="ownerUserId" error={form.error("ownerUserId")} optional>
          <select {...form.register("ownerUserId")} defaultValue={values.ownerUserId}>
            <option value="">{t("milestones.noOwner")}</option>
            {options.owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("milestones.field.actionField")} name="actionFieldId" error={form.error("actionFieldId")} optional>
          <select {...form.register("actionFieldId")} defaultValue={values.actionFieldId}>
            <option value="">{t("milestones.noActionField")}</option>
            {options.actionFields.map((field) => (
              <option key={field.id} value={field.id}>
                {field.code} {locale === "en" && field.nameEn ? field.nameEn : field.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <div className="field-row">
        <FormField label={t("milestones.field.completedAt")} name="completedAt" error={form.error("completedAt")} hint={t("milestones.hint.completedAt")} optional>
          <input {...form.register("completedAt")} defaultValue={values.completedAt} inputMode="numeric" autoComplete="off" />
        </FormField>
      </div>
      <FormField label={t("milestones.field.evidenceNote")} name="evidenceNote" error={form.error("evidenceNote")} hint={t("milestones.hint.evidenceNote")} optional>
        <textarea {...form.register("evidenceNote")} defaultValue={values.evidenceNote} rows={2} />
      </FormField>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}

/** "Mark as done": completion date pre-filled with today, optional evidence note. */
export function MilestoneCompleteForm({ version, values, fieldErrors, formErrors }: { version: number; values: { completedAt: string; evidenceNote: string }; fieldErrors?: FieldErrors | null; formErrors?: MessageKey[] | null }) {
  const t = useT();
  const navigation = useNavigation();
  const form = useSchemaForm(MilestoneCompleteSchema, { defaultValues: values, serverErrors: fieldErrors });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "complete";
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} aria-labelledby="complete-title">
      <input type="hidden" name="intent" value="complete" />
      <input type="hidden" name="version" value={version} />
      <FormErrors messages={(formErrors ?? []).map((key) => t(key))} />
      <p className="muted">{t("milestones.completeHint")}</p>
      <FormField label={t("milestones.field.completedAt")} name="completedAt" id="complete-completedAt" error={form.error("completedAt")} hint={t("steering.dateHint")}>
        <input {...form.register("completedAt")} defaultValue={values.completedAt} inputMode="numeric" autoComplete="off" />
      </FormField>
      <FormField label={t("milestones.field.evidenceNote")} name="evidenceNote" id="complete-evidenceNote" error={form.error("evidenceNote")} hint={t("milestones.hint.evidenceNote")} optional>
        <textarea {...form.register("evidenceNote")} defaultValue={values.evidenceNote} rows={2} />
      </FormField>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t("milestones.complete")}
        </button>
      </div>
    </Form>
  );
}
