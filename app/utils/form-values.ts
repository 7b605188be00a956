// Building blocks for the one zod schema per form that client (react-hook-form) and server share.
// Every field accepts both what a form sends (strings, "on", several values) and the typed value a
// service caller passes (number, Date, boolean, string[]), and turns either into the typed value. So
// `schema.parse(schema.parse(x))` works: the CLI and tests call services with plain values, routes with
// form values. Messages are catalogue keys (see validation.ts). Pure: safe in the browser bundle.
import { z } from "zod";
import type { MessageKey } from "./i18n";
import { parseDate, parseMoney } from "./format";
import { fieldErrorsFromZod, ValidationError } from "./validation";

const REQUIRED: MessageKey = "validation.required";
const TOO_LONG: MessageKey = "validation.tooLong";
const INVALID: MessageKey = "validation.invalid";
const NUMBER: MessageKey = "validation.number";
const DATE: MessageKey = "validation.date";

type Issue = { code: "custom"; message: MessageKey; input: unknown };
const issue = (message: MessageKey, input: unknown): Issue => ({ code: "custom", message, input });
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** Required single-line text: trimmed, not empty, at most `max` characters. */
export function text(max = 200) {
  return z.string({ error: REQUIRED }).trim().min(1, REQUIRED).max(max, TOO_LONG);
}

/** Optional text: trimmed; empty becomes null. */
export function optionalText(max = 2000) {
  return z
    .string({ error: INVALID })
    .trim()
    .max(max, TOO_LONG)
    .nullish()
    .transform((value) => (value ? value : null));
}

/** One of `values`; an empty select answers "required". */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (iss) => (isBlank(iss.input) ? REQUIRED : INVALID) });
}

/** One of `values`, or `fallback` when empty or not given. */
export function choiceWithDefault<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z
    .union([z.enum(values), z.literal(""), z.null()], { error: INVALID }).optional()
    .transform((value): T[number] => value || fallback);
}

/** A checkbox: true for a checked box ("on"), `true`, "true" or "1"; false for anything else. */
export function checkbox() {
  return z
    .union([z.boolean(), z.string(), z.null()]).optional()
    .transform((value) => value === true || value === "on" || value === "true" || value === "1");
}

/** Several values of one name (checkbox group, multi-select): trimmed, empty ones dropped, no duplicates. */
export function stringList(maxItems = 500) {
  return z
    .union([z.array(z.string()), z.string(), z.literal(false), z.null()], { error: INVALID }).optional()
    .transform((value) => {
      const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
      return [...new Set(list.map((item) => item.trim()).filter(Boolean))];
    })
    .pipe(z.array(z.string()).max(maxItems, TOO_LONG));
}

function toDate(value: Date | string, ctx: z.RefinementCtx): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) ctx.addIssue(issue(DATE, value));
    return value;
  }
  const parsed = parseDate(value);
  if (!parsed) {
    ctx.addIssue(issue(DATE, value));
    return z.NEVER;
  }
  return parsed;
}

/** A calendar date typed as TT.MM.JJJJ or YYYY-MM-DD (or a Date) → UTC midnight. */
export function date() {
  return z
    .union([z.date(), z.string()], { error: (iss) => (isBlank(iss.input) ? REQUIRED : DATE) })
    .transform((value, ctx) => {
      if (typeof value === "string" && !value.trim()) {
        ctx.addIssue(issue(REQUIRED, value));
        return z.NEVER;
      }
      return toDate(value, ctx);
    });
}

/** Like date(), but empty means null. */
export function optionalDate() {
  return z
    .union([z.date(), z.string(), z.null()], { error: DATE })
    .optional()
    .transform((value, ctx): Date | null => (isBlank(value) ? null : toDate(value as Date | string, ctx)));
}

/**
 * German decimal input → number: "18,3", "1.234,5", "303"; "18.3" is read as a decimal point unless it
 * looks like thousands grouping ("1.234" = 1234, as German users write it). null when not a number.
 */
export function parseDecimal(input: string): number | null {
  const value = input.replace(/[\s\u00a0%]/g, "");
  if (!value) return null;
  let normalised: string;
  if (value.includes(",")) {
    if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(value) && !/^-?\d+(,\d+)?$/.test(value)) return null;
    normalised = value.replace(/\./g, "").replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(value)) {
    normalised = value.replace(/\./g, "");
  } else if (/^-?\d+(\.\d+)?$/.test(value)) {
    normalised = value;
  } else return null;
  const result = Number(normalised);
  return Number.isFinite(result) ? result : null;
}

