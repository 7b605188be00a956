// Milestone forms, shared by the browser (react-hook-form) and the service (the authority).
// Messages are catalogue keys. Dates arrive as YYYY-MM-DD (<input type="date">) or TT.MM.JJJJ.
import { z } from "zod";
import { choice, date, optionalDate, optionalText, text } from "~/utils/form-values";

export const MILESTONE_STATUSES = ["planned", "in_progress", "done", "delayed"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** List filter values: a stored status, or a computed state of open milestones. */
export const MILESTONE_STATUS_FILTERS = [...MILESTONE_STATUSES, "open", "overdue", "due_soon"] as const;
export type MilestoneStatusFilter = (typeof MILESTONE_STATUS_FILTERS)[number];

const id = () => z.string({ error: "validation.invalid" }).trim().regex(/^[a-z0-9_-]{1,64}$/i, "validation.invalid");
const ID_PATTERN = /^[a-z0-9_-]{1,64}$/i;
/** A select of ids where the empty option means "none": "" / null / undefined → null. */
const optionalId = () =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .refine((value) => value === "" || ID_PATTERN.test(value), "validation.invalid")
    .nullish()
    .transform((value) => (value ? value : null));

/** The optimistic-concurrency version the editor read (hidden field). */
export const version = () =>
  z
    .union([z.number(), z.string()], { error: "validation.invalid" })
    .transform((value) => Number(value))
    .pipe(z.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid"));

/**
 * Create / edit. Status "done" needs a completion date; left empty the service takes today.
 * For any other status the completion date is dropped (the evidence note stays).
 */
export const MilestoneSchema = z.object({
  title: text(200),
  description: optionalText(4000),
  dueDate: date(),
  status: choice(MILESTONE_STATUSES),
  ownerUserId: optionalId(),
  actionFieldId: optionalId(),
  completedAt: optionalDate(),
  evidenceNote: optionalText(4000),
});
export type MilestoneInput = z.input<typeof MilestoneSchema>;
export type MilestoneData = z.output<typeof MilestoneSchema>;

/** Marking a milestone done: completion date (default today) and an optional note on the evidence. */
export const MilestoneCompleteSchema = z.object({
  completedAt: optionalDate(),
  evidenceNote: optionalText(4000),
});
export type MilestoneCompleteInput = z.input<typeof MilestoneCompleteSchema>;

/** The detail page's actions, switched on `intent`. */
export const MilestoneActionSchema = z.discriminatedUnion("intent", [
  MilestoneSchema.extend({ intent: z.literal("update"), version: version() }),
  MilestoneCompleteSchema.extend({ intent: z.literal("complete"), version: version() }),
  z.object({ intent: z.literal("delete"), version: version() }),
]);

/** GET parameters of the list; anything unknown falls back to "all". */
export const MilestoneListQuerySchema = z.object({
  status: z.enum(MILESTONE_STATUS_FILTERS).optional().catch(undefined),
  actionField: z.string().regex(/^[a-z0-9_-]{1,64}$/i).optional().catch(undefined),
});
export type MilestoneListQuery = z.output<typeof MilestoneListQuerySchema>;

/** Form fields in form order (for echoing values back). */
export const MILESTONE_FIELDS = ["title", "description", "dueDate", "status", "ownerUserId", "actionFieldId", "completedAt", "evidenceNote"] as const;
