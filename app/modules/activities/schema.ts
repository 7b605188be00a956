// Form schemas of the activities domain, shared by the browser (checks before sending) and the server
// (the authority). Every message is a catalogue key. Each field accepts what a form sends (strings) and
// the typed value a service caller passes; for durations a string is what a person types (hours, "1,5")
// and a number is already minutes, as in form-values.ts. Pure: safe in the browser bundle.
import { z } from "zod";
import { checkbox, choice, date, optionalText, parseDecimal } from "~/utils/form-values";
import { isoDate, parseDate } from "~/utils/format";
import type { MessageKey } from "~/utils/i18n";
import { fieldErrorsFromZod, type FieldErrors } from "~/utils/validation";

export const ACTIVITY_FORMATS = ["group", "individual"] as const;
export type ActivityFormatValue = (typeof ACTIVITY_FORMATS)[number];

/** Upper bound of a duration and of one person's time: one day. */
export const MAX_MINUTES = 24 * 60;
/** A session larger than this is not a session any more (and keeps one request bounded). */
export const MAX_ATTENDEES = 500;
export const MAX_SERIES_DATES = 100;
export const MAX_WEEKLY_COUNT = 60;
export const ACTIVITY_PAGE_SIZE = 25;
export const SEARCH_LIMIT = 50;

const ID_PATTERN = /^[a-z0-9_-]{1,64}$/i;
const REQUIRED: MessageKey = "validation.required";
const INVALID: MessageKey = "validation.invalid";

type Issue = { code: "custom"; message: MessageKey; input: unknown };

/**
 * What a service accepts: the schema's keys with any value (form strings or typed values); the
 * service parses it, so a wrong value is a ValidationError, not a type error at the call site.
 */
export type Loose<S extends z.ZodType> = { [K in keyof z.input<S>]?: unknown };
const issue = (message: MessageKey, input: unknown): Issue => ({ code: "custom", message, input });
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

// ---------------------------------------------------------------------------------------------- Berlin time

// why: activities happen at a wall-clock time in Germany; startsAt stores the instant (UTC), so the
// form's date + time are read as Europe/Berlin and turned back the same way, whatever the server's zone.
const TIME_ZONE = "Europe/Berlin";
let berlinFormat: Intl.DateTimeFormat | undefined;

/** Europe/Berlin's offset from UTC at `instant`, in milliseconds (+1 h in winter, +2 h in summer). */
function berlinOffsetMs(instant: number): number {
  berlinFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts: Record<string, number> = {};
  for (const part of berlinFormat.formatToParts(new Date(instant))) if (part.type !== "literal") parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** A calendar day (UTC midnight) and minutes after midnight in Berlin → the instant. */
export function berlinToInstant(day: Date, minutesOfDay: number): Date {
  const wall = day.getTime() + minutesOfDay * 60_000;
  const first = wall - berlinOffsetMs(wall);
  return new Date(wall - berlinOffsetMs(first));
}

/** The Berlin calendar day (UTC midnight) and wall-clock time "HH:MM" of an instant. */
export function instantToBerlin(instant: Date): { day: Date; time: string } {
  const shifted = new Date(instant.getTime() + berlinOffsetMs(instant.getTime()));
  const day = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
  const time = `${String(shifted.getUTCHours()).padStart(2, "0")}:${String(shifted.getUTCMinutes()).padStart(2, "0")}`;
  return { day, time };
}

/** Berlin midnight at the start of a calendar day (for period filters on startsAt). */
export function berlinDayStart(day: Date): Date {
  return berlinToInstant(day, 0);
}

// ---------------------------------------------------------------------------------------------- field types

/** An optional id of a select; empty → null. */
export function optionalId() {
  return z
    .union([z.string(), z.null(), z.undefined()], { error: INVALID }).optional()
    .transform((value, ctx): string | null => {
      const raw = (value ?? "").trim();
      if (!raw) return null;
      if (!ID_PATTERN.test(raw)) {
        ctx.addIssue(issue(INVALID, value));
        return z.NEVER;
      }
      return raw;
    });
}

/** A required id of a select. */
export function requiredId() {
  return optionalId().transform((value, ctx) => {
    if (value === null) {
      ctx.addIssue(issue(REQUIRED, value));
      return z.NEVER;
    }
    return value;
  });
}

/** "HH:MM" (also "9:30", "9.30", "9") → minutes after midnight. */
export function parseTimeOfDay(input: string): number | null {
  const value = input.trim();
  const match = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? "0");
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Time of day: "HH:MM" → minutes after midnight; a number is already minutes. */
export function timeOfDay() {
  return z
    .union([z.number(), z.string(), z.null(), z.undefined()], { error: "activities.error.time" satisfies MessageKey }).optional()
    .transform((value, ctx): number => {
      if (isBlank(value)) {
        ctx.addIssue(issue(REQUIRED, value));
        return z.NEVER;
      }
      const minutes = typeof value === "number" ? value : parseTimeOfDay(value as string);
      if (minutes === null || !Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) {
        ctx.addIssue(issue("activities.error.time", value));
        return z.NEVER;
      }
      return minutes;
    });
}

/**
 * Hours as people type them → whole minutes: "1,5" = 90, "2" = 120, "1:30" = 90. null when unreadable.
 * Decimal hours are rounded to the minute.
 */
export function parseHours(input: string): number | null {
  const value = input.trim();
  const clock = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) return Number(clock[2]) > 59 ? null : Number(clock[1]) * 60 + Number(clock[2]);
  const hours = parseDecimal(value);
  if (hours === null) return null;
  return Math.round(hours * 60);
}

