// Form schemas of the participant register, shared by the browser (checks before sending) and the
// server (the authority). Every message is a catalogue key. Form values travel as strings: dates as
// ISO `YYYY-MM-DD` (what <input type="date"> sends) or `TT.MM.JJJJ`, codes as the contract's values.
import { z } from "zod";
import { isoDate, parseDate } from "~/utils/format";
import type { MessageKey } from "~/utils/i18n";
import {
  ANSWERS,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  EXIT_STATUSES,
  FOLLOW_UP_STATUSES,
  GENDERS,
  MANDATORY_FIELD_CONTRACT_NAMES,
  YES_NO_UNKNOWN,
  type MandatoryField,
} from "./codes";

const INVALID: MessageKey = "validation.invalid";
const REQUIRED: MessageKey = "validation.required";
const TOO_LONG: MessageKey = "validation.tooLong";
const DATE: MessageKey = "validation.date";

// ---------------------------------------------------------------------------------------------- fields

/** Identity (ParticipantIdentity) in the order of the ESF questionnaire's first page. */
export const IDENTITY_FIELDS = [
  "participantNo",
  "firstName",
  "lastName",
  "birthDate",
  "postcode",
  "street",
  "city",
  "email",
  "phone",
  "privacyNoticeDate",
] as const;

/** Characteristics at entry (Participant): mandatory part (point 1.1) first, then the optional one (1.2). */
export const MANDATORY_ENTRY_FIELDS = ["gender", "entryDate", "employmentStatus", "longTermUnemployed", "educationLevel"] as const;
export const OPTIONAL_ENTRY_FIELDS = [
  "disability",
  "thirdCountryNational",
  "foreignBackground",
  "minority",
  "homeless",
  "ruralArea",
] as const;

/** Every field of the entry form, in form order. */
export const ENTRY_FIELDS = [...IDENTITY_FIELDS, "areaId", ...MANDATORY_ENTRY_FIELDS, ...OPTIONAL_ENTRY_FIELDS] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export const EXIT_FIELDS = ["exitDate", "exitStatus", "qualificationGained", "employabilityImproved"] as const;
export type ExitField = (typeof EXIT_FIELDS)[number];

export const FOLLOW_UP_FIELDS = ["status6Months", "situationImproved6Months"] as const;
export type FollowUpField = (typeof FOLLOW_UP_FIELDS)[number];

export type ParticipantField = EntryField | ExitField | FollowUpField;

/** What the form shows and sends back: every field as a string ("" = empty). */
export type FormValues<F extends string> = Record<F, string>;
export type EntryFormValues = FormValues<EntryField>;
export type ExitFormValues = FormValues<ExitField>;
export type FollowUpFormValues = FormValues<FollowUpField>;

/** Field name of the form for a contract column name in `missingFields` ("birth_date" → "birthDate"). */
export const FIELD_FOR_CONTRACT_NAME: Record<string, MandatoryField> = Object.fromEntries(
  Object.entries(MANDATORY_FIELD_CONTRACT_NAMES).map(([field, contract]) => [contract, field as MandatoryField]),
);

// ---------------------------------------------------------------------------------------------- helpers

