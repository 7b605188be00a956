import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { readFormData } from "~/utils/form.server";
import { isLocale } from "~/utils/i18n";
import { getOptionalUser, localeCookie } from "~/utils/session.server";
import { badRequest } from "~/utils/http.server";

// Switching the language is allowed for everyone (also on the login page); a logged-in user's
// choice is stored on the user. No audit entry: a UI preference, not project data.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const form = await readFormData(request, user?.locale);
  const locale = form.get("locale");
  if (!isLocale(locale)) badRequest("Unknown language");
  const target = String(form.get("redirectTo") ?? "/");
  const redirectTo = target.startsWith("/") && !target.startsWith("//") ? target : "/";
  if (user) await db.user.update({ where: { id: user.id }, data: { locale } });
  return redirect(redirectTo, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
