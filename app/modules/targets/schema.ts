// Target forms, shared by the browser and the service. A target names an indicator, an optional scope
// (calendar year, programme area) and the value to reach. Actuals of built-in indicators are computed
// from the records (actuals.server.ts); only "custom" targets take manually entered actuals.
import { z } from "zod";
import { version } from "~/modules/milestones/schema";
import { ESF_INDICATORS, type EsfIndicator } from "~/modules/participants/codes";
import { choice, date, optionalInteger, optionalText } from "~/utils/form-values";
import type { MessageKey } from "~/utils/i18n";

/** Indicators computed from the app's own records besides the ESF codes. */
export const BUILT_IN_INDICATORS = ["employability_improved", "businesses_supported", "activities_held", "hours_delivered"] as const;
export type BuiltInIndicator = (typeof BUILT_IN_INDICATORS)[number];

export const CUSTOM_INDICATOR = "custom" as const;

export const TARGET_INDICATORS = [...ESF_INDICATORS, ...BUILT_IN_INDICATORS, CUSTOM_INDICATOR] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];

export function isEsfIndicator(value: string): value is EsfIndicator {
  return (ESF_INDICATORS as readonly string[]).includes(value);
}

/** Catalogue key of a built-in or custom indicator's name (ESF codes use ESF_INDICATOR_LABELS). */
export function indicatorLabelKey(indicator: BuiltInIndicator | typeof CUSTOM_INDICATOR): MessageKey {
  return `targets.indicator.${indicator}` as MessageKey;
}

const ID_PATTERN = /^[a-z0-9_-]{1,64}$/i;
/** A select of ids where the empty option means "none": "" / null / undefined → null. */
const optionalId = () =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .refine((value) => value === "" || ID_PATTERN.test(value), "validation.invalid")
    .nullish()
    .transform((value) => (value ? value : null));

/** A whole number that must be given (German input "1.200" = 1200). */
const requiredInteger = (options: { min: number; max: number }) => optionalInteger(options).pipe(z.number({ error: "validation.required" }));

const id = () => z.string({ error: "validation.invalid" }).trim().regex(/^[a-z0-9_-]{1,64}$/i, "validation.invalid");

/**
 * A target. Custom indicators need a name; the year (empty = whole project duration) must lie within the
 * project and the area must be one of the project's (checked by the service, which knows the project).
 */
export const TargetSchema = z
  .object({
    indicator: choice(TARGET_INDICATORS),
    customName: optionalText(200),
    year: optionalInteger({ min: 1990, max: 2100 }),
    areaId: optionalId(),
    targetValue: requiredInteger({ min: 1, max: 10_000_000 }),
    note: optionalText(2000),
  })
  .refine((value) => value.indicator !== CUSTOM_INDICATOR || Boolean(value.customName), {
    path: ["customName"],
    message: "targets.customNameRequired",
    // why: also report a missing name when other fields are wrong, so every error shows at once. The check
    // only reads `indicator` and `customName`, and an invalid value of either never looks like "custom, no name".
    when: () => true,
  })
  .transform((value) => ({
    ...value,
    // why: a name only means something for custom indicators; built-ins are named by the catalogue.
    customName: value.indicator === CUSTOM_INDICATOR ? value.customName : null,
  }));
export type TargetInput = z.input<typeof TargetSchema>;
export type TargetData = z.output<typeof TargetSchema>;

export const TARGET_FIELDS = ["indicator", "customName", "year", "areaId", "targetValue", "note"] as const;

/** A manually entered actual of a custom target: date (within the target's period), value, note. */
export const TargetActualSchema = z.object({
  date: date(),
  value: requiredInteger({ min: 0, max: 10_000_000 }),
  note: optionalText(500),
});
export type TargetActualInput = z.input<typeof TargetActualSchema>;

export const TARGET_ACTUAL_FIELDS = ["date", "value", "note"] as const;

/** The detail page's actions, switched on `intent`. */
export const TargetActionSchema = z.discriminatedUnion("intent", [
  z.looseObject({ intent: z.literal("update"), version: version() }),
  z.object({ intent: z.literal("delete"), version: version() }),
  z.looseObject({ intent: z.literal("addActual") }),
  z.object({ intent: z.literal("deleteActual"), actualId: id() }),
]);
