import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { pageTitle } from "~/components/admin/meta";
import { FormField, useSchemaForm } from "~/components/form-field";
import { PASSWORD_MIN_LENGTH, PasswordChangeSchema } from "~/modules/users/schema";
import { changeOwnPassword, needsPasswordChange } from "~/modules/users/service.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { createUserSession, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.account.title");

const SECRETS = ["currentPassword", "newPassword", "repeatPassword"] as const;

/** Only same-site relative paths (the target comes from a query parameter). */
function safeRedirect(target: unknown): string | null {
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\") ? target : null;
}

// Any logged-in user changes their own password here; after a generated password the login sends them here.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { mustChange: await needsPasswordChange(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    await changeOwnPassword(user.id, parseInput(PasswordChangeSchema, values));
  } catch (error) {
    return validationFailure(error, values, SECRETS);
  }
  // why: changing the password ended every session of the user (ASVS 3.3.3); this browser gets a fresh one.
  const cookie = await createUserSession(user.id, request.headers.get("User-Agent"));
  const target = safeRedirect(values.redirectTo);
  return redirect(target && target !== "/account/password" ? target : "/account/password?changed=1", { headers: { "Set-Cookie": cookie } });
}

export default function AccountPasswordPage() {
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const form = useSchemaForm(PasswordChangeSchema, {
    defaultValues: { currentPassword: "", newPassword: "", repeatPassword: "" },
    serverErrors: actionData?.fieldErrors,
    errorParams: { min: PASSWORD_MIN_LENGTH },
  });
  return (
    <section className="auth-page card" aria-labelledby="password-title">
      <h1 id="password-title">{t("admin.account.title")}</h1>
      {searchParams.get("changed") === "1" && !actionData ? (
        <p className="alert alert-success" role="status">
          {t("admin.account.changed")}
        </p>
      ) : null}
      {mustChange ? <p className="alert alert-warning">{t("admin.account.mustChange")}</p> : null}
      <p className="muted">{t("admin.account.intro", { min: PASSWORD_MIN_LENGTH })}</p>
      {form.hasErrors() ? (
        <p className="field-error" role="alert">
          {t("common.formHasErrors")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FormField label={t("admin.account.currentPassword")} name="currentPassword" error={form.error("currentPassword")}>
          <input type="password" autoComplete="current-password" {...form.register("currentPassword")} defaultValue="" />
        </FormField>
        <FormField label={t("admin.account.newPassword")} name="newPassword" error={form.error("newPassword")}>
          <input type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} {...form.register("newPassword")} defaultValue="" />
        </FormField>
        <FormField label={t("admin.account.repeatPassword")} name="repeatPassword" error={form.error("repeatPassword")}>
          <input type="password" autoComplete="new-password" {...form.register("repeatPassword")} defaultValue="" />
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("admin.account.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
