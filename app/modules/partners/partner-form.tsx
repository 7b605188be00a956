// Partner forms (organisation; contact person): one schema each with the server, accessible fields,
// values shown again after a server-side error.
import { Form, Link, useNavigation } from "@remix-run/react";
import { CheckboxField, FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import type { ConflictRow } from "~/components/version-conflict";
import { formatDate } from "~/utils/format";
import { useT, type MessageKey, type Translate } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";
import { PARTNER_CONTACT_FIELDS, PARTNER_FIELDS, PARTNER_TYPES, PartnerContactSchema, PartnerSchema } from "./schema";

export type PartnerFormValues = Record<Exclude<(typeof PARTNER_FIELDS)[number], "hasBudget">, string> & { hasBudget: boolean };
export type PartnerContactFormValues = Record<(typeof PARTNER_CONTACT_FIELDS)[number], string>;

type StoredPartner = {
  name: string;
  type: string;
  hasBudget: boolean;
  roleInProject: string | null;
  agreementType: string | null;
  agreementDate: Date | string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  website: string | null;
  notes: string | null;
};

/** Form values of a stored partner (or the empty form). */
export function partnerFormValues(partner?: StoredPartner): PartnerFormValues {
  return {
    name: partner?.name ?? "",
    type: partner?.type ?? "",
    hasBudget: partner?.hasBudget ?? false,
    roleInProject: partner?.roleInProject ?? "",
    agreementType: partner?.agreementType ?? "",
    agreementDate: partner?.agreementDate ? formatDate(partner.agreementDate, "de") : "",
    street: partner?.street ?? "",
    postcode: partner?.postcode ?? "",
    city: partner?.city ?? "",
    website: partner?.website ?? "",
    notes: partner?.notes ?? "",
  };
}

/** Values echoed by the server after an error (an unticked checkbox is simply absent). */
export function echoedPartnerValues(values: Record<string, unknown> | undefined, fallback: PartnerFormValues): PartnerFormValues {
  if (!values) return fallback;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return {
    ...(Object.fromEntries(PARTNER_FIELDS.filter((f) => f !== "hasBudget").map((f) => [f, text(f)])) as Omit<PartnerFormValues, "hasBudget">),
    hasBudget: ["on", "true", "1"].includes(text("hasBudget")),
  };
}

export function contactFormValues(contact?: { name: string; function: string | null; email: string | null; phone: string | null }, echoed?: Record<string, unknown>): PartnerContactFormValues {
  if (echoed) return Object.fromEntries(PARTNER_CONTACT_FIELDS.map((f) => [f, typeof echoed[f] === "string" ? echoed[f] : ""])) as PartnerContactFormValues;
  return { name: contact?.name ?? "", function: contact?.function ?? "", email: contact?.email ?? "", phone: contact?.phone ?? "" };
}

/** Field name → label, for naming what a missed save changed. */
export function partnerFieldLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(PARTNER_FIELDS.map((field) => [field, t(`partners.field.${field}` as MessageKey)]));
}

/** The partner fields a missed save changed, as the user typed them beside what is stored now (labels, not codes). */
export function partnerConflictRows(t: Translate, fields: readonly string[], yours: PartnerFormValues, current: PartnerFormValues): ConflictRow[] {
  const shown = (field: (typeof PARTNER_FIELDS)[number], values: PartnerFormValues): string => {
    if (field === "hasBudget") return t(values.hasBudget ? "common.yes" : "common.no");
    const value = values[field];
    if (field === "type" && value) return t(`partners.type.${value}` as MessageKey);
    return value;
  };
  return PARTNER_FIELDS.filter((field) => fields.includes(field)).map((field) => ({
    field,
    label: t(`partners.field.${field}` as MessageKey),
    yours: shown(field, yours),
    current: shown(field, current),
  }));
}

interface PartnerFormProps {
  values: PartnerFormValues;
  /** The version the editor read (edit only): sent back so a newer save by someone else is noticed. */
  version?: number;
  fieldErrors?: FieldErrors | null;
  formErrors?: MessageKey[] | null;
  submitLabel: string;
  cancelTo: string;
}