/** A number for a form field: 18.3 → "18,3" (no grouping, so it reads back unchanged). */
export function decimalInputValue(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value).replace(".", ",");
}

interface NumberOptions {
  min?: number;
  max?: number;
}

function numberField(options: NumberOptions & { integer: boolean }) {
  return z
    .union([z.number(), z.string(), z.null()], { error: NUMBER }).optional()
    .transform((value, ctx): number | null => {
      if (isBlank(value)) return null;
      const number = typeof value === "number" ? value : parseDecimal(value as string);
      if (number === null || !Number.isFinite(number)) {
        ctx.addIssue(issue(NUMBER, value));
        return z.NEVER;
      }
      if (options.integer && !Number.isInteger(number)) {
        ctx.addIssue(issue("form.wholeNumber", value));
        return z.NEVER;
      }
      if ((options.min !== undefined && number < options.min) || (options.max !== undefined && number > options.max)) {
        ctx.addIssue(issue("form.outOfRange", value));
        return z.NEVER;
      }
      return number;
    });
}

/** Optional decimal (German comma accepted); empty → null. */
export function optionalDecimal(options: NumberOptions = {}) {
  return numberField({ ...options, integer: false });
}

/** Optional whole number ("6.638" = 6638); empty → null. */
export function optionalInteger(options: NumberOptions = {}) {
  return numberField({ ...options, integer: true });
}

/** Whole number with a default when left empty. */
export function integer(options: NumberOptions & { default: number }) {
  return numberField({ ...options, integer: true }).transform((value) => value ?? options.default);
}

/**
 * A percentage stored as basis points. A string is what a person types ("26", "12,5" → 2600, 1250);
 * a number is already basis points (what services and the CLI pass). Empty → `default`.
 */
export function percentBp(options: { max: number; default: number }) {
  return z
    .union([z.number(), z.string(), z.null()], { error: NUMBER }).optional()
    .transform((value, ctx): number => {
      if (isBlank(value)) return options.default;
      let bp: number;
      if (typeof value === "number") bp = value;
      else {
        const percent = parseDecimal(value as string);
        if (percent === null) {
          ctx.addIssue(issue(NUMBER, value));
          return z.NEVER;
        }
        bp = Math.round(percent * 100);
        if (Math.abs(bp - percent * 100) > 1e-6) {
          ctx.addIssue(issue("form.percentPrecision", value));
          return z.NEVER;
        }
      }
      if (!Number.isInteger(bp) || bp < 0 || bp > options.max) {
        ctx.addIssue(issue("form.outOfRange", value));
        return z.NEVER;
      }
      return bp;
    });
}

/** Basis points for a form field: 2650 → "26,5". */
export function percentInputValue(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? "" : decimalInputValue(bp / 100);
}

/**
 * Optional money amount in cents. A string is typed by a person ("1.234,56", "1234.5");
 * a number is already cents. Empty → null; negative amounts are refused.
 */
export function optionalMoneyCents() {
  return z
    .union([z.number(), z.string(), z.null()], { error: "form.money" }).optional()
    .transform((value, ctx): number | null => {
      if (isBlank(value)) return null;
      const cents = typeof value === "number" ? value : parseMoney(value as string);
      if (cents === null || !Number.isSafeInteger(cents) || cents < 0) {
        ctx.addIssue(issue("form.money", value));
        return z.NEVER;
      }
      return cents;
    });
}

/** Cents for a form field: 123456 → "1.234,56". */
export function moneyInputValue(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

export type FormValues = Record<string, string | string[]>;

/** FormData → plain values: `lists` names keep every value, all others their first; files are dropped. */
export function formDataToValues(formData: FormData, lists: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((entry): entry is string => typeof entry === "string");
    values[key] = lists.includes(key) ? all : all[0] ?? "";
  }
  for (const key of lists) values[key] ??= [];
  return values;
}

/** The values to send back with a validation error, without secrets (passwords are never echoed). */
export function echoValues(values: FormValues, secrets: readonly string[] = []): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !secrets.includes(key) && key !== "intent"));
}

/** Parses `raw` with `schema`; on failure throws a ValidationError with the issues per field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error.issues));
  return result.data;
}
