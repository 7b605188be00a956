import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/modules/audit/service.server";
import { db } from "~/utils/db.server";
import { destroyUserSession } from "~/utils/session.server";

// Logging out needs no permission beyond holding the session being destroyed; GET changes nothing.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const { cookie, userId } = await destroyUserSession(request);
  if (userId) await recordAudit(db, { userId, action: "logout", entity: "User", entityId: userId });
  return redirect("/login?loggedOut=1", { headers: { "Set-Cookie": cookie } });
}
