// Forms of the user administration and the own-password page: one schema each, used by the browser
// (react-hook-form) and by the services (which the CLI calls too).
import { z } from "zod";
import { checkbox, choice, choiceWithDefault, text } from "~/utils/form-values";
import type { MessageKey } from "~/utils/i18n";
import { PROJECT_ROLES } from "~/utils/permissions";

export const USER_LOCALES = ["de", "en"] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

/** Same value as MIN_PASSWORD_LENGTH in password.server.ts (that module is server-only; a test keeps both equal). */
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 1024;

const REQUIRED: MessageKey = "validation.required";

export const emailField = () =>
  z
    .string({ error: REQUIRED })
    .trim()
    .toLowerCase()
    .min(1, REQUIRED)
    .max(254, "validation.tooLong")
    .pipe(z.email({ error: "validation.email" }));

const localeField = () => choiceWithDefault(USER_LOCALES, "de");

const newPassword = () =>
  z
    .string({ error: REQUIRED })
    .min(1, REQUIRED)
    .min(PASSWORD_MIN_LENGTH, "validation.passwordTooShort")
    .max(PASSWORD_MAX_LENGTH, "validation.tooLong");

/** New user. An empty password means: generate one (shown once, must be changed at first login). */
export const UserCreateSchema = z.object({
  email: emailField(),
  name: text(120),
  password: z
    .string({ error: "validation.invalid" })
    .nullish()
    .transform((value) => (value ? value : undefined))
    .pipe(newPassword().optional()),
  isAdmin: checkbox(),
  locale: localeField(),
});
export type UserCreateValues = z.input<typeof UserCreateSchema>;

export const UserUpdateSchema = z.object({
  email: emailField(),
  name: text(120),
  isAdmin: checkbox(),
  locale: localeField(),
});
export type UserUpdateValues = z.input<typeof UserUpdateSchema>;

export const ProjectRoleSchema = z.object({
  userId: text(64),
  projectId: text(64),
  role: choice(PROJECT_ROLES),
});
export type ProjectRoleValues = z.input<typeof ProjectRoleSchema>;

export const ProjectMemberRefSchema = z.object({ userId: text(64), projectId: text(64) });

/** Changing one's own password: current, new, and the new one again. */
export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string({ error: REQUIRED }).min(1, REQUIRED).max(PASSWORD_MAX_LENGTH, "validation.tooLong"),
    newPassword: newPassword(),
    repeatPassword: z.string({ error: REQUIRED }).min(1, REQUIRED),
  })
  .superRefine((value, ctx) => {
    if (value.newPassword !== value.repeatPassword) {
      ctx.addIssue({ code: "custom", path: ["repeatPassword"], message: "admin.account.passwordsDiffer" satisfies MessageKey });
    }
  });
export type PasswordChangeValues = z.input<typeof PasswordChangeSchema>;

export const UserListQuerySchema = z.object({
  search: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The admin user page's actions; the route switches on `intent`. */
export const UserAdminIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("activate") }),
  z.object({ intent: z.literal("resetPassword") }),
  z.object({ intent: z.literal("setRole") }),
  z.object({ intent: z.literal("removeRole") }),
]);