export function PartnerForm({ values, version, fieldErrors, formErrors, submitLabel, cancelTo }: PartnerFormProps) {
  const t = useT();
  const navigation = useNavigation();
  const form = useSchemaForm(PartnerSchema, { defaultValues: values, serverErrors: fieldErrors });
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} aria-label={submitLabel}>
      <input type="hidden" name="intent" value="save" />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <FormErrors messages={[...(formErrors ?? []).map((key) => t(key)), form.hasErrors() ? t("common.formHasErrors") : null]} />
      <FormField label={t("partners.field.name")} name="name" error={form.error("name")}>
        <input {...form.register("name")} defaultValue={values.name} required maxLength={200} autoComplete="organization" />
      </FormField>
      <div className="field-row">
        <FormField label={t("partners.field.type")} name="type" error={form.error("type")}>
          <select {...form.register("type")} defaultValue={values.type} required>
            <option value="">{t("form.choose")}</option>
            {PARTNER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`partners.type.${type}` as MessageKey)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <CheckboxField label={t("partners.field.hasBudget")} name="hasBudget" error={form.error("hasBudget")} hint={t("partners.hint.hasBudget")}>
        <input type="checkbox" {...form.register("hasBudget")} defaultChecked={values.hasBudget} />
      </CheckboxField>
      <FormField label={t("partners.field.roleInProject")} name="roleInProject" error={form.error("roleInProject")} optional>
        <textarea {...form.register("roleInProject")} defaultValue={values.roleInProject} rows={3} />
      </FormField>
      <div className="field-row">
        <FormField label={t("partners.field.agreementType")} name="agreementType" error={form.error("agreementType")} hint={t("partners.hint.agreementType")} optional>
          <input {...form.register("agreementType")} defaultValue={values.agreementType} maxLength={120} />
        </FormField>
        <FormField label={t("partners.field.agreementDate")} name="agreementDate" error={form.error("agreementDate")} hint={t("steering.dateHint")} optional>
          <input {...form.register("agreementDate")} defaultValue={values.agreementDate} inputMode="numeric" autoComplete="off" />
        </FormField>
      </div>
      <FormField label={t("partners.field.street")} name="street" error={form.error("street")} optional>
        <input {...form.register("street")} defaultValue={values.street} autoComplete="street-address" />
      </FormField>
      <div className="field-row">
        <FormField label={t("partners.field.postcode")} name="postcode" error={form.error("postcode")} optional>
          <input {...form.register("postcode")} defaultValue={values.postcode} inputMode="numeric" autoComplete="postal-code" maxLength={10} />
        </FormField>
        <FormField label={t("partners.field.city")} name="city" error={form.error("city")} optional>
          <input {...form.register("city")} defaultValue={values.city} autoComplete="address-level2" />
        </FormField>
      </div>
      <FormField label={t("partners.field.website")} name="website" error={form.error("website")} hint={t("partners.hint.website")} optional>
        <input type="url" {...form.register("website")} defaultValue={values.website} />
      </FormField>
      <FormField label={t("partners.field.notes")} name="notes" error={form.error("notes")} optional>
        <textarea {...form.register("notes")} defaultValue={values.notes} rows={3} />
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

interface ContactFormProps {
  /** "addContact" for a new person, "updateContact" with the contact's id for an edit. */
  intent: "addContact" | "updateContact";
  contactId?: string;
  values: PartnerContactFormValues;
  fieldErrors?: FieldErrors | null;
  submitLabel: string;
  /** Prefix for the control ids, so several contact forms can share a page. */
  idPrefix: string;
}

export function PartnerContactForm({ intent, contactId, values, fieldErrors, submitLabel, idPrefix }: ContactFormProps) {
  const t = useT();
  const form = useSchemaForm(PartnerContactSchema, { defaultValues: values, serverErrors: fieldErrors });
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit} aria-label={submitLabel}>
      <input type="hidden" name="intent" value={intent} />
      {contactId ? <input type="hidden" name="contactId" value={contactId} /> : null}
      <div className="field-row">
        <FormField label={t("partners.contact.name")} name="name" id={`${idPrefix}-name`} error={form.error("name")}>
          <input {...form.register("name")} defaultValue={values.name} required maxLength={200} />
        </FormField>
        <FormField label={t("partners.contact.function")} name="function" id={`${idPrefix}-function`} error={form.error("function")} optional>
          <input {...form.register("function")} defaultValue={values.function} maxLength={200} />
        </FormField>
      </div>
      <div className="field-row">
        <FormField label={t("partners.contact.email")} name="email" id={`${idPrefix}-email`} error={form.error("email")} optional>
          <input type="email" {...form.register("email")} defaultValue={values.email} />
        </FormField>
        <FormField label={t("partners.contact.phone")} name="phone" id={`${idPrefix}-phone`} error={form.error("phone")} optional>
          <input type="tel" {...form.register("phone")} defaultValue={values.phone} />
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
