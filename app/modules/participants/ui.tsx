// Accessible building blocks of the participant pages: labelled fields and radio groups whose errors
// are tied with aria-describedby + aria-invalid, the error summary, badges, the conflict and duplicate
// notices, and the display of stored values in the user's language. No database access here.
import { Link } from "@remix-run/react";
import type { ReactNode, Ref } from "react";
import { formatDate, parseDate } from "~/utils/format";
import { translate, useLocale, useT, type Locale, type MessageKey, type Translate } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";
import {
  ANSWERS,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  EXIT_STATUSES,
  FOLLOW_UP_STATUSES,
  GENDERS,
  YES_NO_UNKNOWN,
} from "./codes";
import { FIELD_FOR_CONTRACT_NAME } from "./schema";

// ---------------------------------------------------------------------------------------------- labels

/** The German/English label of a form field or derived value ("participants.field.<name>"). */
export function fieldLabel(t: Translate, field: string): string {
  const key = `participants.field.${field}` as MessageKey;
  const text = t(key);
  return text === key ? field : text;
}

/** Labels of missing mandatory fields given as contract names ("birth_date" → "Geburtsdatum"). */
export function missingLabels(t: Translate, missing: readonly string[]): string {
  return missing.map((name) => fieldLabel(t, FIELD_FOR_CONTRACT_NAME[name] ?? name)).join(", ");
}

/** Code list and catalogue prefix of each coded field. */
export const CODE_LISTS: Record<string, { values: readonly string[]; prefix: string }> = {
  gender: { values: GENDERS, prefix: "participants.gender" },
  employmentStatus: { values: EMPLOYMENT_STATUSES, prefix: "participants.employmentStatus" },
  educationLevel: { values: EDUCATION_LEVELS, prefix: "participants.educationLevel" },
  disability: { values: ANSWERS, prefix: "participants.answer" },
  thirdCountryNational: { values: ANSWERS, prefix: "participants.answer" },
  foreignBackground: { values: ANSWERS, prefix: "participants.answer" },
  minority: { values: ANSWERS, prefix: "participants.answer" },
  homeless: { values: ANSWERS, prefix: "participants.answer" },
  ruralArea: { values: ANSWERS, prefix: "participants.answer" },
  exitStatus: { values: EXIT_STATUSES, prefix: "participants.exitStatus" },
  qualificationGained: { values: ["yes", "no"], prefix: "participants.bool" },
  employabilityImproved: { values: ["yes", "no"], prefix: "participants.bool" },
  status6Months: { values: FOLLOW_UP_STATUSES, prefix: "participants.followUpStatus" },
  situationImproved6Months: { values: YES_NO_UNKNOWN, prefix: "participants.yesNoUnknown" },
};

const DATE_FIELDS = new Set(["birthDate", "privacyNoticeDate", "entryDate", "exitDate", "followUpDueDate", "followUpRecordedAt"]);

/** A form value (string) as the user reads it: labels for codes, TT.MM.JJJJ for dates. */
export function formatFieldValue(t: Translate, locale: Locale, field: string, value: string, areas: { id: string; name: string }[] = []): string {
  if (value === "") return t("participants.conflict.empty");
  const codes = CODE_LISTS[field];
  if (codes) return codes.values.includes(value) ? t(`${codes.prefix}.${value}` as MessageKey) : value;
  if (DATE_FIELDS.has(field)) return formatDate(parseDate(value), locale) || value;
  if (field === "longTermUnemployed") return t(value === "on" ? "participants.bool.yes" : "participants.bool.no");
  if (field === "areaId") return areas.find((a) => a.id === value)?.name ?? value;
  return value;
}

/** A stored code or null as text ("nicht angegeben" when null). */
export function codeText(t: Translate, field: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return t("participants.notGiven");
  const codes = CODE_LISTS[field];
  return codes ? t(`${codes.prefix}.${value}` as MessageKey) : value;
}

export function boolText(t: Translate, value: boolean | null | undefined): string {
  if (value === null || value === undefined) return t("participants.notGiven");
  return t(value ? "participants.bool.yes" : "participants.bool.no");
}

// ---------------------------------------------------------------------------------------------- fields

export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

/** Where the error summary links to for a field: the input, or the first option of a radio group. */
export function fieldAnchor(field: string): string {
  const codes = CODE_LISTS[field];
  return codes ? `${field}-${codes.values[0]}` : field;
}

function ErrorText({ id, messages }: { id: string; messages?: MessageKey[] }) {
  const t = useT();
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={id}>
      {messages.map((m) => t(m)).join(" ")}
    </p>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  defaultValue: string;
  errors?: FieldErrors;
  hint?: string;
  type?: "text" | "date" | "email" | "tel" | "search";
  required?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email" | "tel";
  maxLength?: number;
  onChange?: (value: string) => void;
}

