// The organisation form (register and edit). The shared zod schema checks it in the browser before
// sending; the server checks again, and on an error everything typed comes back.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CheckboxField, ErrorSummary, Field } from "~/modules/activities/form-ui";
import { parseParts } from "~/modules/activities/schema";
import { useT, type MessageKey } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";
import { ORGANISATION_FORM_FIELDS, organisationSchema, readForm, SIZE_CLASSES, type OrganisationFormValues } from "./schema";

const LABELS: Record<(typeof ORGANISATION_FORM_FIELDS)[number], MessageKey> = {
  name: "organisations.field.name",
  kind: "organisations.field.kind",
  sector: "organisations.field.sector",
  sizeClass: "organisations.field.sizeClass",
  socialEnterprise: "organisations.field.socialEnterprise",
  cooperative: "organisations.field.cooperative",
  soloSelfEmployed: "organisations.field.soloSelfEmployed",
  street: "organisations.field.street",
  postcode: "organisations.field.postcode",
  city: "organisations.field.city",
  areaId: "organisations.field.area",
  contactName: "organisations.field.contactName",
  contactEmail: "organisations.field.contactEmail",
  contactPhone: "organisations.field.contactPhone",
  notes: "organisations.field.notes",
};

interface Props {
  values: OrganisationFormValues;
  areas: { id: string; name: string }[];
  fieldErrors?: FieldErrors;
  formError?: MessageKey | null;
  version?: number;
  submitLabel: string;
  intent?: string;
}

export function OrganisationForm({ values, areas, fieldErrors, formError, version, submitLabel, intent }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const [kind, setKind] = useState(values.kind || "business");
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = clientErrors ?? fieldErrors;
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, v]) => [k, t(v)]));

  useEffect(() => {
    if (fieldErrors || formError) summaryRef.current?.focus();
  }, [fieldErrors, formError]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const raw = readForm(new FormData(event.currentTarget), ORGANISATION_FORM_FIELDS);
    const result = parseParts({ organisation: [organisationSchema, raw] });
    if (!result.ok) {
      event.preventDefault();
      setClientErrors(result.fieldErrors);
      requestAnimationFrame(() => summaryRef.current?.focus());
    } else setClientErrors(null);
  }

  return (
    <Form method="post" className="stack organisation-form" noValidate onSubmit={onSubmit}>
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <ErrorSummary errors={errors} labels={labels} formError={formError} summaryRef={summaryRef} />
      <fieldset>
        <legend>{t("organisations.fieldset.organisation")}</legend>
        <Field name="name" label={t(LABELS.name)} errors={errors}>
          {(props) => <input {...props} type="text" defaultValue={values.name} maxLength={200} required />}
        </Field>
        <div className="field-row">
          <Field name="kind" label={t(LABELS.kind)} errors={errors}>
            {(props) => (
              <select {...props} value={kind} onChange={(event) => setKind(event.target.value)}>
                <option value="business">{t("organisations.kind.business")}</option>
                <option value="public_body">{t("organisations.kind.public_body")}</option>
              </select>
            )}
          </Field>
          {kind === "business" ? (
            <Field name="sizeClass" label={t(LABELS.sizeClass)} hint={t("organisations.field.sizeClassHint")} errors={errors}>
              {(props) => (
                <select {...props} defaultValue={values.sizeClass} required>
                  <option value="">{t("activities.field.choose")}</option>
                  {SIZE_CLASSES.map((size) => (
                    <option key={size} value={size}>
                      {t(`organisations.size.${size}` as MessageKey)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field name="sector" label={t(LABELS.sector)} errors={errors}>
            {(props) => <input {...props} type="text" defaultValue={values.sector} maxLength={120} />}
          </Field>
        </div>
        {kind === "business" ? (
          <div className="field-row">
            <CheckboxField name="socialEnterprise" label={t(LABELS.socialEnterprise)} defaultChecked={values.socialEnterprise === "on"} errors={errors} />
            <CheckboxField name="cooperative" label={t(LABELS.cooperative)} defaultChecked={values.cooperative === "on"} errors={errors} />
            <CheckboxField name="soloSelfEmployed" label={t(LABELS.soloSelfEmployed)} defaultChecked={values.soloSelfEmployed === "on"} errors={errors} />
          </div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t("organisations.fieldset.address")}</legend>
        <Field name="street" label={t(LABELS.street)} errors={errors}>
          {(props) => <input {...props} type="text" defaultValue={values.street} maxLength={200} autoComplete="off" />}
        </Field>
        <div className="field-row">
          <Field name="postcode" label={t(LABELS.postcode)} errors={errors}>
            {(props) => <input {...props} type="text" inputMode="numeric" defaultValue={values.postcode} maxLength={5} autoComplete="off" />}
          </Field>
          <Field name="city" label={t(LABELS.city)} errors={errors}>
            {(props) => <input {...props} type="text" defaultValue={values.city} maxLength={100} autoComplete="off" />}
          </Field>
          <Field name="areaId" label={t(LABELS.areaId)} errors={errors}>
            {(props) => (
              <select {...props} defaultValue={values.areaId}>
                <option value="">{t("activities.field.none")}</option>
                {areas.map((area) => (
                  <option key={area.id} value={area.id}>
                    {area.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("organisations.fieldset.contact")}</legend>
        <Field name="contactName" label={t(LABELS.contactName)} errors={errors}>
          {(props) => <input {...props} type="text" defaultValue={values.contactName} maxLength={200} autoComplete="off" />}
        </Field>
        <div className="field-row">
          <Field name="contactEmail" label={t(LABELS.contactEmail)} errors={errors}>
            {(props) => <input {...props} type="email" defaultValue={values.contactEmail} maxLength={254} autoComplete="off" />}
          </Field>
          <Field name="contactPhone" label={t(LABELS.contactPhone)} errors={errors}>
            {(props) => <input {...props} type="tel" defaultValue={values.contactPhone} maxLength={40} autoComplete="off" />}
          </Field>
        </div>
        <Field name="notes" label={t(LABELS.notes)} errors={errors}>
          {(props) => <textarea {...props} defaultValue={values.notes} rows={3} maxLength={4000} />}
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" name={intent ? "intent" : undefined} value={intent} disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
