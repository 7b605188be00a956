// The parts of the export pages: a job's state with progress bar and download, and the list of a
// user's jobs. Numbers and dates follow the reader's language ("12.000 von 50.000 Zeilen").
import { Link } from "@remix-run/react";
import { formatDateTime, formatNumber, type Locale } from "~/utils/format";
import type { MessageKey, Translate } from "~/utils/i18n";

/** A job as the pages receive it (dates may arrive as strings). */
export interface ExportJobData {
  id: string;
  kind: string;
  format: string;
  state: "queued" | "running" | "ready" | "failed" | "expired";
  done: number;
  total: number | null;
  position: number | null;
  fileName: string | null;
  size: number | null;
  createdAt: Date | string;
  expiresAt: Date | string | null;
}

/** File size for people: KB below one megabyte, else MB with one decimal. */
export function formatFileSize(bytes: number, locale: Locale, t: Translate): string {
  if (bytes < 1024 * 1024) return t("exports.size.kb", { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) });
  return t("exports.size.mb", { size: formatNumber(bytes / 1024 / 1024, locale, 1) });
}

/** True while the job may still change (the page keeps polling). */
export const isPending = (job: Pick<ExportJobData, "state">) => job.state === "queued" || job.state === "running";

/** State, progress bar and download button of one job. */
export function ExportJobStatus({ job, downloadHref, locale, t }: { job: ExportJobData; downloadHref: string; locale: Locale; t: Translate }) {
  const progressText =
    job.total === null ? null : t("exports.job.progress", { done: formatNumber(job.done, locale), total: formatNumber(job.total, locale) });
  return (
    <div className="stack">
      {/* why: polite live region: screen readers hear the state change (queued → running → ready) without focus moving. */}
      <div role="status" aria-live="polite" className="stack">
        {job.state === "queued" ? <p>{t("exports.job.queued", { position: job.position ?? 1 })}</p> : null}
        {job.state === "running" ? <p>{job.total === null ? t("exports.job.counting") : t("exports.job.running")}</p> : null}
        {job.state === "ready" ? (
          <p className="alert alert-success">{t("exports.job.ready", { rows: formatNumber(job.total ?? job.done, locale), size: formatFileSize(job.size ?? 0, locale, t) })}</p>
        ) : null}
        {job.state === "failed" ? <p className="alert alert-error">{t("exports.job.failed")}</p> : null}
        {job.state === "expired" ? <p className="alert alert-info">{t("exports.job.expired")}</p> : null}
      </div>
      {isPending(job) ? (
        <div className="field">
          <label htmlFor={`export-progress-${job.id}`}>{t("exports.job.progressLabel")}</label>
          {job.total !== null && job.state === "running" ? (
            <progress id={`export-progress-${job.id}`} className="export-progress" max={Math.max(job.total, 1)} value={job.done} aria-valuetext={progressText ?? undefined}>
              {progressText}
            </progress>
          ) : (
            <progress id={`export-progress-${job.id}`} className="export-progress" />
          )}
          {progressText ? <p className="export-progress-text">{progressText}</p> : null}
        </div>
      ) : null}
      {job.state === "ready" ? (
        <div className="form-actions">
          <a className="button" href={downloadHref} download>
            {t("exports.job.download", { file: job.fileName ?? job.format.toUpperCase() })}
          </a>
          {job.expiresAt ? <p className="muted">{t("exports.job.expires", { when: formatDateTime(job.expiresAt, locale) })}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

/** The user's jobs in a table, newest first, each linking to its page. */
export function ExportJobList({ jobs, jobHref, locale, t }: { jobs: ExportJobData[]; jobHref: (id: string) => string; locale: Locale; t: Translate }) {
  if (jobs.length === 0) return <p className="muted">{t("exports.list.empty")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("exports.list.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("exports.list.started")}</th>
            <th scope="col">{t("exports.list.format")}</th>
            <th scope="col">{t("exports.list.state")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("exports.list.open")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const when = formatDateTime(job.createdAt, locale);
            return (
              <tr key={job.id}>
                <td>{when}</td>
                <td>{t(`exports.format.${job.format}` as MessageKey)}</td>
                <td>
                  {t(`exports.state.${job.state}` as MessageKey, {
                    done: formatNumber(job.done, locale),
                    total: job.total === null ? "…" : formatNumber(job.total, locale),
                  })}
                </td>
                <td>
                  <Link to={jobHref(job.id)} aria-label={t("exports.list.openLabel", { when })}>
                    {t("exports.list.open")}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
