// Resource route: the funding report as a file download (XLSX, CSV or PDF), audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFundingReport } from "~/modules/finance/export.server";
import { ReportExportQuerySchema } from "~/modules/finance/schema";
import { badRequest, downloadResponse } from "~/utils/http.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:read");
  const query = new URL(request.url).searchParams;
  const parsed = ReportExportQuerySchema.safeParse({ format: query.get("format") ?? undefined, year: query.get("year") || undefined });
  if (!parsed.success) badRequest(translate(user.locale, parsed.error.issues[0].message as MessageKey));
  const file = await exportFundingReport(project.id, parsed.data.year ?? null, parsed.data.format, { actorId: user.id, locale: user.locale });
  return downloadResponse(file);
}