/** Trims and collapses inner whitespace: "  Anna   Maria " → "Anna Maria". */
export function collapseSpaces(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

/** The search key stored in ParticipantIdentity.searchName: lower-case "last first", spaces collapsed. */
export function searchNameFor(firstName: string, lastName: string): string {
  return collapseSpaces(`${lastName} ${firstName}`).toLowerCase();
}

/** Today at UTC midnight plus `days` (date inputs carry no time; one day of slack covers time zones). */
function todayPlus(days: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}

const formString = z.string({ error: INVALID }).optional();

function text(max: number, options: { required?: boolean } = {}) {
  return formString.transform((value, ctx) => {
    const cleaned = collapseSpaces(value ?? "");
    if (!cleaned) {
      if (options.required) ctx.addIssue(REQUIRED);
      return null;
    }
    if (cleaned.length > max) ctx.addIssue(TOO_LONG);
    return cleaned;
  });
}

function requiredText(max: number) {
  return text(max, { required: true }).transform((value) => value ?? "");
}

function optionalDate() {
  return formString.transform((value, ctx) => {
    const raw = (value ?? "").trim();
    if (!raw) return null;
    const date = parseDate(raw);
    if (!date || date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200) {
      ctx.addIssue(DATE);
      return z.NEVER;
    }
    return date;
  });
}

function requiredDate() {
  return optionalDate().transform((value, ctx) => {
    if (!value) {
      ctx.addIssue(REQUIRED);
      return z.NEVER;
    }
    return value;
  });
}

function optionalCode<const T extends readonly string[]>(values: T) {
  return formString.transform((value, ctx) => {
    const raw = (value ?? "").trim();
    if (!raw) return null;
    if (!(values as readonly string[]).includes(raw)) {
      ctx.addIssue(INVALID);
      return z.NEVER;
    }
    return raw as T[number];
  });
}

function requiredCode<const T extends readonly string[]>(values: T) {
  return optionalCode(values).transform((value, ctx) => {
    if (value === null) {
      ctx.addIssue(REQUIRED);
      return z.NEVER;
    }
    return value;
  });
}

/** A checkbox: present ("on") = true, absent = false. */
const checkbox = formString.transform((value) => ["on", "true", "1", "yes"].includes((value ?? "").trim()));

/** A yes/no radio group where nothing chosen means "not recorded". */
const optionalYesNo = optionalCode(["yes", "no"] as const).transform((value) => (value === null ? null : value === "yes"));

// ---------------------------------------------------------------------------------------------- entry form

/** Register and edit: identity + characteristics at entry. Missing mandatory answers are allowed (the
 *  record is then flagged incomplete); invalid values are not. */
export const participantEntrySchema = z
  .object({
    participantNo: requiredText(40),
    firstName: requiredText(100),
    lastName: requiredText(100),
    birthDate: optionalDate(),
    postcode: formString.transform((value, ctx) => {
      const raw = (value ?? "").replace(/\s/g, "");
      if (!raw) ctx.addIssue(REQUIRED);
      else if (!/^\d{5}$/.test(raw)) ctx.addIssue("participants.error.postcode" satisfies MessageKey);
      return raw;
    }),
    street: text(200),
    city: text(100),
    email: text(254).transform((value, ctx) => {
      if (value && !z.email().safeParse(value).success) ctx.addIssue("validation.email" satisfies MessageKey);
      return value;
    }),
    phone: text(40).transform((value, ctx) => {
      if (value && !/^[0-9+()\/\-. ]{3,40}$/.test(value)) ctx.addIssue("participants.error.phone" satisfies MessageKey);
      return value;
    }),
    privacyNoticeDate: optionalDate(),
    areaId: formString.transform((value, ctx) => {
      const raw = (value ?? "").trim();
      if (!raw) return null;
      if (!/^[a-z0-9_-]{1,64}$/i.test(raw)) ctx.addIssue(INVALID);
      return raw;
    }),
    gender: optionalCode(GENDERS),
    entryDate: optionalDate(),
    employmentStatus: optionalCode(EMPLOYMENT_STATUSES),
    longTermUnemployed: checkbox,
    educationLevel: optionalCode(EDUCATION_LEVELS),
    disability: optionalCode(ANSWERS),
    thirdCountryNational: optionalCode(ANSWERS),
    foreignBackground: optionalCode(ANSWERS),
    minority: optionalCode(ANSWERS),
    homeless: optionalCode(ANSWERS),
    ruralArea: optionalCode(ANSWERS),
  })
  .superRefine((value, ctx) => {
    const tomorrow = todayPlus(1);
    if (value.longTermUnemployed && value.employmentStatus !== "unemployed") {
      ctx.addIssue({ code: "custom", path: ["longTermUnemployed"], message: "participants.error.longTermNotUnemployed" });
    }
    if (value.birthDate && value.birthDate > tomorrow) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "participants.error.dateInFuture" });
    } else if (value.birthDate && value.entryDate && value.birthDate > value.entryDate) {
      ctx.addIssue({ code: "custom", path: ["entryDate"], message: "participants.error.entryBeforeBirth" });
    }
    if (value.privacyNoticeDate && value.privacyNoticeDate > tomorrow) {
      ctx.addIssue({ code: "custom", path: ["privacyNoticeDate"], message: "participants.error.dateInFuture" });
    }
  });

