// Resource route: the Art. 15 GDPR copy of one participant's data as a JSON download (audited).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonData } from "~/modules/participants/gdpr.server";
import { requireId } from "~/utils/http.server";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "participant:gdprExport");
  const participantId = requireId(params.participantId);
  const person = await exportPersonData(project.id, participantId, user.id);
  const fileName = `Auskunft-Art15-${project.code}-${person.esfRecord.participantNo}`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(JSON.stringify(person, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
