// The activity form (log, edit, series) with its attendance grid. The shared zod schemas check it in the
// browser before sending; the server checks again and answers with the same field errors, and then
// everything the user typed (including the grid) comes back.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";
import { AttendanceGrid, rowLabel, type GridRow } from "./attendance-grid";
import { CheckboxField, ErrorSummary, Field } from "./form-ui";
import { activitySchema, attendeesSchema, parseParts, readActivityForm, seriesSchema, type ActivityFormValues } from "./schema";

export interface ActivityFormOptions {
  types: { id: string; name: string; active: boolean; actionFieldId: string; actionField: { code: string; name: string; nameEn: string | null } }[];
  areas: { id: string; name: string }[];
  partners: { id: string; name: string }[];
  staff: { id: string; name: string }[];
}

interface Props {
  mode: "new" | "edit";
  projectId: string;
  activityId?: string;
  seriesId?: string | null;
  version?: number;
  options: ActivityFormOptions;
  values: ActivityFormValues;
  attendees: GridRow[];
  fieldErrors?: FieldErrors;
  formError?: MessageKey | null;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  typeId: "activities.field.type",
  format: "activities.field.format",
  title: "activities.field.title",
  date: "activities.field.date",
  time: "activities.field.time",
  duration: "activities.field.duration",
  areaId: "activities.field.area",
  partnerId: "activities.field.partner",
  staffUserId: "activities.field.staff",
  notes: "activities.field.notes",
  attendees: "activities.fieldset.attendance",
  seriesTitle: "activities.series.title",
  repeat: "activities.series.repeat",
  weeks: "activities.series.weeks",
  dates: "activities.series.dates",
};