/** Minutes → hours for an input: 90 → "1,5", 100 → "1,67" (two decimals at most). */
export function hoursInputValue(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "";
  return String(Math.round((minutes / 60) * 100) / 100).replace(".", ",");
}

/** A duration: a string is hours typed by a person, a number is minutes. Required, > 0, ≤ 24 h. */
export function duration() {
  return z
    .union([z.number(), z.string(), z.null(), z.undefined()], { error: "activities.error.duration" satisfies MessageKey }).optional()
    .transform((value, ctx): number => {
      if (isBlank(value)) {
        ctx.addIssue(issue(REQUIRED, value));
        return z.NEVER;
      }
      const minutes = typeof value === "number" ? value : parseHours(value as string);
      if (minutes === null || !Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_MINUTES) {
        ctx.addIssue(issue("activities.error.duration", value));
        return z.NEVER;
      }
      return minutes;
    });
}

/** One person's time: a string is hours typed, a number is minutes; empty = the activity's duration (null). */
export function attendeeMinutes() {
  return z
    .union([z.number(), z.string(), z.null(), z.undefined()], { error: "activities.error.minutes" satisfies MessageKey }).optional()
    .transform((value, ctx): number | null => {
      if (isBlank(value)) return null;
      const minutes = typeof value === "number" ? value : parseHours(value as string);
      if (minutes === null || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
        ctx.addIssue(issue("activities.error.minutes", value));
        return z.NEVER;
      }
      return minutes;
    });
}

// ---------------------------------------------------------------------------------------------- activity form

/** The activity itself (without attendance): log and edit share it. */
export const activitySchema = z.object({
  typeId: requiredId(),
  format: z
    .union([z.enum(ACTIVITY_FORMATS), z.literal(""), z.null(), z.undefined()], { error: INVALID }).optional()
    .transform((value): ActivityFormatValue => value || "group"),
  /** Empty: the type's name is used. */
  title: optionalText(200),
  date: date(),
  time: timeOfDay(),
  duration: duration(),
  areaId: optionalId(),
  partnerId: optionalId(),
  staffUserId: optionalId(),
  notes: optionalText(4000),
});

export type ActivityInput = Loose<typeof activitySchema>;
export type ActivityValues = z.output<typeof activitySchema>;

/** One row of the attendance grid. */
export const attendeeSchema = z.object({
  participantId: requiredId(),
  present: checkbox(),
  /** String: hours typed; number: minutes; empty: the activity's duration when present, else 0. */
  minutes: attendeeMinutes(),
});

export const attendeesSchema = z
  .array(attendeeSchema, { error: INVALID })
  .max(MAX_ATTENDEES, "activities.error.tooManyAttendees" satisfies MessageKey)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.participantId)) ctx.addIssue({ code: "custom", message: "activities.error.duplicateAttendee" satisfies MessageKey });
      seen.add(row.participantId);
    }
  });

export type AttendeeInput = Loose<typeof attendeeSchema>;
export type AttendeeValues = z.output<typeof attendeeSchema>;

