// The entry questionnaire (register and edit) in the ESF order: personal details, then the mandatory
// part (point 1.1), then the optional questions that allow "keine Angabe" (point 1.2). The same zod
// schema checks the input in the browser before sending and on the server; derived values (age at
// entry) are shown, never typed. Works without JavaScript (the server checks and answers).
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { parseDate } from "~/utils/format";
import { useT, type MessageKey } from "~/utils/i18n";
import { fieldErrorsFromZod, type FieldErrors } from "~/utils/validation";
import { ageOn } from "./codes";
import { ENTRY_FIELDS, formDataToObject, participantEntrySchema, type EntryFormValues } from "./schema";
import { codeOptions, ConflictNotice, DuplicateNotice, ErrorSummary, RadioGroup, TextField, type ConflictView } from "./ui";

export interface EntryFormProps {
  projectId: string;
  mode: "create" | "edit";
  values: EntryFormValues;
  areas: { id: string; name: string }[];
  /** Special-category questions (disability, minority) are shown only to those who may read them. */
  showSensitive: boolean;
  errors?: FieldErrors;
  formError?: MessageKey | null;
  duplicate?: { id: string; participantNo: string } | null;
  conflict?: ConflictView | null;
  /** Edit: the version and the values the form was loaded with (optimistic concurrency). */
  version?: number;
  baseline?: EntryFormValues;
  /** Create: the number suggested; kept unchanged, the server may replace it when taken meanwhile. */
  suggestedNo?: string;
  cancelTo: string;
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function ParticipantEntryForm(props: EntryFormProps) {
  const { values, errors: serverErrors, showSensitive, mode } = props;
  const t = useT();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [birthDate, setBirthDate] = useState(values.birthDate);
  const [entryDate, setEntryDate] = useState(values.entryDate);
  const [employmentStatus, setEmploymentStatus] = useState(values.employmentStatus);
  const errors = clientErrors ?? serverErrors;

  // A new answer from the server replaces what the browser found; focus goes to the summary or notice.
  useEffect(() => {
    setClientErrors(null);
    if (serverErrors && Object.keys(serverErrors).length) summaryRef.current?.focus();
  }, [serverErrors]);
  useEffect(() => {
    if (props.conflict || props.duplicate) document.getElementById("form-notice")?.focus();
  }, [props.conflict, props.duplicate]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const result = participantEntrySchema.safeParse(formDataToObject(form, ENTRY_FIELDS));
    if (result.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(fieldErrorsFromZod(result.error.issues));
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  const birth = parseDate(birthDate);
  const entry = parseDate(entryDate);
  const age = birth && entry && birth <= entry ? ageOn(birth, entry) : null;
  // why: without JavaScript the box must be there to be ticked; with it, only when "arbeitslos" is chosen.
  const showLongTerm = !hydrated || employmentStatus === "unemployed";
  const answer = (field: string) => codeOptions(t, field);
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" className="stack participant-form" noValidate onSubmit={onSubmit}>
      <div id="form-notice" tabIndex={-1}>
        {props.duplicate ? <DuplicateNotice projectId={props.projectId} existing={props.duplicate} /> : null}
        {props.conflict ? <ConflictNotice conflict={props.conflict} values={values} areas={props.areas} /> : null}
      </div>
      <ErrorSummary errors={errors} formError={props.formError} summaryRef={summaryRef} />
      {props.suggestedNo ? <input type="hidden" name="suggestedNo" value={props.suggestedNo} /> : null}
      {mode === "edit" ? (
        <>
          <input type="hidden" name="version" value={props.version ?? 1} />
          <input type="hidden" name="baseline" value={JSON.stringify(props.baseline ?? values)} />
        </>
      ) : null}

      <fieldset>
        <legend>{t("participants.section.identity")}</legend>
        <p className="hint">{t("participants.section.identityHint")}</p>
        <TextField name="participantNo" label={t("participants.field.participantNo")} defaultValue={values.participantNo} errors={errors} hint={t("participants.hint.participantNo")} required maxLength={40} />
        <div className="field-row">
          <TextField name="firstName" label={t("participants.field.firstName")} defaultValue={values.firstName} errors={errors} required autoComplete="off" maxLength={100} />
          <TextField name="lastName" label={t("participants.field.lastName")} defaultValue={values.lastName} errors={errors} required autoComplete="off" maxLength={100} />
        </div>
        <TextField name="birthDate" type="date" label={t("participants.field.birthDate")} defaultValue={values.birthDate} errors={errors} hint={t("participants.hint.date")} onChange={setBirthDate} />
        <div className="field-row">
          <TextField name="postcode" label={t("participants.field.postcode")} defaultValue={values.postcode} errors={errors} hint={t("participants.hint.postcode")} required inputMode="numeric" maxLength={10} autoComplete="off" />
          <TextField name="city" label={t("participants.field.city")} defaultValue={values.city} errors={errors} autoComplete="off" maxLength={100} />
        </div>
        <TextField name="street" label={t("participants.field.street")} defaultValue={values.street} errors={errors} autoComplete="off" maxLength={200} />
        <div className="field-row">
          <TextField name="email" type="email" label={t("participants.field.email")} defaultValue={values.email} errors={errors} autoComplete="off" maxLength={254} />
          <TextField name="phone" type="tel" label={t("participants.field.phone")} defaultValue={values.phone} errors={errors} autoComplete="off" maxLength={40} />
        </div>
        <TextField name="privacyNoticeDate" type="date" label={t("participants.field.privacyNoticeDate")} defaultValue={values.privacyNoticeDate} errors={errors} hint={t("participants.hint.privacyNotice")} />
        <div className="field">
          <label htmlFor="areaId">{t("participants.field.areaId")}</label>
          <select
            id="areaId"
            name="areaId"
            defaultValue={values.areaId}
            aria-invalid={errors?.areaId?.length ? true : undefined}
            aria-describedby={errors?.areaId?.length ? "areaId-error" : undefined}
          >
            <option value="">{t("participants.chooseArea")}</option>
            {props.areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
          {errors?.areaId?.length ? (
            <p className="field-error" id="areaId-error">
              {errors.areaId.map((m) => t(m)).join(" ")}
            </p>
          ) : null}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("participants.section.mandatory")}</legend>
        <p className="hint">{t("participants.section.mandatoryHint")}</p>
        <RadioGroup name="gender" legend={t("participants.field.gender")} options={answer("gender")} defaultValue={values.gender} errors={errors} />
        <TextField name="entryDate" type="date" label={t("participants.field.entryDate")} defaultValue={values.entryDate} errors={errors} hint={t("participants.hint.date")} onChange={setEntryDate} />
        <p className="derived" aria-live="polite" id="age-at-entry">
          {age !== null ? t("participants.age.live", { age }) : t("participants.age.pending")}
        </p>
        <RadioGroup
          name="employmentStatus"
          legend={t("participants.field.employmentStatus")}
          options={codeOptions(t, "employmentStatus", "participants.employmentStatusHint")}
          defaultValue={values.employmentStatus}
          errors={errors}
          onChange={setEmploymentStatus}
        />
        {showLongTerm ? (
          <div className="field nested-field">
            <label className="checkbox" htmlFor="longTermUnemployed">
              <input
                type="checkbox"
                id="longTermUnemployed"
                name="longTermUnemployed"
                defaultChecked={values.longTermUnemployed === "on"}
                aria-invalid={errors?.longTermUnemployed?.length ? true : undefined}
                aria-describedby={errors?.longTermUnemployed?.length ? "longTermUnemployed-hint longTermUnemployed-error" : "longTermUnemployed-hint"}
              />
              {t("participants.field.longTermUnemployed")}
            </label>
            <p className="hint" id="longTermUnemployed-hint">
              {t("participants.hint.longTermUnemployed")}
            </p>
            {errors?.longTermUnemployed?.length ? (
              <p className="field-error" id="longTermUnemployed-error">
                {errors.longTermUnemployed.map((m) => t(m)).join(" ")}
              </p>
            ) : null}
          </div>
        ) : null}
        <RadioGroup
          name="educationLevel"
          legend={t("participants.field.educationLevel")}
          options={codeOptions(t, "educationLevel", "participants.educationLevelHint")}
          defaultValue={values.educationLevel}
          errors={errors}
        />
      </fieldset>

      <fieldset>
        <legend>{t("participants.section.optional")}</legend>
        <p className="hint">{t("participants.section.optionalHint")}</p>
        {showSensitive ? (
          <RadioGroup name="disability" legend={t("participants.field.disability")} options={answer("disability")} defaultValue={values.disability} errors={errors} hint={t("participants.hint.sensitive")} />
        ) : null}
        <RadioGroup name="thirdCountryNational" legend={t("participants.field.thirdCountryNational")} options={answer("thirdCountryNational")} defaultValue={values.thirdCountryNational} errors={errors} />
        <RadioGroup name="foreignBackground" legend={t("participants.field.foreignBackground")} options={answer("foreignBackground")} defaultValue={values.foreignBackground} errors={errors} />
        {showSensitive ? (
          <RadioGroup name="minority" legend={t("participants.field.minority")} options={answer("minority")} defaultValue={values.minority} errors={errors} hint={t("participants.hint.sensitive")} />
        ) : null}
        <RadioGroup name="homeless" legend={t("participants.field.homeless")} options={answer("homeless")} defaultValue={values.homeless} errors={errors} />
        <RadioGroup name="ruralArea" legend={t("participants.field.ruralArea")} options={answer("ruralArea")} defaultValue={values.ruralArea} errors={errors} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" disabled={submitting}>
          {t(mode === "create" ? "participants.action.create" : "participants.action.save")}
        </button>
        <Link className="button button-secondary" to={props.cancelTo}>
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
