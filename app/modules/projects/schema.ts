// Project set-up by admins (the grant notice's facts) and the action-field list: one schema per form,
// shared by the browser, the services and the CLI.
import { z } from "zod";
import {
  checkbox,
  choiceWithDefault,
  date,
  integer,
  optionalDate,
  optionalMoneyCents,
  optionalText,
  percentBp,
  stringList,
  text,
} from "~/utils/form-values";
import type { MessageKey } from "~/utils/i18n";

export const PROJECT_STATUSES = ["planned", "active", "closed"] as const;
export const FLAT_RATE_MODELS = ["none", "staff_costs_remaining", "indirect_on_staff", "indirect_on_direct"] as const;
export type FlatRateModel = (typeof FLAT_RATE_MODELS)[number];

/**
 * Upper limits of the simplified cost options in ESF Plus, basis points: a flat rate on direct staff
 * costs covering all other costs (≤ 40 %), indirect costs on staff costs (≤ 15 %) or on direct costs (≤ 7 %).
 */
export const FLAT_RATE_LIMITS_BP: Record<FlatRateModel, number> = {
  none: 0,
  staff_costs_remaining: 4000,
  indirect_on_staff: 1500,
  indirect_on_direct: 700,
};
const FLAT_RATE_LIMIT_MESSAGE: Record<FlatRateModel, MessageKey> = {
  none: "admin.projects.flatRateMustBeZero",
  staff_costs_remaining: "admin.projects.flatRateMax40",
  indirect_on_staff: "admin.projects.flatRateMax15",
  indirect_on_direct: "admin.projects.flatRateMax7",
};

/** ESF Plus + federal funds together: at most 90 %. */
export const MAX_FUNDING_RATE_BP = 9000;
export const DEFAULT_ANNUAL_HOURS = 1720;


const projectFields = {
  /** Upper-cased on input: "forst-2019" is stored as "FORST-2019". */
  code: z
    .string({ error: "validation.required" })
    .trim()
    .toUpperCase()
    .min(1, "validation.required")
    .max(32, "validation.tooLong")
    .regex(/^[A-Z0-9][A-Z0-9-]*$/, "admin.projects.codeFormat"),
  title: text(200),
  description: optionalText(5000),
  sponsor: optionalText(200),
  fundingRound: optionalText(100),
  startDate: date(),
  endDate: date(),
  status: choiceWithDefault(PROJECT_STATUSES, "active"),
  flatRateModel: choiceWithDefault(FLAT_RATE_MODELS, "none"),
  /** Percent in the form ("26" / "12,5"), basis points for callers passing a number. */
  flatRateBp: percentBp({ max: 10000, default: 0 }),
  annualHours: integer({ min: 1, max: 8784, default: DEFAULT_ANNUAL_HOURS }),
  maxFundingRateBp: percentBp({ max: MAX_FUNDING_RATE_BP, default: MAX_FUNDING_RATE_BP }),
  /** Euros in the form ("1.234,56"), cents for callers passing a number. */
  eligibleCostCents: optionalMoneyCents(),
  retentionYears: integer({ min: 1, max: 30, default: 5 }),
  finalStatementDate: optionalDate(),
  areaIds: stringList(),
  /** The subset of areaIds that are core areas (Kerngebiet); the others are extensions. */
  coreAreaIds: stringList(),
  actionFieldIds: stringList(),
};

type ProjectShape = { startDate: Date; endDate: Date; flatRateModel: FlatRateModel; flatRateBp: number };

// why: cross-field rules run only once both dates / the model and the rate parsed.
function checkProject(value: ProjectShape, ctx: z.RefinementCtx) {
  if (value.endDate.getTime() < value.startDate.getTime()) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "validation.endBeforeStart" satisfies MessageKey });
  }
  if (value.flatRateBp > FLAT_RATE_LIMITS_BP[value.flatRateModel]) {
    ctx.addIssue({ code: "custom", path: ["flatRateBp"], message: FLAT_RATE_LIMIT_MESSAGE[value.flatRateModel] });
  }
}

/** Every field of a project as the admin edits it. */
export const ProjectInputSchema = z.object(projectFields).superRefine(checkProject);
export type ProjectInputValues = z.input<typeof ProjectInputSchema>;
export type ProjectInput = z.output<typeof ProjectInputSchema>;

/**
 * Creating a project also accepts bare area names and action-field codes (the CLI: `createProject({ code,
 * title, startDate, endDate, areaNames: ["A", "B"], actionFieldCodes: ["HF1"] }, null)`); every field not
 * given takes its default.
 */
export const ProjectCreateSchema = z.object({ ...projectFields, areaNames: stringList(), actionFieldCodes: stringList() }).superRefine(checkProject);
export type ProjectCreateInput = z.input<typeof ProjectCreateSchema>;

export const ActionFieldInputSchema = z.object({
  code: z
    .string({ error: "validation.required" })
    .trim()
    .toUpperCase()
    .min(1, "validation.required")
    .max(16, "validation.tooLong")
    .regex(/^[A-Z0-9][A-Z0-9 ._-]*$/, "admin.projects.codeFormat"),
  name: text(200),
  nameEn: optionalText(200),
  description: optionalText(2000),
  sortOrder: integer({ min: -1000, max: 1000, default: 0 }),
  active: checkbox(),
});
export type ActionFieldInputValues = z.input<typeof ActionFieldInputSchema>;

/** The admin project page's actions; the route switches on `intent`. */
export const ProjectAdminIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update") }),
  z.object({ intent: z.literal("addMember") }),
  z.object({ intent: z.literal("changeRole") }),
  z.object({ intent: z.literal("removeMember") }),
]);

export const ActionFieldIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update") }),
  z.object({ intent: z.literal("remove") }),
]);
