// Forms and parameters of the progress report (Sachbericht): the period, the narrative save form and the
// export query. Shared by the page (client and server), the export route and the service. Messages are
// catalogue keys (app/locales/*/progress.ts). Pure: safe in the browser bundle.
import { z } from "zod";
import { isoDate, parseDate } from "~/utils/format";

/** Export formats of the progress report: PDF to print, DOCX for the lead to finish in Word. */
export const PROGRESS_EXPORT_FORMATS = ["pdf", "docx"] as const;
export type ProgressExportFormat = (typeof PROGRESS_EXPORT_FORMATS)[number];

/**
 * The fixed narrative sections, in report order. "action_field" appears once per action field of the
 * project (the narrative row carries the actionFieldId); the others once per period.
 */
export const NARRATIVE_SECTIONS = ["summary", "action_field", "challenges", "outlook"] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

/** Longest narrative text per section (characters): about eight pages, far above what a section needs. */
export const NARRATIVE_MAX_LENGTH = 20_000;

/** The key of one narrative slot on the page and in answers: `summary`, `action_field:<id>`, … */
export function narrativeKey(section: NarrativeSection, actionFieldId: string | null): string {
  return section === "action_field" ? `action_field:${actionFieldId ?? ""}` : section;
}

/** A calendar day, `YYYY-MM-DD` or `TT.MM.JJJJ` (or a Date from a service caller); "" / absent = null. */
const optionalDay = z
  .union([z.date(), z.string().trim().max(10, "reports.progress.invalidDate")])
  .nullish()
  .transform((value, ctx) => {
    if (value instanceof Date) return value;
    if (!value) return null;
    const date = parseDate(value);
    if (!date) {
      ctx.issues.push({ code: "custom", message: "reports.progress.invalidDate", input: value });
      return z.NEVER;
    }
    return date;
  });

const fromNotAfterTo = (value: { from: Date | null; to: Date | null }, ctx: z.RefinementCtx) => {
  if (value.from && value.to && value.from.getTime() > value.to.getTime()) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "reports.progress.fromAfterTo" });
  }
};

/** The report period of the page: both bounds optional (the service picks a default year), inclusive. */
export const ProgressPeriodSchema = z.object({ from: optionalDay, to: optionalDay }).superRefine(fromNotAfterTo);
export type ProgressPeriodInput = z.input<typeof ProgressPeriodSchema>;

/** Query of the export resource route: the period plus the format. */
export const ProgressExportQuerySchema = z
  .object({
    format: z.enum(PROGRESS_EXPORT_FORMATS, { message: "reports.progress.invalidFormat" }),
    from: optionalDay,
    to: optionalDay,
  })
  .superRefine(fromNotAfterTo);

/** The narrative save form: one section of one period, with the version the text was loaded with (0 = new). */
export const NarrativeSaveSchema = z
  .object({
    from: optionalDay.refine((value) => value !== null, "reports.progress.periodRequired"),
    to: optionalDay.refine((value) => value !== null, "reports.progress.periodRequired"),
    section: z.enum(NARRATIVE_SECTIONS, { message: "reports.progress.invalidSection" }),
    actionFieldId: z
      .string()
      .trim()
      .max(64, "validation.invalid")
      .nullish()
      .transform((value) => value || null),
    // why: trailing blanks and line breaks are dropped, the text itself stays exactly as typed.
    body: z.string({ message: "validation.invalid" }).transform((value) => value.replace(/\s+$/, "")).pipe(z.string().max(NARRATIVE_MAX_LENGTH, "reports.progress.bodyTooLong")),
    version: z.coerce.number({ message: "validation.invalid" }).int("validation.invalid").min(0, "validation.invalid"),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from.getTime() > value.to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "reports.progress.fromAfterTo" });
    }
    if (value.section === "action_field" && !value.actionFieldId) {
      ctx.addIssue({ code: "custom", path: ["actionFieldId"], message: "reports.progress.actionFieldUnknown" });
    }
    if (value.section !== "action_field" && value.actionFieldId) {
      ctx.addIssue({ code: "custom", path: ["actionFieldId"], message: "reports.progress.actionFieldUnknown" });
    }
  });
export type NarrativeSaveInput = { [K in keyof z.input<typeof NarrativeSaveSchema>]?: unknown };

/** A preset period of the picker: calendar years and half-years, clipped to the project duration (ISO days). */
export interface PeriodPreset {
  kind: "year" | "half";
  year: number;
  /** 1 or 2 for half-years. */
  half?: 1 | 2;
  from: string;
  to: string;
}

const DAY = 86_400_000;
const utcDay = (date: Date) => Math.floor(date.getTime() / DAY) * DAY;

/** Each calendar year of the project followed by its two half-years, clipped to the duration; empty halves left out. */
export function progressPeriodPresets(project: { startDate: Date | string; endDate: Date | string }): PeriodPreset[] {
  const start = utcDay(new Date(project.startDate));
  const end = utcDay(new Date(project.endDate));
  const presets: PeriodPreset[] = [];
  const clip = (from: number, to: number) => {
    const f = Math.max(from, start);
    const t = Math.min(to, end);
    return f <= t ? { from: isoDate(new Date(f)), to: isoDate(new Date(t)) } : null;
  };
  for (let year = new Date(start).getUTCFullYear(); year <= new Date(end).getUTCFullYear(); year++) {
    const whole = clip(Date.UTC(year, 0, 1), Date.UTC(year, 11, 31));
    if (whole) presets.push({ kind: "year", year, ...whole });
    const first = clip(Date.UTC(year, 0, 1), Date.UTC(year, 5, 30));
    const second = clip(Date.UTC(year, 6, 1), Date.UTC(year, 11, 31));
    if (first) presets.push({ kind: "half", year, half: 1, ...first });
    if (second) presets.push({ kind: "half", year, half: 2, ...second });
  }
  return presets;
}

/**
 * The period shown when none is asked for: the calendar year (clipped to the project) that contains
 * today; before the start the first year, after the end the last one.
 */
export function defaultProgressPeriod(project: { startDate: Date | string; endDate: Date | string }, now = new Date()): { from: string; to: string } {
  const years = progressPeriodPresets(project).filter((preset) => preset.kind === "year");
  if (years.length === 0) return { from: isoDate(new Date(project.startDate)), to: isoDate(new Date(project.startDate)) };
  const today = isoDate(now);
  const current = years.find((preset) => preset.from <= today && today <= preset.to);
  if (current) return { from: current.from, to: current.to };
  const last = years[years.length - 1];
  return today > (last?.to ?? "") ? { from: last.from, to: last.to } : { from: years[0].from, to: years[0].to };
}
