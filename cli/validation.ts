// Service ValidationErrors (catalogue keys) → clear English CLI errors: "email: Please enter a valid
// email address." The services are the ones the web app uses; only the wording is the CLI's.
import { catalogues } from "~/locales";
import { PASSWORD_MIN_LENGTH } from "~/modules/users/schema";
import { translate } from "~/utils/i18n";
import { ValidationError } from "~/utils/validation";
import { CliError } from "./errors";

// why: the catalogues hold the placeholders; the CLI fills the few that validation messages use.
const PARAMS: Record<string, string> = { min: String(PASSWORD_MIN_LENGTH) };

function english(key: string): string {
  // why: translate also fills the values a key carries itself (a closed period's dates).
  if (key.includes("?")) return translate("en", key, PARAMS);
  const text = (catalogues.en as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => PARAMS[name] ?? whole);
}

/** "field: message; field: message" with each field shown under the CLI option name when one is given. */
export function describeValidationError(error: ValidationError, optionNames: Record<string, string> = {}): string {
  const parts = [
    ...error.formErrors.map(english),
    ...Object.entries(error.fieldErrors).map(([field, keys]) => `${optionNames[field] ?? field}: ${keys.map(english).join(" ")}`),
  ];
  return parts.join("; ") || "invalid input";
}

/** Runs a service call; a ValidationError becomes a CliError (exit 1) with the English messages. */
export async function withValidation<T>(call: () => Promise<T>, optionNames: Record<string, string> = {}): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(describeValidationError(error, optionNames));
    throw error;
  }
}
