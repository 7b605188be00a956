// Resource route: the finished file of one of the current user's export jobs. Not ready (or deleted)
// → back to the job's page; another user's or project's job → 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable, redirect } from "@remix-run/node";
import { getExportJob, openExportDownload } from "~/modules/exports/jobs.server";
import { EXPORT_KIND_PERMISSION, exportJobIdSchema } from "~/modules/exports/schema";
import { forbidden, notFound } from "~/utils/http.server";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "project:read");
  const jobId = exportJobIdSchema.safeParse(params.jobId);
  if (!jobId.success) notFound();
  const owner = { userId: user.id, projectId: project.id };
  const job = (await getExportJob(jobId.data, owner)) ?? notFound();
  if (!can({ isAdmin: user.isAdmin, role }, EXPORT_KIND_PERMISSION[job.kind])) forbidden();
  const download = await openExportDownload(job.id, owner);
  if (!download) return redirect(`/projects/${project.id}/exports/${job.id}`);
  return new Response(createReadableStreamFromReadable(download.stream), {
    headers: {
      "Content-Type": download.contentType,
      "Content-Disposition": `attachment; filename="${download.fileName}"`,
      "Content-Length": String(download.size),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