/** A labelled input with hint and error, tied together for screen readers. */
export function TextField({ name, label, defaultValue, errors, hint, type = "text", required, autoComplete, inputMode, maxLength, onChange }: TextFieldProps) {
  const t = useT();
  const messages = errors?.[name];
  const invalid = Boolean(messages?.length);
  return (
    <div className="field">
      <label htmlFor={name}>
        {label}
        {required ? <span className="muted"> ({t("common.required")})</span> : null}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy(hint && `${name}-hint`, invalid && `${name}-error`)}
        onChange={onChange ? (event) => onChange(event.currentTarget.value) : undefined}
      />
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${name}-error`} messages={messages} />
    </div>
  );
}

interface RadioGroupProps {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue: string;
  errors?: FieldErrors;
  hint?: string;
  onChange?: (value: string) => void;
}

/** A fieldset of radio buttons (one answer); nothing chosen sends nothing. */
export function RadioGroup({ name, legend, options, defaultValue, errors, hint, onChange }: RadioGroupProps) {
  const messages = errors?.[name];
  const invalid = Boolean(messages?.length);
  return (
    <fieldset
      className="radio-group"
      aria-describedby={describedBy(hint && `${name}-hint`, invalid && `${name}-error`)}
      aria-invalid={invalid ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((option) => {
        const id = `${name}-${option.value}`;
        return (
          <div key={option.value} className="radio-option">
            <label className="checkbox" htmlFor={id}>
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                defaultChecked={defaultValue === option.value}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
                onChange={onChange ? () => onChange(option.value) : undefined}
              />
              {option.label}
            </label>
            {option.hint ? (
              <p className="hint radio-hint" id={`${id}-hint`}>
                {option.hint}
              </p>
            ) : null}
          </div>
        );
      })}
      <ErrorText id={`${name}-error`} messages={messages} />
    </fieldset>
  );
}

/** Radio options of a coded field with their labels (and hints where the catalogue has them). */
export function codeOptions(t: Translate, field: string, hintPrefix?: string) {
  const codes = CODE_LISTS[field];
  return codes.values.map((value) => ({
    value,
    label: t(`${codes.prefix}.${value}` as MessageKey),
    hint: hintPrefix ? t(`${hintPrefix}.${value}` as MessageKey) : undefined,
  }));
}

/** The list of problems at the top of a form, each linking to its field; focused after a failed submit. */
export function ErrorSummary({ errors, formError, summaryRef }: { errors?: FieldErrors; formError?: MessageKey | null; summaryRef?: Ref<HTMLDivElement> }) {
  const t = useT();
  const entries = Object.entries(errors ?? {}).filter(([field, messages]) => messages.length && field !== "_form");
  const formMessages = [...(formError ? [formError] : []), ...(errors?._form ?? [])];
  if (!entries.length && !formMessages.length) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={summaryRef} id="form-errors">
      <p>{formMessages.length ? formMessages.map((m) => t(m)).join(" ") : t("common.formHasErrors")}</p>
      {entries.length ? (
        <ul>
          {entries.map(([field, messages]) => (
            <li key={field}>
              <a href={`#${fieldAnchor(field)}`}>{fieldLabel(t, field)}</a>: {messages.map((m) => t(m)).join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------- badges and notices

export function CompletenessBadge({ isComplete, missing }: { isComplete: boolean; missing: readonly string[] }) {
  const t = useT();
  if (isComplete) return <span className="badge badge-success">{t("participants.complete")}</span>;
  return <span className="badge badge-warning">{t("participants.incompleteWith", { fields: missingLabels(t, missing) })}</span>;
}

/** End of today (UTC): a follow-up due today is due. */
export function isFollowUpDue(p: { followUpDueDate: Date | string | null; followUpRecordedAt: Date | string | null }, now = new Date()): boolean {
  if (!p.followUpDueDate || p.followUpRecordedAt) return false;
  const due = new Date(p.followUpDueDate);
  return due.getTime() <= Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 59, 59, 999);
}

export function StatusBadge({ participant }: { participant: { exitDate: Date | string | null; followUpDueDate: Date | string | null; followUpRecordedAt: Date | string | null } }) {
  const t = useT();
  if (!participant.exitDate) return <span className="badge badge-info">{t("participants.status.active")}</span>;
  return (
    <>
      <span className="badge">{t("participants.status.left")}</span>
      {isFollowUpDue(participant) ? (
        <>
          {" "}
          <span className="badge badge-danger">{t("participants.status.follow_up_due")}</span>
        </>
      ) : null}
    </>
  );
}

/** The person is already registered: the one choice is to open the existing record. */
export function DuplicateNotice({ projectId, existing }: { projectId: string; existing: { id: string; participantNo: string } }) {
  const t = useT();
  return (
    <div className="alert alert-warning" role="alert">
      <h2 className="alert-title">{t("participants.duplicate.title")}</h2>
      <p>{t("participants.duplicate.text", { no: existing.participantNo })}</p>
      <p>
        <Link className="button" to={`/projects/${projectId}/participants/${existing.id}`}>
          {t("participants.duplicate.open", { no: existing.participantNo })}
        </Link>
      </p>
    </div>
  );
}

export interface ConflictView {
  version: number;
  current: Record<string, string>;
  changedFields: string[];
}

/** Someone else saved meanwhile: what changed, the user's input beside the saved value. */
export function ConflictNotice({ conflict, values, areas }: { conflict: ConflictView; values: Record<string, string>; areas?: { id: string; name: string }[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="alert alert-warning" role="alert" id="conflict" tabIndex={-1}>
      <h2 className="alert-title">{t("participants.conflict.title")}</h2>
      <p>{t("participants.conflict.text")}</p>
      {conflict.changedFields.length === 0 ? (
        <p>{t("participants.conflict.noOverlap")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("participants.conflict.field")}</th>
                <th scope="col">{t("participants.conflict.yours")}</th>
                <th scope="col">{t("participants.conflict.current")}</th>
              </tr>
            </thead>
            <tbody>
              {conflict.changedFields.map((field) => (
                <tr key={field}>
                  <th scope="row">{fieldLabel(t, field)}</th>
                  <td>{formatFieldValue(t, locale, field, values[field] ?? "", areas)}</td>
                  <td>{formatFieldValue(t, locale, field, conflict.current[field] ?? "", areas)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** A definition list of label/value pairs. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The document title in the page's language (meta functions cannot use hooks). */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: MessageKey, params?: Record<string, string | number>): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  const locale: Locale = root?.locale === "en" ? "en" : "de";
  return `${translate(locale, key, params)} – ${translate(locale, "app.name")}`;
}
