// Partner forms (organisation and contact person), shared by the browser and the service.
// Messages are catalogue keys.
import { z } from "zod";
import { version } from "~/modules/milestones/schema";
import { checkbox, choice, optionalDate, optionalText, text } from "~/utils/form-values";
import type { MessageKey } from "~/utils/i18n";

export const PARTNER_TYPES = [
  "sub_project_partner",
  "cooperation_partner",
  "jobcenter",
  "municipality",
  "association",
  "company",
  "education_provider",
  "other",
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** Optional text that, when given, must pass `check`: trimmed; empty → null. */
function blankOr(check: (value: string) => boolean, message: MessageKey, max: number, lowerCase = false) {
  return z
    .string({ error: "validation.invalid" })
    .trim()
    .transform((value) => (lowerCase ? value.toLowerCase() : value))
    .refine((value) => value.length <= max, "validation.tooLong")
    .refine((value) => value === "" || value.length > max || check(value), message)
    .nullish()
    .transform((value) => (value ? value : null));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const optionalEmail = () => blankOr((v) => EMAIL.test(v), "validation.email", 254, true);
const optionalPostcode = () => blankOr((v) => /^\d{5}$/.test(v), "partners.postcodeInvalid", 10);
const optionalWebsite = () => blankOr((v) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), "partners.websiteInvalid", 300);
const optionalPhone = () => blankOr((v) => /^[+\d][\d\s/()-]*$/.test(v), "partners.phoneInvalid", 50);

/**
 * A partner organisation. A sub-project partner (Teilvorhabenpartner) always has an own budget; the
 * service sets `hasBudget` for that type. The agreement (e.g. letter of intent) is a type text + date.
 */
export const PartnerSchema = z.object({
  name: text(200),
  type: choice(PARTNER_TYPES),
  hasBudget: checkbox(),
  roleInProject: optionalText(2000),
  agreementType: optionalText(120),
  agreementDate: optionalDate(),
  street: optionalText(200),
  postcode: optionalPostcode(),
  city: optionalText(120),
  website: optionalWebsite(),
  notes: optionalText(4000),
});
export type PartnerInput = z.input<typeof PartnerSchema>;
export type PartnerData = z.output<typeof PartnerSchema>;

export const PARTNER_FIELDS = ["name", "type", "hasBudget", "roleInProject", "agreementType", "agreementDate", "street", "postcode", "city", "website", "notes"] as const;

/** A contact person at the partner. */
export const PartnerContactSchema = z.object({
  name: text(200),
  function: optionalText(200),
  email: optionalEmail(),
  phone: optionalPhone(),
});
export type PartnerContactInput = z.input<typeof PartnerContactSchema>;

export const PARTNER_CONTACT_FIELDS = ["name", "function", "email", "phone"] as const;

const id = () => z.string({ error: "validation.invalid" }).trim().regex(/^[a-z0-9_-]{1,64}$/i, "validation.invalid");

/** The detail page's actions, switched on `intent`. */
export const PartnerDetailActionSchema = z.discriminatedUnion("intent", [
  PartnerContactSchema.extend({ intent: z.literal("addContact") }),
  PartnerContactSchema.extend({ intent: z.literal("updateContact"), contactId: id() }),
  z.object({ intent: z.literal("deleteContact"), contactId: id() }),
  z.object({ intent: z.literal("delete"), version: version() }),
]);

/** The edit page's save: the optimistic-concurrency version the editor read (the fields go to PartnerSchema). */
export const PartnerSaveSchema = z.looseObject({ version: version() });

/** GET parameters of the list. */
export const PartnerListQuerySchema = z.object({
  type: z.enum(PARTNER_TYPES).optional().catch(undefined),
});
