// Accessible form building blocks and the hook that ties a Remix <Form> to react-hook-form with the
// same zod schema the server uses.
//
// FormField wraps exactly one input/select/textarea: it renders the label, an optional hint and the
// error, gives the control an id (`field-<name>` unless it has one) and sets aria-invalid and
// aria-describedby (hint + error), so callers only write the control itself:
//
//   const form = useSchemaForm(AreaInputSchema, { defaultValues: values, serverErrors: actionData?.fieldErrors });
//   <Form method="post" noValidate onSubmit={form.onSubmit}>
//     <FormField label={t("admin.areas.name")} name="name" error={form.error("name")} hint={t("…")}>
//       <input {...form.register("name")} defaultValue={values.name} />
//     </FormField>
//     <CheckboxField label={t("…")} name="active" error={form.error("active")}>
//       <input type="checkbox" {...form.register("active")} defaultChecked={values.active} />
//     </CheckboxField>
//   </Form>
//
// Without JavaScript the form posts normally and the server's field errors (actionData.fieldErrors)
// are shown; with JavaScript the schema runs before sending and server errors are merged in. Always set
// defaultValue/defaultChecked on the control too: server rendering needs it to show the values again.
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { Children, cloneElement, isValidElement, useEffect, useState, type FormEvent, type ReactElement, type ReactNode } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { useT, type MessageKey, type TranslateParams } from "~/utils/i18n";
import type { FieldErrors } from "~/utils/validation";

/** What an action returns when a service refused the input (see app/utils/form.server.ts). */
export interface FormFailure {
  intent: string | null;
  fieldErrors: FieldErrors;
  formErrors: MessageKey[];
  values: Record<string, string | string[]>;
}

type ControlProps = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

function describedControl(children: ReactNode, id: string, describedBy: string[], invalid: boolean) {
  const child = Children.only(children);
  if (!isValidElement<ControlProps>(child)) return child;
  const own = child.props["aria-describedby"];
  const ids = [own, ...describedBy].filter(Boolean).join(" ");
  return cloneElement(child as ReactElement<ControlProps>, {
    id: child.props.id ?? id,
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": ids || undefined,
  });
}

export interface FormFieldProps {
  /** Visible label text. */
  label: string;
  /** The control's name; the id defaults to `field-<name>`. */
  name: string;
  /** Translated error text; when set the control is marked invalid and points at it. */
  error?: string;
  /** Translated help text under the label. */
  hint?: string;
  /** Adds "(optional)" to the label. */
  optional?: boolean;
  /** The id of the control when it sets its own. */
  id?: string;
  children: ReactNode;
}

/** Label + one control + hint + error, tied together for screen readers. */
export function FormField({ label, name, error, hint, optional, id, children }: FormFieldProps) {
  const t = useT();
  const controlId = id ?? `field-${name}`;
  const hintId = hint ? `${controlId}-hint` : null;
  const errorId = error ? `${controlId}-error` : null;
  return (
    <div className="field">
      <label htmlFor={controlId}>
        {label}
        {optional ? <span className="muted"> ({t("common.optional")})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId!}>
          {hint}
        </p>
      ) : null}
      {describedControl(children, controlId, [hintId, errorId].filter((x): x is string => Boolean(x)), Boolean(error))}
      {error ? (
        <p className="field-error" id={errorId!}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A single checkbox with its label to the right (same error/hint wiring as FormField). */
export function CheckboxField({ label, name, error, hint, id, children }: Omit<FormFieldProps, "optional">) {
  const controlId = id ?? `field-${name}`;
  const hintId = hint ? `${controlId}-hint` : null;
  const errorId = error ? `${controlId}-error` : null;
  return (
    <div className="field">
      <label className="checkbox" htmlFor={controlId}>
        {describedControl(children, controlId, [hintId, errorId].filter((x): x is string => Boolean(x)), Boolean(error))}
        <span>{label}</span>
      </label>
      {hint ? (
        <p className="hint" id={hintId!}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId!}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes (or radios) under one legend; the error is announced with the group. */
export function FieldGroup({ legend, name, error, hint, children }: { legend: string; name: string; error?: string; hint?: string; children: ReactNode }) {
  const hintId = hint ? `group-${name}-hint` : undefined;
  const errorId = error ? `group-${name}-error` : undefined;
  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined} id={`group-${name}`}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Errors that belong to no single field (e.g. "the last admin cannot be deactivated"), plus a summary. */
export function FormErrors({ messages }: { messages: (string | undefined | null)[] }) {
  const shown = messages.filter((m): m is string => Boolean(m));
  if (shown.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      {shown.length === 1 ? (
        shown[0]
      ) : (
        <ul>
          {shown.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface SchemaFormOptions {
  /** The values the controls start with (also set them as defaultValue on each control). */
  defaultValues: Record<string, unknown>;
  /** Field errors from the last server response (actionData.fieldErrors). */
  serverErrors?: FieldErrors | null;
  /** Placeholders for error texts, e.g. { min: 10 } for "validation.passwordTooShort". */
  errorParams?: TranslateParams;
}

/**
 * react-hook-form with the zod schema: validates in the browser before sending, then submits the
 * real <form> through Remix (so the server gets the same FormData as without JavaScript).
 */
export function useSchemaForm(schema: z.ZodType, options: SchemaFormOptions) {
  const t = useT();
  const submit = useSubmit();
  const form = useForm<FieldValues>({
    // why: the schema's input and output types differ (strings in, typed values out); the form only
    // needs the verdict, so the resolver is used untyped.
    resolver: zodResolver(schema as never) as Resolver<FieldValues>,
    defaultValues: options.defaultValues,
    // why: validate the whole form on submit, then each field again as it changes. Checking on blur
    // ("onTouched") showed the last field's message on mousedown of the submit button; the form grew,
    // the button moved away before mouseup, the click was lost and only that one message appeared.
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const serverErrors = options.serverErrors ?? null;
  const [synced, setSynced] = useState<FieldErrors | null>(null);

  // Server errors become react-hook-form errors, so fixing a field clears its message.
  useEffect(() => {
    if (!serverErrors) return;
    let first = true;
    for (const [name, keys] of Object.entries(serverErrors)) {
      if (!keys?.length) continue;
      form.setError(name, { type: "server", message: keys[0] }, { shouldFocus: first });
      first = false;
    }
    setSynced(serverErrors);
  }, [serverErrors, form]);

  const errorKey = (name: string): string | undefined => {
    const message = form.formState.errors[name]?.message;
    if (typeof message === "string" && message) return message;
    if (serverErrors && synced !== serverErrors) return serverErrors[name]?.[0];
    return undefined;
  };

  return {
    register: form.register,
    /** The translated error for `name`, if any. */
    error: (name: string) => {
      const key = errorKey(name);
      return key ? t(key as MessageKey, options.errorParams) : undefined;
    },
    /** True while any field shows an error. */
    hasErrors: () => Object.keys(form.formState.errors).length > 0 || Boolean(serverErrors && synced !== serverErrors && Object.keys(serverErrors).length),
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      const element = event.currentTarget;
      void form.handleSubmit(() => submit(element))(event);
    },
  };
}
