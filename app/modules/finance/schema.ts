// Finance forms, shared by the browser (react-hook-form) and the service (the authority).
// Messages are catalogue keys. Money is typed the German way ("1.234,56") and becomes integer cents.
import { z } from "zod";
import { parseMoney } from "~/utils/format";
import { choice, date, optionalDate, optionalDecimal, optionalText, text } from "~/utils/form-values";
import { DIRECT_CATEGORIES, FINANCING_KINDS } from "./money";

const ID_PATTERN = /^[a-z0-9_-]{1,64}$/i;
const id = () => z.string({ error: "validation.invalid" }).trim().regex(ID_PATTERN, "validation.invalid");
/** A select of ids where the empty option means "none". */
const optionalId = () =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .refine((value) => value === "" || ID_PATTERN.test(value), "validation.invalid")
    .nullish()
    .transform((value) => (value ? value : null));

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/**
 * A required amount in cents: a typed string ("1.234,56") or a number of cents. `positive` refuses 0 too.
 * Negative amounts get their own message (finance.amountNegative), not the generic one.
 */
export function moneyCents(options: { positive: boolean }) {
  return z
    .union([z.number(), z.string(), z.null()], { error: "form.money" })
    .optional()
    .transform((value, ctx): number => {
      if (isBlank(value)) {
        ctx.addIssue({ code: "custom", message: "validation.required", input: value });
        return z.NEVER;
      }
      const cents = typeof value === "number" ? value : parseMoney(value as string);
      if (cents === null || !Number.isSafeInteger(cents)) {
        ctx.addIssue({ code: "custom", message: "form.money", input: value });
        return z.NEVER;
      }
      if (cents < 0 || (options.positive && cents === 0)) {
        ctx.addIssue({ code: "custom", message: options.positive ? "finance.amountPositive" : "finance.amountNegative", input: value });
        return z.NEVER;
      }
      return cents;
    });
}

/** A category a person may type: staff, fees, material (flat rates are computed, so "flat_rate" is unknown here). */
const category = () =>
  z.union([z.string(), z.null()]).optional().transform((value, ctx) => {
    if (isBlank(value)) {
      ctx.addIssue({ code: "custom", message: "validation.required", input: value });
      return z.NEVER;
    }
    const found = DIRECT_CATEGORIES.find((c) => c === (value as string).trim());
    if (!found) {
      ctx.addIssue({ code: "custom", message: "finance.unknownCategory", input: value });
      return z.NEVER;
    }
    return found;
  });

export const FinancingSourceSchema = z.object({
  kind: choice(FINANCING_KINDS),
  name: text(200),
  amountCents: moneyCents({ positive: true }),
  note: optionalText(1000),
});
export type FinancingSourceInput = z.input<typeof FinancingSourceSchema>;

const year = () =>
  z
    .union([z.number(), z.string()], { error: "validation.number" })
    .transform((value) => (typeof value === "number" ? value : Number(value.trim())))
    .pipe(z.number({ error: "validation.number" }).int("form.wholeNumber").min(2000, "form.outOfRange").max(2100, "form.outOfRange"));

export const BudgetLineSchema = z.object({
  year: year(),
  category: category(),
  partnerId: optionalId(),
  amountCents: moneyCents({ positive: false }),
  note: optionalText(1000),
});
export type BudgetLineInput = z.input<typeof BudgetLineSchema>;

/** Staff month as "2021-03" or "03.2021" → "2021-03". */
const staffMonth = () =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((value, ctx): string | null => {
      if (isBlank(value)) return null;
      const v = (value as string).trim();
      let match = /^(\d{4})-(\d{1,2})$/.exec(v);
      let result: string | null = null;
      if (match) result = `${match[1]}-${match[2].padStart(2, "0")}`;
      else if ((match = /^(\d{1,2})[./](\d{4})$/.exec(v))) result = `${match[2]}-${match[1].padStart(2, "0")}`;
      const month = result ? Number(result.slice(5)) : 0;
      if (!result || month < 1 || month > 12) {
        ctx.addIssue({ code: "custom", message: "finance.staffMonthInvalid", input: value });
        return z.NEVER;
      }
      return result;
    });

export const ExpenseSchema = z.object({
  date: date(),
  category: category(),
  partnerId: optionalId(),
  payee: text(200),
  purpose: text(500),
  receiptNo: text(60),
  amountCents: moneyCents({ positive: true }),
  paidAt: optionalDate(),
  staffPerson: optionalText(200),
  staffMonth: staffMonth(),
  staffHours: optionalDecimal({ min: 0, max: 744 }),
});
export type ExpenseInput = z.input<typeof ExpenseSchema>;
export type ExpenseData = z.output<typeof ExpenseSchema>;
export const EXPENSE_FIELDS = ["date", "category", "partnerId", "payee", "purpose", "receiptNo", "amountCents", "paidAt", "staffPerson", "staffMonth", "staffHours"] as const;

export const ClaimPeriodSchema = z.object({
  periodStart: date(),
  periodEnd: date(),
  dueDate: optionalDate(),
  note: optionalText(1000),
});
export type ClaimPeriodInput = z.input<typeof ClaimPeriodSchema>;

export const CLAIM_STATUSES = ["draft", "submitted", "paid", "rejected"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ClaimStatusSchema = z.object({
  claimId: id(),
  status: choice(CLAIM_STATUSES),
  paidAmountCents: z.union([z.number(), z.string(), z.null()]).optional().transform((value, ctx): number | null => {
    if (isBlank(value)) return null;
    const cents = typeof value === "number" ? value : parseMoney(value as string);
    if (cents === null || !Number.isSafeInteger(cents) || cents < 0) {
      ctx.addIssue({ code: "custom", message: "form.money", input: value });
      return z.NEVER;
    }
    return cents;
  }),
  paidAt: optionalDate(),
});
export type ClaimStatusInput = z.input<typeof ClaimStatusSchema>;

/** The plan page's actions. */
export const PlanActionSchema = z.discriminatedUnion("intent", [
  FinancingSourceSchema.extend({ intent: z.literal("create") }),
  FinancingSourceSchema.extend({ intent: z.literal("update"), sourceId: id() }),
  z.object({ intent: z.literal("delete"), sourceId: id() }),
]);

/** The budget page's actions. */
export const BudgetActionSchema = z.discriminatedUnion("intent", [
  BudgetLineSchema.extend({ intent: z.literal("create") }),
  BudgetLineSchema.extend({ intent: z.literal("update"), lineId: id() }),
  z.object({ intent: z.literal("delete"), lineId: id() }),
]);

/** The expense list's filters (GET); anything unknown is ignored. */
export const ExpenseFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  category: z.enum(DIRECT_CATEGORIES).optional().catch(undefined),
  partner: z.string().regex(ID_PATTERN).optional().catch(undefined),
  claimed: z.enum(["yes", "no"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type ExpenseFilter = z.output<typeof ExpenseFilterSchema>;

export const REPORT_FORMATS = ["xlsx", "csv", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const ReportQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
export const ReportExportQuerySchema = ReportQuerySchema.extend({
  format: z.enum(REPORT_FORMATS, { error: "validation.invalid" }),
});
