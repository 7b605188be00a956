// One export job of the current user: waiting position, progress ("12.000 von 50.000 Zeilen"), then the
// download. With JavaScript a fetcher asks for the state every second; without, the page reloads
// itself while the job runs (and offers a plain "Aktualisieren" link). Other users' and other
// projects' jobs answer 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { getExportJob } from "~/modules/exports/jobs.server";
import { EXPORT_KIND_PERMISSION, exportJobIdSchema } from "~/modules/exports/schema";
import { ExportJobStatus, isPending } from "~/modules/exports/ui";
import { pageTitle } from "~/modules/participants/ui";
import { forbidden, notFound } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "exports.page.title") }];

/** How often the page asks for the job's state while it waits or runs. */
const POLL_MS = 1000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "project:read");
  const jobId = exportJobIdSchema.safeParse(params.jobId);
  if (!jobId.success) notFound();
  const job = (await getExportJob(jobId.data, { userId: user.id, projectId: project.id })) ?? notFound();
  const subject = { isAdmin: user.isAdmin, role };
  // why: the right to this kind of export is checked again: the role may have changed since the start.
  if (!can(subject, EXPORT_KIND_PERMISSION[job.kind])) forbidden();
  return data({ projectId: project.id, job, canReadRegister: can(subject, "participant:read") }, { headers: { "Cache-Control": "no-store" } });
}

export default function ExportJobPage() {
  const initial = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { projectId, canReadRegister } = initial;
  const job = fetcher.data?.job.id === initial.job.id ? fetcher.data.job : initial.job;
  const jobPath = `/projects/${projectId}/exports/${job.id}`;
  const pending = isPending(job);

  useEffect(() => {
    if (!pending || fetcher.state !== "idle") return;
    const timer = setTimeout(() => fetcher.load(jobPath), POLL_MS);
    return () => clearTimeout(timer);
    // why: `job` changes with every answer, which schedules the next question.
  }, [pending, fetcher.state, fetcher.load, jobPath, job]);

  return (
    <>
      {pending ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <div className="page-header">
        <h1>{t("exports.job.title", { kind: t(`exports.kind.${job.kind}` as MessageKey), format: job.format.toUpperCase() })}</h1>
      </div>
      <section className="card">
        <ExportJobStatus job={job} downloadHref={`${jobPath}/download`} locale={locale} t={t} />
        {pending ? (
          <>
            <p className="muted">
              {t("exports.job.background")}
              <noscript> {t("exports.job.autoRefresh")}</noscript>
            </p>
            <p>
              <Link to={jobPath}>
                {t("exports.job.refresh")}
              </Link>
            </p>
          </>
        ) : null}
      </section>
      <p className="form-actions">
        <Link to={`/projects/${projectId}/participants/export`}>{t("exports.job.again")}</Link>
        <Link to={`/projects/${projectId}/participants${canReadRegister ? "" : "/overview"}`}>{t("exports.job.back")}</Link>
      </p>
    </>
  );
}
