// Resource route: the progress report (Sachbericht) as a PDF or DOCX download, audited. The ESF table is
// part of the file only for roles that may open the ESF report.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportProgressReport } from "~/modules/reports/progress/progress.server";
import { ProgressExportQuerySchema } from "~/modules/reports/progress/schema";
import { badRequest, downloadResponse } from "~/utils/http.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { ValidationError } from "~/utils/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, project } = await requirePermission(request, params.projectId, "report:read");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = ProgressExportQuerySchema.safeParse({ format: query.format, from: query.from, to: query.to });
  if (!parsed.success) badRequest(translate(user.locale, parsed.error.issues[0].message as MessageKey));
  const { format, from, to } = parsed.data;
  try {
    const file = await exportProgressReport(project.id, { from, to }, format, {
      actorId: user.id,
      locale: user.locale,
      includeEsf: can({ isAdmin: user.isAdmin, role }, "report:esf"),
    });
    return downloadResponse(file);
  } catch (error) {
    if (error instanceof ValidationError) {
      const key = Object.values(error.fieldErrors).flat()[0] ?? error.formErrors[0] ?? "reports.progress.fromAfterTo";
      badRequest(translate(user.locale, key));
    }
    throw error;
  }
}
