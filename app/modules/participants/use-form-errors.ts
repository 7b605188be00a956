// Error state of the participant exit and follow-up forms: client-side zod errors until the server
// answers, then the server's; focus moves to the error summary (or the conflict notice).
import { useEffect, useRef, useState } from "react";
import { fieldErrorsFromZod, type FieldErrors } from "~/utils/validation";
import type { SaveFailure } from "./route-helpers.server";

export function useFormErrors(actionData: Pick<SaveFailure, "errors" | "formError" | "conflict"> | undefined) {
  const summaryRef = useRef<HTMLDivElement>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  useEffect(() => {
    setClientErrors(null);
    if (actionData?.errors || actionData?.formError) summaryRef.current?.focus();
    else if (actionData?.conflict) document.getElementById("conflict")?.focus();
  }, [actionData]);

  return {
    summaryRef,
    errors: clientErrors ?? actionData?.errors,
    clearClientErrors: () => setClientErrors(null),
    /** Shows the schema's issues and moves focus to the summary. */
    showClientErrors: (issues: { path: PropertyKey[]; message: string }[]) => {
      setClientErrors(fieldErrorsFromZod(issues));
      requestAnimationFrame(() => summaryRef.current?.focus());
    },
  };
}