export function ActivityForm({ mode, projectId, activityId, seriesId, version, options, values, attendees, fieldErrors, formError }: Props) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [typeId, setTypeId] = useState(values.typeId);
  const [date, setDate] = useState(values.date);
  const [duration, setDuration] = useState(values.duration);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = clientErrors ?? fieldErrors;

  useEffect(() => {
    if (fieldErrors || formError) summaryRef.current?.focus();
  }, [fieldErrors, formError]);

  const labels: Record<string, string> = Object.fromEntries(Object.entries(FIELD_LABELS).map(([k, v]) => [k, t(v)]));
  for (const row of attendees) labels[`attendee.${row.id}`] = `${t("activities.fieldset.attendance")} ${rowLabel(row)}`;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const { values: raw, attendees: rows } = readActivityForm(new FormData(event.currentTarget));
    const result =
      submitter?.value === "series"
        ? parseParts({ activity: [activitySchema, raw], series: [seriesSchema, raw], attendees: [attendeesSchema, rows] })
        : parseParts({ activity: [activitySchema, raw], attendees: [attendeesSchema, rows] });
    if (!result.ok) {
      event.preventDefault();
      setClientErrors(result.fieldErrors);
      requestAnimationFrame(() => summaryRef.current?.focus());
    } else setClientErrors(null);
  }

  // Types grouped by action field, in catalogue order.
  const groups: { key: string; label: string; types: ActivityFormOptions["types"] }[] = [];
  for (const type of options.types) {
    let group = groups.find((g) => g.key === type.actionFieldId);
    if (!group) {
      const field = type.actionField;
      group = { key: type.actionFieldId, label: `${field.code} ${locale === "en" && field.nameEn ? field.nameEn : field.name}`, types: [] };
      groups.push(group);
    }
    group.types.push(type);
  }

  return (
    <Form method="post" className="stack activity-form" noValidate onSubmit={onSubmit} aria-labelledby="activity-form-title">
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <ErrorSummary errors={errors} labels={labels} formError={formError} summaryRef={summaryRef} />
      <fieldset>
        <legend>{t("activities.fieldset.activity")}</legend>
        <Field name="typeId" label={t("activities.field.type")} errors={errors}>
          {(props) => (
            <select {...props} value={typeId} onChange={(event) => setTypeId(event.target.value)} required>
              <option value="">{t("activities.field.choose")}</option>
              {groups.map((group) => (
                <optgroup key={group.key} label={group.label}>
                  {group.types.map((type) => (
                    <option key={type.id} value={type.id}>
                      {type.name}
                      {type.active ? "" : ` (${t("common.inactive")})`}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <div className="field-row">
          <Field name="date" label={t("activities.field.date")} hint={t("activities.field.dateHint")} errors={errors}>
            {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" value={date} onChange={(event) => setDate(event.target.value)} required />}
          </Field>
          <Field name="time" label={t("activities.field.time")} hint={t("activities.field.timeHint")} errors={errors}>
            {(props) => <input {...props} type="text" inputMode="numeric" autoComplete="off" defaultValue={values.time} required />}
          </Field>
          <Field name="duration" label={t("activities.field.duration")} hint={t("activities.field.durationHint")} errors={errors}>
            {(props) => <input {...props} type="text" inputMode="decimal" autoComplete="off" value={duration} onChange={(event) => setDuration(event.target.value)} required />}
          </Field>
          <Field name="format" label={t("activities.field.format")} errors={errors}>
            {(props) => (
              <select {...props} defaultValue={values.format || "group"}>
                <option value="group">{t("activities.format.group")}</option>
                <option value="individual">{t("activities.format.individual")}</option>
              </select>
            )}
          </Field>
        </div>
        <Field name="title" label={t("activities.field.title")} hint={t("activities.field.titleHint")} errors={errors}>
          {(props) => <input {...props} type="text" defaultValue={values.title} maxLength={200} />}
        </Field>
        <div className="field-row">
          <Field name="areaId" label={t("activities.field.area")} errors={errors}>
            {(props) => (
              <select {...props} defaultValue={values.areaId}>
                <option value="">{t("activities.field.none")}</option>
                {options.areas.map((area) => (
                  <option key={area.id} value={area.id}>
                    {area.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="staffUserId" label={t("activities.field.staff")} errors={errors}>
            {(props) => (
              <select {...props} defaultValue={values.staffUserId}>
                <option value="">{t("activities.field.none")}</option>
                {options.staff.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="partnerId" label={t("activities.field.partner")} errors={errors}>
            {(props) => (
              <select {...props} defaultValue={values.partnerId}>
                <option value="">{t("activities.field.none")}</option>
                {options.partners.map((partner) => (
                  <option key={partner.id} value={partner.id}>
                    {partner.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field name="notes" label={t("activities.field.notes")} errors={errors}>
          {(props) => <textarea {...props} defaultValue={values.notes} rows={3} maxLength={4000} />}
        </Field>
      </fieldset>

      <AttendanceGrid
        projectId={projectId}
        initialRows={attendees}
        durationHours={duration}
        typeId={typeId}
        seriesId={seriesId}
        date={date}
        activityId={activityId}
        areas={options.areas}
        errors={errors}
      />

      <div className="form-actions">
        <button type="submit" name="intent" value={mode === "new" ? "log" : "update"} disabled={busy}>
          {mode === "new" ? t("activities.save") : t("activities.saveChanges")}
        </button>
      </div>

      {mode === "new" ? (
        <details className="card series-options" open={Boolean(errors?.weeks || errors?.dates || errors?.seriesTitle || values.seriesTitle || values.weeks || values.dates)}>
          <summary>{t("activities.series.summary")}</summary>
          <div className="stack">
            <p className="muted">{t("activities.series.intro")}</p>
            <Field name="seriesTitle" label={t("activities.series.title")} hint={t("activities.series.titleHint")} errors={errors}>
              {(props) => <input {...props} type="text" defaultValue={values.seriesTitle} maxLength={200} />}
            </Field>
            <Field name="repeat" label={t("activities.series.repeat")} errors={errors}>
              {(props) => (
                <select {...props} defaultValue={values.repeat || "weekly"}>
                  <option value="weekly">{t("activities.series.repeat.weekly")}</option>
                  <option value="dates">{t("activities.series.repeat.dates")}</option>
                </select>
              )}
            </Field>
            <Field name="weeks" label={t("activities.series.weeks")} hint={t("activities.series.weeksHint")} errors={errors}>
              {(props) => <input {...props} type="text" inputMode="numeric" defaultValue={values.weeks} />}
            </Field>
            <Field name="dates" label={t("activities.series.dates")} hint={t("activities.series.datesHint")} errors={errors}>
              {(props) => <textarea {...props} defaultValue={values.dates} rows={3} />}
            </Field>
            <CheckboxField name="copyAttendees" label={t("activities.series.copyAttendees")} defaultChecked={values.copyAttendees === "on"} errors={errors} />
            <div className="form-actions">
              <button type="submit" name="intent" value="series" className="button-secondary" disabled={busy}>
                {t("activities.series.submit")}
              </button>
            </div>
          </div>
        </details>
      ) : null}
    </Form>
  );
}
