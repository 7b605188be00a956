// Resource route: the participant list as CSV or XLSX, honouring the list filters (same GET parameters
// as the list page). Lead/coordinator get identity columns; managers and accountants get participant
// numbers and characteristics only; special-category columns only with participant:readSensitive.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportParticipants } from "~/modules/participants/export.server";
import { exportFormatSchema } from "~/modules/participants/io-schema";
import { parseListQuery } from "~/modules/participants/schema";
import { badRequest } from "~/utils/http.server";
import { translate } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "participant:export");
  const url = new URL(request.url);
  const format = exportFormatSchema.safeParse(url.searchParams.get("format") ?? "csv");
  if (!format.success) badRequest(translate(user.locale, "participantsIo.export.badFormat"));
  const subject = { isAdmin: user.isAdmin, role };
  const file = await exportParticipants({
    projectId: project.id,
    projectCode: project.code,
    query: parseListQuery(url.searchParams),
    scope: { identity: can(subject, "participant:read"), sensitive: can(subject, "participant:readSensitive") },
    format: format.data,
    locale: user.locale,
    actorId: user.id,
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