/** A series: the activity fields plus either explicit dates or a weekly rhythm from `date`. */
export const seriesSchema = z
  .object({
    seriesTitle: optionalText(200),
    repeat: z.enum(["weekly", "dates"], { error: INVALID }).default("weekly"),
    /** weekly: number of dates including the first. */
    weeks: z
      .union([z.number(), z.string(), z.null(), z.undefined()]).optional()
      .transform((value, ctx): number | null => {
        if (isBlank(value)) return null;
        const count = typeof value === "number" ? value : Number((value as string).trim());
        if (!Number.isInteger(count) || count < 2 || count > MAX_WEEKLY_COUNT) {
          ctx.addIssue(issue("activities.error.weeks", value));
          return z.NEVER;
        }
        return count;
      }),
    /** dates: further dates besides `date`, as TT.MM.JJJJ separated by spaces, commas, semicolons or lines. */
    dates: z
      .union([z.array(z.union([z.date(), z.string()])), z.string(), z.null(), z.undefined()]).optional()
      .transform((value, ctx): Date[] => {
        const items = Array.isArray(value) ? value : (value ?? "").split(/[\s,;]+/);
        const result: Date[] = [];
        for (const item of items) {
          if (item instanceof Date) {
            result.push(item);
            continue;
          }
          if (!item.trim()) continue;
          const parsed = parseDate(item);
          if (!parsed) {
            ctx.addIssue(issue("activities.error.seriesDate", item));
            return z.NEVER;
          }
          result.push(parsed);
        }
        return result;
      }),
    /** Record the grid's attendees for every date (for a fixed course group). */
    copyAttendees: checkbox(),
  })
  .superRefine((value, ctx) => {
    if (value.repeat === "weekly" && value.weeks === null) ctx.addIssue({ code: "custom", path: ["weeks"], message: REQUIRED });
    if (value.repeat === "dates" && value.dates.length === 0) ctx.addIssue({ code: "custom", path: ["dates"], message: REQUIRED });
  });

export type SeriesInput = Loose<typeof seriesSchema>;
export type SeriesValues = z.output<typeof seriesSchema>;

/** The calendar days of a series: the first date, then weekly or the listed dates; sorted, unique. */
export function seriesDays(first: Date, series: SeriesValues): Date[] {
  const days =
    series.repeat === "weekly"
      ? Array.from({ length: series.weeks ?? 1 }, (_, i) => new Date(first.getTime() + i * 7 * 24 * 3600 * 1000))
      : [first, ...series.dates];
  const unique = [...new Map(days.map((d) => [d.getTime(), d])).values()];
  return unique.sort((a, b) => a.getTime() - b.getTime());
}

/** Parses and collects field errors of several schemas at once, so the user sees every problem together. */
export function parseParts<T extends Record<string, z.ZodType>>(
  parts: { [K in keyof T]: [T[K], unknown] },
): { ok: true; data: { [K in keyof T]: z.output<T[K]> } } | { ok: false; fieldErrors: FieldErrors } {
  const data = {} as { [K in keyof T]: z.output<T[K]> };
  const fieldErrors: FieldErrors = {};
  for (const key of Object.keys(parts) as (keyof T)[]) {
    const [schema, raw] = parts[key];
    const result = schema.safeParse(raw);
    if (result.success) data[key] = result.data as z.output<T[typeof key]>;
    else {
      const errors =
        key === "attendees"
          ? attendeeErrors(result.error.issues, Array.isArray(raw) ? (raw as { participantId?: unknown }[]) : [])
          : fieldErrorsFromZod(result.error.issues);
      for (const [field, messages] of Object.entries(errors)) (fieldErrors[field] ??= []).push(...messages);
    }
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, data };
}

/** Attendance issues keyed `attendee.<participantId>` (a row's own error) or `attendees` (the list). */
function attendeeErrors(issues: { path: PropertyKey[]; message: string }[], rows: { participantId?: unknown }[]): FieldErrors {
  const result: FieldErrors = {};
  for (const item of issues) {
    const index = typeof item.path[0] === "number" ? item.path[0] : null;
    const id = index !== null ? rows[index]?.participantId : undefined;
    const key = typeof id === "string" && ID_PATTERN.test(id) ? `attendee.${id}` : "attendees";
    (result[key] ??= []).push(item.message as MessageKey);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------- form data

/** The activity form's fields as the browser sends them. */
export const ACTIVITY_FORM_FIELDS = ["typeId", "format", "title", "date", "time", "duration", "areaId", "partnerId", "staffUserId", "notes"] as const;
export const SERIES_FORM_FIELDS = ["seriesTitle", "repeat", "weeks", "dates", "copyAttendees"] as const;

export type ActivityFormValues = Record<(typeof ACTIVITY_FORM_FIELDS)[number] | (typeof SERIES_FORM_FIELDS)[number], string>;
export interface AttendeeFormRow {
  participantId: string;
  present: boolean;
  /** Hours as typed. */
  minutes: string;
}

/**
 * FormData of the activity form → raw values: the fields as strings, and the attendance rows from the
 * grid's `attendee` (ids in order), `present_<id>` (checkbox) and `hours_<id>` inputs.
 */
export function readActivityForm(form: FormData): { values: ActivityFormValues; attendees: AttendeeFormRow[] } {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, 5000) : "";
  };
  const values = Object.fromEntries([...ACTIVITY_FORM_FIELDS, ...SERIES_FORM_FIELDS].map((f) => [f, get(f)])) as ActivityFormValues;
  const ids = form
    .getAll("attendee")
    .filter((v): v is string => typeof v === "string")
    .slice(0, MAX_ATTENDEES + 1);
  const attendees = ids.map((id) => ({ participantId: id, present: get(`present_${id}`) === "on", minutes: get(`hours_${id}`) }));
  return { values, attendees };
}

