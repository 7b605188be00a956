// Reporting-period forms (Berichtszeiträume), shared by the page and the service. Messages are catalogue keys.
import { z } from "zod";
import { checkbox, date, text } from "~/utils/form-values";

/** A new period: first and last day, both inclusive. */
export const PeriodCreateSchema = z.object({ start: date(), end: date() });
export type PeriodCreateInput = z.input<typeof PeriodCreateSchema>;

/** Reopening needs a reason; it goes into the audit trail. */
export const PeriodReopenSchema = z.object({ reason: text(500) });
export type PeriodReopenInput = z.input<typeof PeriodReopenSchema>;

const periodId = () => z.string({ error: "validation.invalid" }).trim().regex(/^[a-z0-9_-]{1,64}$/i, "validation.invalid");

/** A preset button's value "YYYY-MM-DD_YYYY-MM-DD" → start and end (the add form's quick choices). */
export function splitPreset(value: unknown): { start: string; end: string } | null {
  const match = typeof value === "string" ? /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(value) : null;
  return match ? { start: match[1], end: match[2] } : null;
}

/** The page's actions, switched on `intent`. */
export const PeriodActionSchema = z.discriminatedUnion("intent", [
  PeriodCreateSchema.extend({ intent: z.literal("create") }),
  z.object({ intent: z.literal("close"), periodId: periodId(), confirm: checkbox().refine((checked) => checked, "periods.closeConfirmMissing") }),
  PeriodReopenSchema.extend({ intent: z.literal("reopen"), periodId: periodId() }),
  z.object({ intent: z.literal("delete"), periodId: periodId() }),
], { error: "validation.invalid" });
