// Route actions: turning a service's ValidationError into a 400 answer that the form renders
// (errors per field, and what the user typed, minus secrets).
import { data } from "@remix-run/node";
import { echoValues, type FormValues } from "./form-values";
import { ValidationError } from "./validation";

/** Rethrows anything but a ValidationError; answers 400 with field errors, form errors and the typed values. */
export function validationFailure(error: unknown, values: FormValues, secrets: readonly string[] = []) {
  if (!(error instanceof ValidationError)) throw error;
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
