// Route actions: turning a service's ValidationError into a 400 answer that the form renders
// (errors per field, and what the user typed, minus secrets).
import { data } from "@remix-run/node";
import { echoValues, type FormValues } from "./form-values";
import type { Locale } from "./format";
import { badRequest } from "./http.server";
import { DEFAULT_LOCALE, translate } from "./i18n";
import { ValidationError } from "./validation";

/**
 * The request's form body. A body that is no readable form (another content type, broken multipart,
 * no body at all) answers 400 with a message in `locale`, never a 500: the first step of every action.
 */
export async function readFormData(request: Request, locale: Locale = DEFAULT_LOCALE): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest(translate(locale, "security.formUnreadable"));
  }
  // why: PostgreSQL text cannot hold NUL (the save would fail with a 500) and no keyboard types one: dropped.
  if (![...form.values()].some((value) => typeof value === "string" && value.includes("\u0000"))) return form;
  const clean = new FormData();
  for (const [key, value] of form.entries()) clean.append(key, typeof value === "string" ? value.replaceAll("\u0000", "") : value);
  return clean;
}

/** Rethrows anything but a ValidationError; answers 400 with field errors, form errors and the typed values. */
export function validationFailure(error: unknown, values: FormValues, secrets: readonly string[] = []) {
  if (!(error instanceof ValidationError)) throw error;
  // why: intent and version come from the page itself (buttons, hidden fields), so a wrong one is no mistake
  // a form field could show (no form on the page answers to it): a plain 400, which the error page explains.
  if (error.fieldErrors.intent || error.fieldErrors.version) badRequest();
  return data(
    {
      ok: false as const,
      // which of several forms on the page was sent (multi-action pages)
      intent: typeof values.intent === "string" ? values.intent : null,
      fieldErrors: error.fieldErrors,
      formErrors: error.formErrors,
      values: echoValues(values, secrets),
    },
    { status: 400 },
  );
}
