import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useState, type MouseEvent } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import { OUTPUT_INDICATORS, RESULT_INDICATORS, type EsfIndicator } from "~/modules/participants/codes";
import { ESF_INDICATOR_LABELS, ORGANISATION_INDICATORS, type EsfReport, type EsfViolation, type IndicatorCell } from "~/modules/reports/esf-indicators";
import { CELL_KEYS, CELL_LABEL_KEYS, describeViolation, MISSING_FIELD_KEYS } from "~/modules/reports/esf-violations";
import { buildEsfReport, reportYearPicks } from "~/modules/reports/esf.server";
import { ESF_EXPORT_FORMATS, EsfPeriodSchema, type EsfExportFormat } from "~/modules/reports/schema";
import { formatDate, formatNumber, isoDate } from "~/utils/format";
import { translate, useLocale, useT, type Locale } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { fieldErrorsFromZod, ValidationError, type FieldErrors } from "~/utils/validation";

/** At most this many incomplete records are listed on the page; every export carries the full list. */
const INCOMPLETE_SHOWN = 500;

export const meta: MetaFunction = ({ matches }) => {
  const locale = ((matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale ?? "de") as Locale;
  return [{ title: `${translate(locale, "reports.esf.title")} – ${translate(locale, "app.name")}` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requirePermission(request, params.projectId, "report:esf");
  const url = new URL(request.url);
  const values = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
  const base = {
    project: { id: project.id, code: project.code, title: project.title, startDate: isoDate(project.startDate), endDate: isoDate(project.endDate) },
    picks: reportYearPicks(project),
  };
  const parsed = EsfPeriodSchema.safeParse(values);
  let errors: FieldErrors | null = parsed.success ? null : fieldErrorsFromZod(parsed.error.issues);
  if (parsed.success) {
    try {
      const { report, leavers, violations } = await buildEsfReport(project.id, parsed.data);
      return {
        ...base,
        // why: the inputs show the period actually reported (bounds filled in from the project, ISO for type=date).
        values: { from: report.from, to: report.to },
        errors: null,
        result: {
          report: { ...report, incomplete: report.incomplete.slice(0, INCOMPLETE_SHOWN) },
          incompleteTotal: report.incomplete.length,
          leavers,
          violations,
        },
      };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = error.fieldErrors;
    }
  }
  return { ...base, values, errors, result: null };
}

export default function EsfReportPage() {
  const { project, picks, values, errors, result } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const reportPath = `/projects/${project.id}/reports/esf`;
  const current = result ? { from: result.report.from, to: result.report.to } : null;
  const isCurrent = (from: string, to: string) => current !== null && current.from === from && current.to === to;

  return (
    <>
      <p className="muted">
        <Link to={`/projects/${project.id}/reports`}>{t("reports.title")}</Link>
      </p>
      <div className="page-header">
        <h1>{t("reports.esf.title")}</h1>
        <span className="badge">{project.code}</span>
      </div>

      <section className="card" aria-labelledby="esf-period-title">
        <h2 id="esf-period-title" style={{ marginTop: 0 }}>
          {t("reports.esf.periodLegend")}
        </h2>
        <PeriodForm key={`${values.from}|${values.to}`} action={reportPath} values={values} errors={errors} min={project.startDate} max={project.endDate} />
        <p className="hint muted">{t("reports.esf.dateHint")}</p>
        <nav aria-label={t("reports.esf.quickPicks")}>
          <span className="muted">{t("reports.esf.quickPicks")}: </span>
          <ul style={{ display: "inline-flex", flexWrap: "wrap", gap: "0.25rem 1rem", listStyle: "none", margin: 0, padding: 0 }}>
            <li>
              <Link to={reportPath} aria-current={isCurrent(project.startDate, project.endDate) ? "true" : undefined} style={isCurrent(project.startDate, project.endDate) ? { fontWeight: 700 } : undefined}>
                {t("reports.esf.wholeDuration")}
              </Link>
            </li>
            {picks.map((pick) => (
              <li key={pick.year}>
                <Link
                  to={`${reportPath}?from=${pick.from}&to=${pick.to}`}
                  aria-current={isCurrent(pick.from, pick.to) ? "true" : undefined}
                  style={isCurrent(pick.from, pick.to) ? { fontWeight: 700 } : undefined}
                >
                  {t("reports.esf.year", { year: pick.year })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </section>

      {result === null ? (
        <FormErrors messages={[t("common.formHasErrors")]} />
      ) : (
        <>
          <p>
            <strong>{t("reports.esf.period")}:</strong>{" "}
            {t("reports.esf.periodValue", { from: formatDate(result.report.from, locale), to: formatDate(result.report.to, locale) })}
          </p>
          <ValidationBox report={result.report} leavers={result.leavers} violations={result.violations} />
          <IndicatorTable report={result.report} leavers={result.leavers} projectCode={project.code} />
          <IncompleteList incomplete={result.report.incomplete} total={result.incompleteTotal} />
          <ExportButtons exportPath={`${reportPath}/export`} from={result.report.from} to={result.report.to} />
        </>
      )}
    </>
  );
}

/** The period form (GET): the same schema checks in the browser and in the loader. */
function PeriodForm({ action, values, errors, min, max }: { action: string; values: { from: string; to: string }; errors: FieldErrors | null; min: string; max: string }) {
  const t = useT();
  const navigation = useNavigation();
  const form = useSchemaForm(EsfPeriodSchema, { defaultValues: values, serverErrors: errors });
  return (
    <Form method="get" action={action} noValidate onSubmit={form.onSubmit} className="toolbar">
      <FormField label={t("reports.esf.from")} name="from" error={form.error("from")}>
        <input type="date" {...form.register("from")} defaultValue={values.from} min={min} max={max} />
      </FormField>
      <FormField label={t("reports.esf.to")} name="to" error={form.error("to")}>
        <input type="date" {...form.register("to")} defaultValue={values.to} min={min} max={max} />
      </FormField>
      <div className="field">
        <button type="submit" disabled={navigation.state === "loading" && navigation.location?.pathname === action}>
          {t("reports.esf.show")}
        </button>
      </div>
    </Form>
  );
}

function ValidationBox({ report, leavers, violations }: { report: EsfReport; leavers: IndicatorCell; violations: EsfViolation[] }) {
  const t = useT();
  if (violations.length === 0) {
    return (
      <section className="alert alert-success" aria-labelledby="esf-validation-title" data-testid="esf-validation">
        <h2 id="esf-validation-title" style={{ margin: "0 0 0.25rem", fontSize: "1.05rem" }}>
          {t("reports.esf.validationTitle")}
        </h2>
        <p style={{ margin: 0 }}>{t("reports.esf.validationPassed")}</p>
      </section>
    );
  }
  return (
    <section className="alert alert-error" aria-labelledby="esf-validation-title" data-testid="esf-validation" role="alert">
      <h2 id="esf-validation-title" style={{ margin: "0 0 0.25rem", fontSize: "1.05rem" }}>
        {t("reports.esf.validationTitle")}
      </h2>
      <p style={{ margin: "0 0 0.5rem" }}>{t("reports.esf.validationFailed", { count: violations.length })}</p>
      <ul style={{ margin: 0 }}>
        {violations.map((violation, index) => {
          const view = describeViolation(violation, report, leavers);
          return (
            <li key={`${violation.rule}-${index}`}>
              {t(view.message, view.params)}
              {view.figures.length > 0 ? (
                <>
                  {" "}
                  ({view.figures.map((f) => t("reports.esf.violation.figure", { column: t(CELL_LABEL_KEYS[f.key]), actual: f.actual, limit: f.limit })).join("; ")})
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function IndicatorTable({ report, leavers, projectCode }: { report: EsfReport; leavers: IndicatorCell; projectCode: string }) {
  const t = useT();
  const locale = useLocale();
  const labels = ESF_INDICATOR_LABELS[locale];
  const row = (code: EsfIndicator) => {
    const cell = report.indicators[code];
    const organisation = ORGANISATION_INDICATORS.includes(code);
    return (
      <tr key={code} id={`esf-${code}`}>
        <td>{code}</td>
        <th scope="row" style={{ fontWeight: "normal", whiteSpace: "normal", background: "none" }}>
          {labels[code]}
        </th>
        {CELL_KEYS.map((key) =>
          organisation && key !== "total" ? (
            <td key={key} className="num muted" data-cell={key}>
              <span aria-hidden="true">–</span>
              <span className="visually-hidden">{t("reports.esf.notApplicable")}</span>
            </td>
          ) : (
            <td key={key} className="num" data-cell={key}>
              {key === "total" ? <strong>{formatNumber(cell[key], locale)}</strong> : formatNumber(cell[key], locale)}
            </td>
          ),
        )}
      </tr>
    );
  };
  const group = (id: string, title: string) => (
    <tr id={id}>
      <th colSpan={6} scope="colgroup">
        {title}
      </th>
    </tr>
  );
  return (
    <div className="table-wrap" style={{ marginBottom: "1rem" }}>
      <table>
        <caption>
          {t("reports.esf.tableCaption", { project: projectCode, from: formatDate(report.from, locale), to: formatDate(report.to, locale) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.esf.col.code")}</th>
            <th scope="col">{t("reports.esf.col.indicator")}</th>
            {CELL_KEYS.map((key) => (
              <th key={key} scope="col" className="num">
                {t(CELL_LABEL_KEYS[key])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {group("esf-outputs", t("reports.esf.outputs"))}
          {OUTPUT_INDICATORS.map(row)}
        </tbody>
        <tbody>
          {group("esf-results", t("reports.esf.results"))}
          {RESULT_INDICATORS.map(row)}
          <tr>
            <td colSpan={6} className="muted">
              {t("reports.esf.leavers", { count: formatNumber(leavers.total, locale) })}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function IncompleteList({ incomplete, total }: { incomplete: EsfReport["incomplete"]; total: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="esf-incomplete-title">
      <h2 id="esf-incomplete-title">{t("reports.esf.incompleteTitle")}</h2>
      {total === 0 ? (
        <p>{t("reports.esf.incompleteNone")}</p>
      ) : (
        <>
          <p className="muted">
            {t("reports.esf.incompleteCount", { count: formatNumber(total, locale) })}. {t("reports.esf.incompleteIntro")}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("reports.esf.participantNo")}</th>
                  <th scope="col">{t("reports.esf.missingFields")}</th>
                </tr>
              </thead>
              <tbody>
                {incomplete.map((entry) => (
                  <tr key={entry.participant_no}>
                    <td>{entry.participant_no}</td>
                    <td>{entry.missing.map((field) => (MISSING_FIELD_KEYS[field] ? t(MISSING_FIELD_KEYS[field]) : field)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {total > incomplete.length ? <p className="muted">{t("reports.esf.incompleteMore", { count: formatNumber(total - incomplete.length, locale) })}</p> : null}
        </>
      )}
    </section>
  );
}

type ExportStatus =
  | { kind: "idle" }
  | { kind: "preparing" | "failed"; format: EsfExportFormat }
  | { kind: "progress"; format: EsfExportFormat; loaded: number }
  | { kind: "done"; format: EsfExportFormat; file: string };

/** `attachment; filename="x.xlsx"` → x.xlsx */
function fileNameOf(disposition: string | null): string | null {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? "");
  return match ? match[1] : null;
}

/**
 * Download links for every format. Without JavaScript they are plain links to the export resource route;
 * with it the file is fetched in the background while a live region shows the progress, then saved.
 */
function ExportButtons({ exportPath, from, to }: { exportPath: string; from: string; to: string }) {
  const t = useT();
  const [status, setStatus] = useState<ExportStatus>({ kind: "idle" });
  const busy = status.kind === "preparing" || status.kind === "progress";

  async function download(event: MouseEvent<HTMLAnchorElement>, format: EsfExportFormat) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (typeof fetch !== "function" || typeof URL.createObjectURL !== "function") return;
    event.preventDefault();
    if (busy) return;
    const href = event.currentTarget.href;
    setStatus({ kind: "preparing", format });
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      // why: an expired session redirects to the login page; let the browser follow the link itself.
      if (response.redirected || !response.ok || !response.body) {
        setStatus({ kind: "idle" });
        window.location.assign(href);
        return;
      }
      const reader = response.body.getReader();
      const chunks: BlobPart[] = [];
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        setStatus({ kind: "progress", format, loaded });
      }
      const blob = new Blob(chunks, { type: response.headers.get("Content-Type") ?? "application/octet-stream" });
      const file = fileNameOf(response.headers.get("Content-Disposition")) ?? `ESF.${format}`;
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = file;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
      setStatus({ kind: "done", format, file });
    } catch {
      setStatus({ kind: "failed", format });
    }
  }

  const label = (format: EsfExportFormat) => format.toUpperCase();
  let message = "";
  if (status.kind === "preparing") message = t("reports.esf.exportPreparing", { format: label(status.format) });
  else if (status.kind === "progress") message = t("reports.esf.exportProgress", { format: label(status.format), loaded: Math.max(1, Math.round(status.loaded / 1024)) });
  else if (status.kind === "done") message = t("reports.esf.exportDone", { file: status.file });
  else if (status.kind === "failed") message = t("reports.esf.exportFailed");

  return (
    <section aria-labelledby="esf-export-title">
      <h2 id="esf-export-title">{t("reports.esf.exportTitle")}</h2>
      <p className="muted">{t("reports.esf.exportIntro")}</p>
      <div className="form-actions" aria-busy={busy || undefined}>
        {ESF_EXPORT_FORMATS.map((format) => (
          <a
            key={format}
            className="button button-secondary"
            href={`${exportPath}?${new URLSearchParams({ format, from, to })}`}
            download
            onClick={(event) => void download(event, format)}
            aria-disabled={busy || undefined}
          >
            {t("reports.esf.exportAs", { format: label(format) })}
          </a>
        ))}
      </div>
      <p role="status" aria-live="polite" className={status.kind === "failed" ? "field-error" : "muted"} style={{ minHeight: "1.5rem" }}>
        {message}
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
