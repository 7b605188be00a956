// Export of the participant list (CSV or XLSX), honouring the list filters (same parameters as the list
// pages). GET shows the export page (row count, format, the user's earlier exports); POST — also sent
// straight from the list pages' export buttons — starts an export job and opens its page.
// Lead/coordinator get identity columns; managers and accountants get participant numbers and
// characteristics only; special-category columns only with participant:readSensitive.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData } from "~/utils/form.server";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ExportLimitError, listExportJobs, waitForExportJob } from "~/modules/exports/jobs.server";
import { startParticipantExportJob } from "~/modules/exports/participants.server";
import { ExportJobList } from "~/modules/exports/ui";
import { countParticipantExport } from "~/modules/participants/export.server";
import { EXPORT_FORMATS } from "~/modules/participants/export-formats";
import { exportFormatSchema } from "~/modules/participants/io-schema";
import { parseListQuery } from "~/modules/participants/schema";
import { pageTitle } from "~/modules/participants/ui";
import { formatNumber } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission, type ProjectAccess } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "exports.page.title") }];

/** The list filters an export carries (the list pages' GET parameters, without paging and sorting). */
const FILTER_KEYS = ["q", "area", "status", "completeness", "entryFrom", "entryTo"] as const;

/** How long the start waits for a small export, so its page opens ready to download. */
const WAIT_FOR_SMALL_EXPORT_MS = 1500;

function filterParams(source: URLSearchParams | FormData): [string, string][] {
  const entries: [string, string][] = [];
  for (const key of FILTER_KEYS) {
    const value = source.get(key);
    if (typeof value === "string" && value !== "") entries.push([key, value.slice(0, 200)]);
  }
  return entries;
}

function exportScope(access: ProjectAccess) {
  const subject = { isAdmin: access.user.isAdmin, role: access.role };
  return { identity: can(subject, "participant:read"), sensitive: can(subject, "participant:readSensitive") };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:export");
  const { user, project } = access;
  const url = new URL(request.url);
  const format = exportFormatSchema.catch("xlsx").parse(url.searchParams.get("format") ?? "xlsx");
  const filters = filterParams(url.searchParams);
  const scope = exportScope(access);
  const [count, jobs] = await Promise.all([
    countParticipantExport(project.id, parseListQuery(new URLSearchParams(filters)), scope),
    listExportJobs({ userId: user.id, projectId: project.id }, "participants"),
  ]);
  return data(
    { projectId: project.id, format, filters, count, identity: scope.identity, jobs },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:export");
  const { user, project } = access;
  const form = await readFormData(request, access.user.locale);
  const format = exportFormatSchema.safeParse(form.get("format"));
  if (!format.success) return data({ error: "participantsIo.export.badFormat" as MessageKey }, { status: 400 });
  const owner = { userId: user.id, projectId: project.id };
  try {
    const job = await startParticipantExportJob({
      projectId: project.id,
      projectCode: project.code,
      query: parseListQuery(new URLSearchParams(filterParams(form))),
      scope: exportScope(access),
      format: format.data,
      locale: user.locale,
      actorId: user.id,
    });
    // why: a list of a few hundred rows is done within a second; its page then opens ready to download.
    await waitForExportJob(job.id, owner, WAIT_FOR_SMALL_EXPORT_MS);
    return redirect(`/projects/${project.id}/exports/${job.id}`);
  } catch (error) {
    if (error instanceof ExportLimitError) return data({ error: error.messageKey }, { status: 429 });
    throw error;
  }
}

export default function ParticipantExportPage() {
  const { projectId, format, filters, count, identity, jobs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const listHref = `/projects/${projectId}/participants${identity ? "" : "/overview"}${filters.length ? `?${new URLSearchParams(filters)}` : ""}`;
  return (
    <>
      <div className="page-header">
        <h1>{t("exports.page.title")}</h1>
        <Link to={listHref}>{t("exports.job.back")}</Link>
      </div>
      <section className="card" aria-labelledby="export-start-title">
        <h2 id="export-start-title">{t("participantsIo.export.title")}</h2>
        <p>{t("exports.page.intro")}</p>
        <p className="muted">
          {t(identity ? "participantsIo.export.hintFull" : "participantsIo.export.hintPseudonymous")} {t("participantsIo.export.hintFilters")}
        </p>
        <p>{t("exports.page.count", { count: formatNumber(count, locale) })}</p>
        {actionData?.error ? (
          <p className="alert alert-error" role="alert">
            {t(actionData.error)}
          </p>
        ) : null}
        <Form method="post" className="stack">
          {filters.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <fieldset>
            <legend>{t("exports.page.format")}</legend>
            {EXPORT_FORMATS.map((value) => (
              <label key={value} className="checkbox">
                <input type="radio" name="format" value={value} defaultChecked={value === format} /> {t(`exports.format.${value}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("exports.page.start")}
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="export-list-title">
        <h2 id="export-list-title">{t("exports.list.title")}</h2>
        <ExportJobList jobs={jobs} jobHref={(id) => `/projects/${projectId}/exports/${id}`} locale={locale} t={t} />
      </section>
    </>
  );
}
