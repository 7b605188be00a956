// Form schemas of supported organisations (HF 2 local economy), shared by browser and server.
// Every message is a catalogue key. Pure: safe in the browser bundle.
import { z } from "zod";
import { checkbox, choice, optionalDate, optionalText, text } from "~/utils/form-values";
import type { Loose } from "~/modules/activities/schema";
import type { MessageKey } from "~/utils/i18n";

export const ORGANISATION_KINDS = ["business", "public_body"] as const;
export const SIZE_CLASSES = ["micro", "small", "medium", "large"] as const;
export const SUPPORT_TYPES = ["advice", "event", "placement", "networking", "other"] as const;
export const ORGANISATION_PAGE_SIZE = 25;

const ID_PATTERN = /^[a-z0-9_-]{1,64}$/i;
const INVALID: MessageKey = "validation.invalid";

function optionalId() {
  return z.union([z.string(), z.null(), z.undefined()], { error: INVALID }).optional().transform((value, ctx): string | null => {
    const raw = (value ?? "").trim();
    if (!raw) return null;
    if (!ID_PATTERN.test(raw)) {
      ctx.addIssue({ code: "custom", message: INVALID, input: value });
      return z.NEVER;
    }
    return raw;
  });
}

/** Optional text that must match `pattern` when given. */
function optionalPattern(pattern: RegExp, message: MessageKey, max: number) {
  return optionalText(max).transform((value, ctx) => {
    if (value && !pattern.test(value)) ctx.addIssue({ code: "custom", message, input: value });
    return value;
  });
}

const optionalSizeClass = z
  .union([z.enum(SIZE_CLASSES), z.literal(""), z.null(), z.undefined()], { error: INVALID }).optional()
  .transform((value) => value || null);

/** Register and edit an organisation. Businesses need a size class; public bodies have none. */
export const organisationSchema = z
  .object({
    name: text(200),
    kind: choice(ORGANISATION_KINDS),
    sector: optionalText(120),
    sizeClass: optionalSizeClass,
    socialEnterprise: checkbox(),
    cooperative: checkbox(),
    soloSelfEmployed: checkbox(),
    street: optionalText(200),
    postcode: optionalPattern(/^\d{5}$/, "organisations.error.postcode", 5),
    city: optionalText(100),
    areaId: optionalId(),
    contactName: optionalText(200),
    contactEmail: optionalPattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "validation.email", 254),
    contactPhone: optionalPattern(/^[0-9+()/\-. ]{3,40}$/, "organisations.error.phone", 40),
    notes: optionalText(4000),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "business" && !value.sizeClass) {
      ctx.addIssue({ code: "custom", path: ["sizeClass"], message: "organisations.error.sizeClassRequired" satisfies MessageKey });
    }
  })
  .transform((value) => (value.kind === "public_body" ? { ...value, sizeClass: null, soloSelfEmployed: false } : value));

export type OrganisationInput = Loose<typeof organisationSchema>;
export type OrganisationValues = z.output<typeof organisationSchema>;

export const ORGANISATION_FORM_FIELDS = [
  "name",
  "kind",
  "sector",
  "sizeClass",
  "socialEnterprise",
  "cooperative",
  "soloSelfEmployed",
  "street",
  "postcode",
  "city",
  "areaId",
  "contactName",
  "contactEmail",
  "contactPhone",
  "notes",
] as const;
export type OrganisationFormValues = Record<(typeof ORGANISATION_FORM_FIELDS)[number], string>;

/** A support (advice, event, placement …): standalone with a date, or linked to an activity (date defaults to the activity's day). */
export const supportSchema = z.object({
  date: optionalDate(),
  type: choice(SUPPORT_TYPES),
  activityId: optionalId(),
  notes: optionalText(2000),
});

export type SupportInput = Loose<typeof supportSchema>;
export const SUPPORT_FORM_FIELDS = ["date", "type", "activityId", "notes"] as const;
export type SupportFormValues = Record<(typeof SUPPORT_FORM_FIELDS)[number], string>;

export const organisationIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), version: z.coerce.number({ error: INVALID }).int().min(1) }),
  z.object({ intent: z.literal("delete"), version: z.coerce.number({ error: INVALID }).int().min(1) }),
  z.object({ intent: z.literal("addSupport") }),
  z.object({ intent: z.literal("removeSupport"), supportId: z.string().regex(ID_PATTERN, INVALID) }),
]);

/** FormData → the form's strings (checkboxes "on" or ""). */
export function readForm<F extends string>(form: FormData, fields: readonly F[]): Record<F, string> {
  const result = {} as Record<F, string>;
  for (const field of fields) {
    const value = form.get(field);
    result[field] = typeof value === "string" ? value.slice(0, 5000) : "";
  }
  return result;
}

export function emptyOrganisationFormValues(): OrganisationFormValues {
  const values = Object.fromEntries(ORGANISATION_FORM_FIELDS.map((f) => [f, ""])) as OrganisationFormValues;
  return { ...values, kind: "business" };
}

export function toOrganisationFormValues(o: {
  name: string;
  kind: string;
  sector: string | null;
  sizeClass: string | null;
  socialEnterprise: boolean;
  cooperative: boolean;
  soloSelfEmployed: boolean;
  street: string | null;
  postcode: string | null;
  city: string | null;
  areaId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  notes: string | null;
}): OrganisationFormValues {
  const flag = (value: boolean) => (value ? "on" : "");
  return {
    name: o.name,
    kind: o.kind,
    sector: o.sector ?? "",
    sizeClass: o.sizeClass ?? "",
    socialEnterprise: flag(o.socialEnterprise),
    cooperative: flag(o.cooperative),
    soloSelfEmployed: flag(o.soloSelfEmployed),
    street: o.street ?? "",
    postcode: o.postcode ?? "",
    city: o.city ?? "",
    areaId: o.areaId ?? "",
    contactName: o.contactName ?? "",
    contactEmail: o.contactEmail ?? "",
    contactPhone: o.contactPhone ?? "",
    notes: o.notes ?? "",
  };
}

/** The list's GET parameters; malformed values fall back to "no filter". */
export const organisationListQuerySchema = z.object({
  q: z.string().max(100).catch("").default("").transform((v) => v.trim().replace(/\s+/g, " ")),
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  areaId: z.string().regex(ID_PATTERN).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type OrganisationListQuery = z.output<typeof organisationListQuerySchema>;

export function parseOrganisationListQuery(params: URLSearchParams): OrganisationListQuery {
  const raw: Record<string, string> = {};
  for (const key of ["q", "kind", "areaId", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return organisationListQuerySchema.parse(raw);
}

export function emptySupportFormValues(): SupportFormValues {
  return { date: "", type: "advice", activityId: "", notes: "" };
}
