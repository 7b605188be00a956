// Resource route: the ESF indicator report as a file download (CSV, XLSX, PDF or JSON), audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportEsfReport } from "~/modules/reports/esf.server";
import { EsfExportQuerySchema } from "~/modules/reports/schema";
import { badRequest, downloadResponse } from "~/utils/http.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { ValidationError } from "~/utils/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "report:esf");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = EsfExportQuerySchema.safeParse({ format: query.format, from: query.from, to: query.to });
  if (!parsed.success) badRequest(translate(user.locale, parsed.error.issues[0].message as MessageKey));
  const { format, from, to } = parsed.data;
  try {
    const file = await exportEsfReport(project.id, { from, to }, format, { actorId: user.id, locale: user.locale });
    return downloadResponse(file);
  } catch (error) {
    if (error instanceof ValidationError) badRequest(translate(user.locale, "reports.esf.fromAfterTo"));
    throw error;
  }
}
