// Domain validation errors shared by services, routes and the CLI. Messages are catalogue keys so the
// UI shows them in the user's language and the CLI prints them in English.
import type { MessageKey } from "./i18n";

export type FieldErrors = Record<string, MessageKey[]>;

export class ValidationError extends Error {
  constructor(public readonly fieldErrors: FieldErrors, public readonly formErrors: MessageKey[] = []) {
    super(`validation failed: ${[...formErrors, ...Object.entries(fieldErrors).map(([f, e]) => `${f}: ${e.join(", ")}`)].join("; ")}`);
  }
}

/** zod issues → field errors keyed by the first path segment (the issue message must be a catalogue key). */
export function fieldErrorsFromZod(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "_form");
    (result[field] ??= []).push(issue.message as MessageKey);
  }
  return result;
}