export type ParticipantEntryInput = z.output<typeof participantEntrySchema>;

// ---------------------------------------------------------------------------------------------- exit, follow-up

/** Exit (Austritt): date, the one status upon leaving (mutually exclusive), and the two results. */
export const participantExitSchema = z
  .object({
    exitDate: requiredDate(),
    exitStatus: requiredCode(EXIT_STATUSES),
    qualificationGained: optionalYesNo,
    employabilityImproved: optionalYesNo,
  })
  .superRefine((value, ctx) => {
    if (value.exitDate > todayPlus(1)) ctx.addIssue({ code: "custom", path: ["exitDate"], message: "participants.error.dateInFuture" });
  });

export type ParticipantExitInput = z.output<typeof participantExitSchema>;

/** Six-month follow-up (EECR05 / EECR06), recorded once the due date has come. */
export const participantFollowUpSchema = z.object({
  status6Months: requiredCode(FOLLOW_UP_STATUSES),
  situationImproved6Months: requiredCode(YES_NO_UNKNOWN),
});

export type ParticipantFollowUpInput = z.output<typeof participantFollowUpSchema>;

/** The exit page is a multi-action form: record (or correct) the exit, or take it back. */
export const exitIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("record") }),
  z.object({ intent: z.literal("undo") }),
]);

/** Optimistic concurrency: the version the form was loaded with. */
export const versionSchema = z.coerce.number({ error: INVALID }).int().min(1).max(2_147_483_647);

/** The values the form was loaded with (sent back hidden), so a conflict can name what changed since. */
export function parseBaseline<F extends string>(raw: unknown, fields: readonly F[]): Partial<FormValues<F>> | undefined {
  if (typeof raw !== "string" || raw.length > 20_000) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== "object") return undefined;
    const result: Partial<FormValues<F>> = {};
    for (const field of fields) {
      const value = (parsed as Record<string, unknown>)[field];
      if (typeof value === "string") result[field] = value;
    }
    return result;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------- list query

