import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { createAuthenticator, LoginError } from "~/modules/users/authenticate.server";
import { needsPasswordChange } from "~/modules/users/service.server";
import { readFormData } from "~/utils/form.server";
import { clientAddress } from "~/utils/http.server";
import { translate, useT, type MessageKey } from "~/utils/i18n";
import { createUserSession, getOptionalUser, getSessionState, resolveLocale } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Anmelden – BIWAQ-Tracker" }];

/** Only same-site relative paths, so a crafted link cannot send users elsewhere after login. */
function safeRedirect(target: FormDataEntryValue | string | null): string {
  const value = typeof target === "string" ? target : "";
  return value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

// Public route: the login form itself needs no permission.
export async function loader({ request }: LoaderFunctionArgs) {
  const state = await getSessionState(request);
  const url = new URL(request.url);
  if (state.user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return { expired: url.searchParams.get("expired") === "1" || ("expired" in state && state.expired), loggedOut: url.searchParams.get("loggedOut") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await resolveLocale(request, user);
  const form = await readFormData(request.clone(), locale);
  const email = String(form.get("email") ?? "").slice(0, 254);
  const redirectTo = safeRedirect(form.get("redirectTo"));
  try {
    const authenticated = await createAuthenticator(clientAddress(context)).authenticate("form", request);
    const cookie = await createUserSession(authenticated.id, request.headers.get("User-Agent"));
    // A generated (one-time) password must be replaced first; afterwards the user continues to redirectTo.
    const target = (await needsPasswordChange(authenticated.id)) ? `/account/password?${new URLSearchParams({ redirectTo })}` : redirectTo;
    return redirect(target, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (!(error instanceof LoginError)) throw error;
    const fieldErrors: Partial<Record<"email" | "password", string>> = {};
    let formError: string | null = null;
    if (error.reason === "missing_email") fieldErrors.email = translate(locale, "login.emailRequired");
    else if (error.reason === "missing_password") fieldErrors.password = translate(locale, "login.passwordRequired");
    else if (error.reason === "throttled") formError = translate(locale, "login.throttled", { minutes: error.retryAfterMinutes });
    else formError = translate(locale, "login.invalid");
    const status = error.reason === "throttled" ? 429 : error.reason === "invalid" ? 401 : 400;
    return data({ email, fieldErrors, formError }, { status });
  }
}

export default function LoginPage() {
  const t = useT();
  const { expired, loggedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const notice: MessageKey | null = expired ? "login.expired" : loggedOut ? "login.loggedOut" : null;
  return (
    <section className="auth-page card" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      {notice ? <p className="alert alert-info" role="status">{t(notice)}</p> : null}
      {actionData?.formError ? (
        <p className="alert alert-error" role="alert" id="login-error">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <div className="field">
          <label htmlFor="email">{t("login.email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ""}
            aria-invalid={actionData?.fieldErrors?.email ? true : undefined}
            aria-describedby={actionData?.fieldErrors?.email ? "email-error" : undefined}
          />
          {actionData?.fieldErrors?.email ? <p className="field-error" id="email-error">{actionData.fieldErrors.email}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={actionData?.fieldErrors?.password ? true : undefined}
            aria-describedby={actionData?.fieldErrors?.password ? "password-error" : undefined}
          />
          {actionData?.fieldErrors?.password ? <p className="field-error" id="password-error">{actionData.fieldErrors.password}</p> : null}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
