// Small accessible form parts used by the activities and organisations pages: every input has a label,
// errors are tied to it with aria-describedby + aria-invalid, hints too. Messages are catalogue keys.
import type { ReactNode } from "react";
import { useT, type MessageKey } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";

export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

/** The error messages of one field, or null. */
export function FieldError({ id, errors }: { id: string; errors?: MessageKey[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.map((e) => t(e)).join(" ")}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  /** The id prefix (several forms on one page). */
  idPrefix?: string;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled field: renders the label, the control (via children), a hint and the errors. */
export function Field({ name, label, errors, hint, idPrefix = "", children }: FieldProps) {
  const id = `${idPrefix}${name}`;
  const fieldErrors = errors?.[name];
  const hasError = Boolean(fieldErrors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        "aria-invalid": hasError ? true : undefined,
        "aria-describedby": describedBy(hint && `${id}-hint`, hasError && `${id}-error`),
      })}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} errors={fieldErrors} />
    </div>
  );
}

/** A checkbox with its label to the right; errors tied like Field's. */
export function CheckboxField({ name, label, defaultChecked, errors, idPrefix = "" }: { name: string; label: string; defaultChecked: boolean; errors?: FieldErrors; idPrefix?: string }) {
  const id = `${idPrefix}${name}`;
  const fieldErrors = errors?.[name];
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input
          type="checkbox"
          id={id}
          name={name}
          defaultChecked={defaultChecked}
          aria-invalid={fieldErrors?.length ? true : undefined}
          aria-describedby={fieldErrors?.length ? `${id}-error` : undefined}
        />
        {label}
      </label>
      <FieldError id={`${id}-error`} errors={fieldErrors} />
    </div>
  );
}

/** The list of problems at the top of a form, linking to each field (focus moves here after a failed submit). */
export function ErrorSummary({ errors, labels, formError, summaryRef }: {
  errors?: FieldErrors;
  labels: Record<string, string>;
  formError?: MessageKey | null;
  summaryRef?: React.Ref<HTMLDivElement>;
}) {
  const t = useT();
  const entries = Object.entries(errors ?? {}).filter(([, messages]) => messages.length);
  if (!entries.length && !formError) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={summaryRef}>
      <p>{formError ? t(formError) : t("common.formHasErrors")}</p>
      {entries.length ? (
        <ul>
          {entries.map(([field, messages]) => (
            <li key={field}>
              {labels[field] ? <a href={`#${field.startsWith("attendee.") ? `hours_${field.slice(9)}` : field}`}>{labels[field]}</a> : null}
              {labels[field] ? ": " : null}
              {messages.map((m) => t(m)).join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
