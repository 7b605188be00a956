// Derived values of a participant record, computed on every save (form, import, CLI) so they are
// never typed: age at entry, completeness, follow-up due date. Pure: no database access.
import { ageOn, MANDATORY_FIELD_CONTRACT_NAMES, MANDATORY_FIELDS, type MandatoryField } from "./codes";

export interface DerivationInput {
  birthDate: Date | null;
  gender: string | null;
  employmentStatus: string | null;
  educationLevel: string | null;
  entryDate: Date | null;
  exitDate: Date | null;
}

export interface DerivedValues {
  ageAtEntry: number | null;
  missingFields: string;
  isComplete: boolean;
  followUpDueDate: Date | null;
}

/** Six months after exit: the ESF longer-term result (EECR05/06) is due then. */
export function followUpDueDate(exitDate: Date | null): Date | null {
  if (!exitDate) return null;
  const due = new Date(Date.UTC(exitDate.getUTCFullYear(), exitDate.getUTCMonth() + 6, exitDate.getUTCDate()));
  // 31.08. + 6 months is 28./29.02., not 03.03.
  if (due.getUTCDate() !== exitDate.getUTCDate()) due.setUTCDate(0);
  return due;
}

/** Mandatory ESF characteristics (point 1.1) that are missing, as contract column names. */
export function missingMandatoryFields(input: DerivationInput): string[] {
  return MANDATORY_FIELDS.filter((field: MandatoryField) => input[field] === null || input[field] === undefined).map(
    (field) => MANDATORY_FIELD_CONTRACT_NAMES[field],
  );
}

export function deriveParticipantValues(input: DerivationInput): DerivedValues {
  const missing = missingMandatoryFields(input);
  return {
    ageAtEntry: input.birthDate && input.entryDate ? ageOn(input.birthDate, input.entryDate) : null,
    missingFields: missing.join(","),
    isComplete: missing.length === 0,
    followUpDueDate: followUpDueDate(input.exitDate),
  };
}

/** "birth_date,gender" → ["birth_date", "gender"]. */
export function parseMissingFields(value: string): string[] {
  return value ? value.split(",") : [];
}