export const PARTICIPANT_STATUS_FILTERS = ["active", "left", "follow_up_due"] as const;
export type ParticipantStatusFilter = (typeof PARTICIPANT_STATUS_FILTERS)[number];
export const COMPLETENESS_FILTERS = ["complete", "incomplete"] as const;
export const PARTICIPANT_SORTS = ["number", "name", "entry", "exit"] as const;
export type ParticipantSort = (typeof PARTICIPANT_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

/** The list's GET parameters; anything malformed falls back to the default instead of failing. */
export const participantListQuerySchema = z.object({
  q: z.string().max(100).catch("").default("").transform((v) => collapseSpaces(v)),
  area: z.string().regex(/^[a-z0-9_-]{1,64}$/i).optional().catch(undefined),
  status: z.enum(PARTICIPANT_STATUS_FILTERS).optional().catch(undefined),
  completeness: z.enum(COMPLETENESS_FILTERS).optional().catch(undefined),
  entryFrom: z.string().optional().transform((v) => parseDate(v) ?? undefined).catch(undefined),
  entryTo: z.string().optional().transform((v) => parseDate(v) ?? undefined).catch(undefined),
  sort: z.enum(PARTICIPANT_SORTS).catch("number").default("number"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().refine((n) => (PAGE_SIZES as readonly number[]).includes(n)).catch(25).default(25),
});

export type ParticipantListQuery = z.output<typeof participantListQuerySchema>;

/** URLSearchParams → list query (first value of each key). */
export function parseListQuery(params: URLSearchParams): ParticipantListQuery {
  const raw: Record<string, string> = {};
  for (const key of ["q", "area", "status", "completeness", "entryFrom", "entryTo", "sort", "dir", "page", "pageSize"]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return participantListQuerySchema.parse(raw);
}

// ---------------------------------------------------------------------------------------------- values

const answerToForm = (value: string | null | undefined) => value ?? "";
const boolToForm = (value: boolean | null | undefined) => (value === null || value === undefined ? "" : value ? "yes" : "no");

export interface StoredParticipant {
  participantNo: string;
  areaId: string | null;
  gender: string | null;
  entryDate: Date | null;
  employmentStatus: string | null;
  longTermUnemployed: boolean;
  educationLevel: string | null;
  disability?: string | null;
  thirdCountryNational: string | null;
  foreignBackground: string | null;
  minority?: string | null;
  homeless: string | null;
  ruralArea: string | null;
  exitDate: Date | null;
  exitStatus: string | null;
  qualificationGained: boolean | null;
  employabilityImproved: boolean | null;
  status6Months: string | null;
  situationImproved6Months: string | null;
  identity: {
    firstName: string;
    lastName: string;
    birthDate: Date | null;
    postcode: string;
    street: string | null;
    city: string | null;
    email: string | null;
    phone: string | null;
    privacyNoticeDate: Date | null;
  } | null;
}

/** A stored record as form strings. Special-category fields are "" when they were not read. */
export function toEntryFormValues(p: StoredParticipant): EntryFormValues {
  const id = p.identity;
  return {
    participantNo: p.participantNo,
    firstName: id?.firstName ?? "",
    lastName: id?.lastName ?? "",
    birthDate: isoDate(id?.birthDate),
    postcode: id?.postcode ?? "",
    street: id?.street ?? "",
    city: id?.city ?? "",
    email: id?.email ?? "",
    phone: id?.phone ?? "",
    privacyNoticeDate: isoDate(id?.privacyNoticeDate),
    areaId: p.areaId ?? "",
    gender: p.gender ?? "",
    entryDate: isoDate(p.entryDate),
    employmentStatus: p.employmentStatus ?? "",
    longTermUnemployed: p.longTermUnemployed ? "on" : "",
    educationLevel: p.educationLevel ?? "",
    disability: answerToForm(p.disability),
    thirdCountryNational: answerToForm(p.thirdCountryNational),
    foreignBackground: answerToForm(p.foreignBackground),
    minority: answerToForm(p.minority),
    homeless: answerToForm(p.homeless),
    ruralArea: answerToForm(p.ruralArea),
  };
}

export function toExitFormValues(p: Pick<StoredParticipant, ExitField>): ExitFormValues {
  return {
    exitDate: isoDate(p.exitDate),
    exitStatus: p.exitStatus ?? "",
    qualificationGained: boolToForm(p.qualificationGained),
    employabilityImproved: boolToForm(p.employabilityImproved),
  };
}

export function toFollowUpFormValues(p: Pick<StoredParticipant, FollowUpField>): FollowUpFormValues {
  return { status6Months: p.status6Months ?? "", situationImproved6Months: p.situationImproved6Months ?? "" };
}

/** Parsed entry input back as form strings (dates ISO), e.g. to compare with stored values. */
export function entryInputToFormValues(input: ParticipantEntryInput): EntryFormValues {
  return toEntryFormValues({
    ...input,
    exitDate: null, exitStatus: null, qualificationGained: null, employabilityImproved: null, status6Months: null, situationImproved6Months: null,
    identity: {
      firstName: input.firstName, lastName: input.lastName, birthDate: input.birthDate, postcode: input.postcode,
      street: input.street, city: input.city, email: input.email, phone: input.phone, privacyNoticeDate: input.privacyNoticeDate,
    },
  });
}

/** Raw form data (strings only; files and repeated keys are ignored) for a list of fields. */
export function pickFormValues<F extends string>(form: FormData, fields: readonly F[]): FormValues<F> {
  const result = {} as FormValues<F>;
  for (const field of fields) {
    const value = form.get(field);
    result[field] = typeof value === "string" ? value.slice(0, 1000) : "";
  }
  return result;
}

/** Form values → the object the schema parses (empty strings stay, absent radios are undefined). */
export function formDataToObject(form: FormData, fields: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  // why: a File where text is expected stays a File, so the schema rejects it as invalid.
  for (const field of fields) result[field] = form.get(field) ?? undefined;
  return result;
}
