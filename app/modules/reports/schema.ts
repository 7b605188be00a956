// Forms and parameters of the reports area, shared by the period form (client and server), the export
// resource route and the `biwaq report esf` command. Messages are catalogue keys (app/locales/*/reports.ts).
import { z } from "zod";
import { parseDate } from "~/utils/format";

/** Export formats of the ESF indicator report. */
export const ESF_EXPORT_FORMATS = ["csv", "xlsx", "pdf", "json"] as const;
export type EsfExportFormat = (typeof ESF_EXPORT_FORMATS)[number];

/** An optional calendar day, `YYYY-MM-DD` or `TT.MM.JJJJ`; "" or absent = not given (null). */
const optionalDay = z
  .string()
  .trim()
  .max(10, "reports.esf.invalidDate")
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = parseDate(value);
    if (!date) {
      ctx.issues.push({ code: "custom", message: "reports.esf.invalidDate", input: value });
      return z.NEVER;
    }
    return date;
  });

/**
 * The report period: both bounds optional (the caller fills in the project's duration), both inclusive.
 * `from` after `to` is an error on `to`.
 */
export const EsfPeriodSchema = z
  .object({ from: optionalDay, to: optionalDay })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from.getTime() > value.to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "reports.esf.fromAfterTo" });
    }
  });
export type EsfPeriodInput = z.input<typeof EsfPeriodSchema>;
export type EsfPeriod = z.output<typeof EsfPeriodSchema>;

/** Query of the export resource route: the period plus the format. */
export const EsfExportQuerySchema = z
  .object({
    format: z.enum(ESF_EXPORT_FORMATS, { message: "reports.esf.invalidFormat" }),
    from: optionalDay,
    to: optionalDay,
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from.getTime() > value.to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "reports.esf.fromAfterTo" });
    }
  });
