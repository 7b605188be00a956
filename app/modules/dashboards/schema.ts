// The project dashboard's filter form (GET, kept in the URL): period, programme area, action field.
// Messages are catalogue keys (app/locales/*/dashboards.ts).
import { z } from "zod";
import { parseDate } from "~/utils/format";

/** An optional calendar day, `YYYY-MM-DD` or `TT.MM.JJJJ`; "" or absent = not given (null). */
const optionalDay = z
  .string()
  .trim()
  .max(10, "validation.date")
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = parseDate(value);
    if (!date) {
      ctx.issues.push({ code: "custom", message: "validation.date", input: value });
      return z.NEVER;
    }
    return date;
  });

/** An optional id from a select; "" or absent = all. */
const optionalId = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || /^[a-z0-9_-]{1,64}$/i.test(value), "validation.invalid")
  .transform((value) => (value ? value : null));

/** Dashboard filters; missing bounds default to the project duration, `from` after `to` is an error on `to`. */
export const DashboardFilterSchema = z
  .object({ from: optionalDay, to: optionalDay, areaId: optionalId, actionFieldId: optionalId })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from.getTime() > value.to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "dashboards.fromAfterTo" });
    }
  });
export type DashboardFilterInput = z.input<typeof DashboardFilterSchema>;
export type DashboardFilter = z.output<typeof DashboardFilterSchema>;