/** Empty form values (the new-activity page starts from these). */
export function emptyActivityFormValues(overrides: Partial<ActivityFormValues> = {}): ActivityFormValues {
  const values = Object.fromEntries([...ACTIVITY_FORM_FIELDS, ...SERIES_FORM_FIELDS].map((f) => [f, ""])) as ActivityFormValues;
  return { ...values, format: "group", repeat: "weekly", ...overrides };
}

/** A stored activity as form values. */
export function toActivityFormValues(activity: {
  typeId: string;
  format: string;
  title: string;
  startsAt: Date | string;
  durationMinutes: number;
  areaId: string | null;
  partnerId: string | null;
  staffUserId: string | null;
  notes: string | null;
}): ActivityFormValues {
  const { day, time } = instantToBerlin(new Date(activity.startsAt));
  return emptyActivityFormValues({
    typeId: activity.typeId,
    format: activity.format,
    title: activity.title,
    date: isoDate(day).split("-").reverse().join("."),
    time,
    duration: hoursInputValue(activity.durationMinutes),
    areaId: activity.areaId ?? "",
    partnerId: activity.partnerId ?? "",
    staffUserId: activity.staffUserId ?? "",
    notes: activity.notes ?? "",
  });
}

// ---------------------------------------------------------------------------------------------- intents

export const newActivityIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("log") }),
  z.object({ intent: z.literal("series") }),
]);

export const activityDetailIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), version: z.coerce.number({ error: INVALID }).int().min(1) }),
  z.object({ intent: z.literal("delete"), version: z.coerce.number({ error: INVALID }).int().min(1) }),
]);

// ---------------------------------------------------------------------------------------------- activity types

export const activityTypeCreateSchema = z.object({
  actionFieldId: requiredId(),
  name: z.string({ error: REQUIRED }).trim().min(1, REQUIRED).max(120, "validation.tooLong" satisfies MessageKey),
  sortOrder: z
    .union([z.number(), z.string(), z.null(), z.undefined()]).optional()
    .transform((value, ctx): number => {
      if (isBlank(value)) return 0;
      const n = typeof value === "number" ? value : Number((value as string).trim());
      if (!Number.isInteger(n) || n < 0 || n > 9999) {
        ctx.addIssue(issue("activities.error.sortOrder", value));
        return z.NEVER;
      }
      return n;
    }),
});

export const activityTypeUpdateSchema = activityTypeCreateSchema.omit({ actionFieldId: true }).extend({ active: checkbox() });

export type ActivityTypeCreateInput = Loose<typeof activityTypeCreateSchema>;
export type ActivityTypeUpdateInput = Loose<typeof activityTypeUpdateSchema>;

export const activityTypeIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }),
  z.object({ intent: z.literal("update"), typeId: requiredId() }),
  z.object({ intent: z.literal("delete"), typeId: requiredId() }),
  z.object({ intent: z.literal("seed") }),
]);

// ---------------------------------------------------------------------------------------------- list query

/** The list's GET parameters; anything malformed falls back to "no filter" instead of failing. */
export const activityListQuerySchema = z.object({
  from: z.string().optional().transform((v) => parseDate(v) ?? undefined).catch(undefined),
  to: z.string().optional().transform((v) => parseDate(v) ?? undefined).catch(undefined),
  typeId: z.string().regex(ID_PATTERN).optional().catch(undefined),
  actionFieldId: z.string().regex(ID_PATTERN).optional().catch(undefined),
  areaId: z.string().regex(ID_PATTERN).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ActivityListQuery = z.output<typeof activityListQuerySchema>;

export function parseActivityListQuery(params: URLSearchParams): ActivityListQuery {
  const raw: Record<string, string> = {};
  for (const key of ["from", "to", "typeId", "actionFieldId", "areaId", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return activityListQuerySchema.parse(raw);
}

/** The attendance search's GET parameters. */
export const attendeeSearchQuerySchema = z.object({
  q: z.string().max(100).catch("").default("").transform((v) => v.trim().replace(/\s+/g, " ")),
  areaId: z.string().regex(ID_PATTERN).optional().catch(undefined),
  date: z.string().optional().transform((v) => parseDate(v) ?? undefined).catch(undefined),
  lastGroup: z.enum(["1"]).optional().catch(undefined),
  typeId: z.string().regex(ID_PATTERN).optional().catch(undefined),
  seriesId: z.string().regex(ID_PATTERN).optional().catch(undefined),
  excludeActivityId: z.string().regex(ID_PATTERN).optional().catch(undefined),
});
