// The ESF Plus participant code lists (Regulation (EU) 2021/1057, Annex I) as the app stores them.
// The values are the data contract's canonical codes; labels live in the locale catalogues.

export const GENDERS = ["female", "male", "diverse"] as const;
export type Gender = (typeof GENDERS)[number];

export const EMPLOYMENT_STATUSES = ["unemployed", "inactive", "employed"] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const EDUCATION_LEVELS = ["isced_0_2", "isced_3_4", "isced_5_8"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Optional / sensitive characteristics allow "keine Angabe". */
export const ANSWERS = ["yes", "no", "no_answer"] as const;
export type Answer = (typeof ANSWERS)[number];

export const EXIT_STATUSES = ["job_searching", "education_training", "employed", "self_employed", "other"] as const;
export type ExitStatus = (typeof EXIT_STATUSES)[number];

export const FOLLOW_UP_STATUSES = ["employed", "self_employed", "not_employed", "unknown"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const YES_NO_UNKNOWN = ["yes", "no", "unknown"] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];

/** Characteristics point 1.2: optional, "no_answer" never blocks counting. */
export const OPTIONAL_CHARACTERISTICS = [
  "disability",
  "thirdCountryNational",
  "foreignBackground",
  "minority",
  "homeless",
  "ruralArea",
] as const;
export type OptionalCharacteristic = (typeof OPTIONAL_CHARACTERISTICS)[number];

/** Special-category data (GDPR Art. 9): restricted reads, audited, never logged. */
export const SPECIAL_CATEGORY_FIELDS = ["disability", "minority"] as const;

/** Characteristics point 1.1: a participant missing any of these is "incomplete" and not counted. */
export const MANDATORY_FIELDS = ["gender", "birthDate", "employmentStatus", "educationLevel", "entryDate"] as const;
export type MandatoryField = (typeof MANDATORY_FIELDS)[number];

/** Contract column names for the mandatory fields, as reported in `incomplete[].missing`. */
export const MANDATORY_FIELD_CONTRACT_NAMES: Record<MandatoryField, string> = {
  gender: "gender",
  birthDate: "birth_date",
  employmentStatus: "employment_status",
  educationLevel: "education_level",
  entryDate: "entry_date",
};

export const OUTPUT_INDICATORS = [
  "EECO01", "EECO02", "EECO03", "EECO04", "EECO05", "EECO06", "EECO07", "EECO08", "EECO09", "EECO10",
  "EECO11", "EECO12", "EECO13", "EECO14", "EECO15", "EECO16", "EECO17", "EECO18", "EECO19",
] as const;
export const RESULT_INDICATORS = ["EECR01", "EECR02", "EECR03", "EECR04", "EECR05", "EECR06"] as const;
export const ESF_INDICATORS = [...OUTPUT_INDICATORS, ...RESULT_INDICATORS] as const;
export type EsfIndicator = (typeof ESF_INDICATORS)[number];

/** Full years between birth and a reference date (entry date for ESF). */
export function ageOn(birthDate: Date, onDate: Date): number {
  let age = onDate.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    onDate.getUTCMonth() < birthDate.getUTCMonth() ||
    (onDate.getUTCMonth() === birthDate.getUTCMonth() && onDate.getUTCDate() < birthDate.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}
