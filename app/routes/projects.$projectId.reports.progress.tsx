import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, FormField, useSchemaForm } from "~/components/form-field";
import { presentProgressReport, type Block } from "~/modules/reports/progress/present";
import { buildProgressReport, NarrativeConflictError, saveNarrative, type ProgressNarrative } from "~/modules/reports/progress/progress.server";
import { NARRATIVE_MAX_LENGTH, narrativeKey, NARRATIVE_SECTIONS, PROGRESS_EXPORT_FORMATS, progressPeriodPresets, ProgressPeriodSchema, type NarrativeSection } from "~/modules/reports/progress/schema";
import { readFormData } from "~/utils/form.server";
import { formatDate, formatDateTime, formatNumber, isoDate } from "~/utils/format";
import { badRequest } from "~/utils/http.server";
import { translate, useLocale, useT, type Locale, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { fieldErrorsFromZod, ValidationError, type FieldErrors } from "~/utils/validation";

export const meta: MetaFunction = ({ matches }) => {
  const locale = ((matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale ?? "de") as Locale;
  return [{ title: `${translate(locale, "reports.progress.title")} – ${translate(locale, "app.name")}` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, project } = await requirePermission(request, params.projectId, "report:read");
  const url = new URL(request.url);
  const values = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
  const subject = { isAdmin: user.isAdmin, role };
  const base = {
    project: { id: project.id, code: project.code, title: project.title, startDate: isoDate(project.startDate), endDate: isoDate(project.endDate) },
    presets: progressPeriodPresets(project),
    canEdit: can(subject, "report:narrative"),
  };
  const parsed = ProgressPeriodSchema.safeParse(values);
  let errors: FieldErrors | null = parsed.success ? null : fieldErrorsFromZod(parsed.error.issues);
  if (parsed.success) {
    try {
      // why: the ESF table follows the ESF report's own permission; coordinators read the rest.
      const report = await buildProgressReport(project.id, parsed.data, { locale: user.locale, includeEsf: can(subject, "report:esf") });
      return { ...base, values: { from: report.from, to: report.to }, errors: null, report };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = error.fieldErrors;
    }
  }
  return { ...base, values, errors, report: null };
}

/**
 * A narrative save changes no figure of the report, and its form keeps its own text and version, so the
 * (possibly large) report is not rebuilt after it. why: every save would otherwise recompute the whole
 * report, ESF table and targets included.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "saveNarrative" ? false : defaultShouldRevalidate;

/** What the action answers for one narrative form; `key` names the section it belongs to. */
type NarrativeAnswer =
  | { key: string; ok: true; version: number; updatedAt: string; updatedByName: string; at: number }
  | {
      key: string;
      ok: false;
      body: string;
      version: number;
      fieldErrors: FieldErrors;
      formErrors: MessageKey[];
      conflict: { body: string; updatedAt: string | null; updatedByName: string | null } | null;
      at: number;
    };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "report:narrative");
  const form = await readFormData(request, user.locale);
  if (form.get("intent") !== "saveNarrative") badRequest();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const section = field("section");
  const actionFieldId = field("actionFieldId") || null;
  const key = (NARRATIVE_SECTIONS as readonly string[]).includes(section) ? narrativeKey(section as NarrativeSection, actionFieldId) : section;
  const body = field("body");
  const version = Number(field("version")) || 0;
  const at = Date.now();
  try {
    const saved = await saveNarrative(project.id, user, { from: field("from"), to: field("to"), section, actionFieldId, body, version: field("version") });
    return data<NarrativeAnswer>({ key, ok: true, version: saved.version, updatedAt: saved.updatedAt.toISOString(), updatedByName: user.name, at });
  } catch (error) {
    if (error instanceof NarrativeConflictError) {
      const { current } = error;
      return data<NarrativeAnswer>(
        { key, ok: false, body, version: current.version, fieldErrors: {}, formErrors: [], conflict: { body: current.body, updatedAt: current.updatedAt, updatedByName: current.updatedByName }, at },
        { status: 409 },
      );
    }
    if (error instanceof ValidationError) {
      return data<NarrativeAnswer>({ key, ok: false, body, version, fieldErrors: error.fieldErrors, formErrors: error.formErrors, conflict: null, at }, { status: 400 });
    }
    throw error;
  }
}

export default function ProgressReportPage() {
  const { project, presets, canEdit, values, errors, report } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as NarrativeAnswer | undefined;
  const t = useT();
  const locale = useLocale();
  const reportPath = `/projects/${project.id}/reports/progress`;
  const presented = report ? presentProgressReport(report, locale) : null;
  const isCurrent = (from: string, to: string) => report !== null && report.from === from && report.to === to;
  const years = presets.filter((preset) => preset.kind === "year");
  const presetLink = (preset: (typeof presets)[number], label: string) => (
    <Link
      to={`${reportPath}?from=${preset.from}&to=${preset.to}`}
      aria-current={isCurrent(preset.from, preset.to) ? "true" : undefined}
      style={isCurrent(preset.from, preset.to) ? { fontWeight: 700 } : undefined}
    >
      {label}
    </Link>
  );

  return (
    <>
      <p className="muted">
        <Link to={`/projects/${project.id}/reports`}>{t("reports.title")}</Link>
      </p>
      <div className="page-header">
        <h1>{t("reports.progress.title")}</h1>
        <span className="badge">{project.code}</span>
      </div>

      <section className="card" aria-labelledby="progress-period-title">
        <h2 id="progress-period-title" style={{ marginTop: 0 }}>
          {t("reports.progress.periodLegend")}
        </h2>
        <PeriodForm key={`${values.from}|${values.to}`} action={reportPath} values={values} errors={errors} min={project.startDate} max={project.endDate} />
        <p className="hint muted">{t("reports.progress.dateHint")}</p>
        <nav aria-label={t("reports.progress.presets")}>
          <ul style={{ display: "flex", flexWrap: "wrap", gap: "0.25rem 1.5rem", listStyle: "none", margin: 0, padding: 0 }}>
            <li>{presetLink({ kind: "year", year: 0, from: project.startDate, to: project.endDate }, t("reports.progress.wholeDuration"))}</li>
            {years.map((year) => (
              <li key={year.year}>
                {presetLink(year, t("reports.progress.year", { year: year.year }))}
                {presets
                  .filter((preset) => preset.kind === "half" && preset.year === year.year)
                  .map((half) => (
                    <span key={half.half}>
                      {" · "}
                      {presetLink(half, t("reports.progress.half", { half: half.half ?? 1, year: half.year }))}
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        </nav>
      </section>

      {report === null || presented === null ? (
        <FormErrors messages={[t("common.formHasErrors")]} />
      ) : (
        <article aria-labelledby="progress-report-title">
          <h2 id="progress-report-title">
            {presented.title} {presented.period}
          </h2>
          <p className="muted">
            {presented.projectLine} · {presented.generated}
          </p>
          {canEdit ? null : <p className="alert alert-info">{t("reports.progress.narrative.readOnly")}</p>}
          <nav aria-label={t("reports.progress.contents")} className="card">
            <ol style={{ margin: 0 }}>
              {presented.blocks
                .filter((block): block is Extract<Block, { kind: "heading" }> => block.kind === "heading" && block.level === 1)
                .map((block) => (
                  <li key={block.id}>
                    <a href={`#${block.id}`}>{block.text}</a>
                  </li>
                ))}
            </ol>
          </nav>
          {presented.blocks.map((block, index) => (
            <ReportBlock
              key={block.kind === "narrative" ? `${report.from}|${report.to}|${block.narrative.key}` : `${block.kind}-${index}`}
              block={block}
              canEdit={canEdit}
              period={{ from: report.from, to: report.to }}
              actionPath={`${reportPath}?${new URLSearchParams({ from: report.from, to: report.to })}`}
              actionData={actionData}
            />
          ))}
          <ExportLinks exportPath={`${reportPath}/export`} from={report.from} to={report.to} />
        </article>
      )}
    </>
  );
}

/** The period form (GET): the same schema checks in the browser and in the loader. */
function PeriodForm({ action, values, errors, min, max }: { action: string; values: { from: string; to: string }; errors: FieldErrors | null; min: string; max: string }) {
  const t = useT();
  const navigation = useNavigation();
  const form = useSchemaForm(ProgressPeriodSchema, { defaultValues: values, serverErrors: errors });
  return (
    <Form method="get" action={action} noValidate onSubmit={form.onSubmit} className="toolbar">
      <FormField label={t("reports.progress.from")} name="from" error={form.error("from")}>
        <input type="date" {...form.register("from")} defaultValue={values.from} min={min} max={max} />
      </FormField>
      <FormField label={t("reports.progress.to")} name="to" error={form.error("to")}>
        <input type="date" {...form.register("to")} defaultValue={values.to} min={min} max={max} />
      </FormField>
      <div className="field">
        <button type="submit" disabled={navigation.state === "loading" && navigation.location?.pathname === action}>
          {t("reports.progress.show")}
        </button>
      </div>
    </Form>
  );
}

function ReportBlock({
  block,
  canEdit,
  period,
  actionPath,
  actionData,
}: {
  block: Block;
  canEdit: boolean;
  period: { from: string; to: string };
  actionPath: string;
  actionData: NarrativeAnswer | undefined;
}) {
  switch (block.kind) {
    case "heading":
      return block.level === 1 ? <h2 id={block.id}>{block.text}</h2> : <h3 id={block.id}>{block.text}</h3>;
    case "paragraph":
      return <p className={block.muted ? "muted" : undefined}>{block.text}</p>;
    case "facts":
      return (
        <dl className="facts card">
          {block.rows.map((row) => (
            <div key={row.label} style={{ display: "contents" }}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      );
    case "narrative":
      return canEdit ? (
        <NarrativeEditor title={block.title} hint={block.hint} narrative={block.narrative} period={period} actionPath={actionPath} actionData={actionData} />
      ) : (
        <NarrativeText narrative={block.narrative} />
      );
    case "table":
      return (
        <div className="table-wrap" style={{ marginBottom: "1rem" }}>
          <table id={block.id}>
            <caption className="visually-hidden">{block.caption}</caption>
            <thead>
              <tr>
                {block.columns.map((column) => (
                  <th key={column.title} scope="col" className={column.align === "right" ? "num" : undefined}>
                    {column.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) =>
                "group" in row ? (
                  <tr key={`group-${index}`}>
                    <th colSpan={block.columns.length} scope="colgroup">
                      {row.group}
                    </th>
                  </tr>
                ) : (
                  <tr key={`row-${index}`} style={row.total ? { fontWeight: 700 } : undefined}>
                    {row.cells.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row" style={{ fontWeight: row.total ? 700 : "normal", whiteSpace: "normal", background: "none" }}>
                          {cell}
                        </th>
                      ) : (
                        <td key={i} className={block.columns[i].align === "right" ? "num" : undefined}>
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      );
  }
}

/** A narrative for readers: the text with its paragraphs, or "Noch kein Text erfasst." */
function NarrativeText({ narrative }: { narrative: ProgressNarrative }) {
  const t = useT();
  const locale = useLocale();
  if (!narrative.body.trim()) return <p className="muted" style={{ fontStyle: "italic" }}>{t("reports.progress.narrative.empty")}</p>;
  return (
    <div data-testid={`narrative-${narrative.key}`}>
      <div style={{ whiteSpace: "pre-wrap" }}>{narrative.body}</div>
      {narrative.updatedAt ? (
        <p className="hint muted">
          {t("reports.progress.narrative.lastSaved", { date: formatDateTime(narrative.updatedAt, locale), name: narrative.updatedByName ?? t("reports.progress.none") })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * One section's form. Each section posts through its own fetcher, so saving one never touches the text
 * typed in another; after a conflict or an error the typed text stays in the field (without JavaScript
 * the action's answer brings it back).
 */
function NarrativeEditor({
  title,
  hint,
  narrative,
  period,
  actionPath,
  actionData,
}: {
  title: string;
  hint: string;
  narrative: ProgressNarrative;
  period: { from: string; to: string };
  actionPath: string;
  actionData: NarrativeAnswer | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<typeof action>();
  const fromFetcher = fetcher.data as NarrativeAnswer | undefined;
  const answer = fromFetcher ?? (actionData?.key === narrative.key ? actionData : undefined);
  const failure = answer && !answer.ok ? answer : null;
  const [text, setText] = useState(failure ? failure.body : narrative.body);
  const [version, setVersion] = useState(failure ? failure.version : narrative.version);
  // why: the version the next save names follows the last answer: the new version after a save, the
  // stored one after a conflict (saving again then deliberately replaces the colleague's text).
  useEffect(() => {
    if (fromFetcher) setVersion(fromFetcher.version);
  }, [fromFetcher]);
  const busy = fetcher.state !== "idle";
  const lastSaved = answer?.ok ? { at: answer.updatedAt, by: answer.updatedByName } : { at: narrative.updatedAt, by: narrative.updatedByName };
  const id = `narrative-${narrative.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const bodyError = failure?.fieldErrors.body?.[0];
  const otherErrors = failure
    ? [...failure.formErrors, ...Object.entries(failure.fieldErrors).filter(([name]) => name !== "body").flatMap(([, keys]) => keys)].map((key) => t(key))
    : [];
  const [field, actionFieldId] = narrative.section === "action_field" ? ["action_field", narrative.actionField?.id ?? ""] : [narrative.section, ""];

  return (
    <fetcher.Form method="post" action={actionPath} className="card" aria-label={title} preventScrollReset>
      <input type="hidden" name="intent" value="saveNarrative" />
      <input type="hidden" name="from" value={period.from} />
      <input type="hidden" name="to" value={period.to} />
      <input type="hidden" name="section" value={field} />
      <input type="hidden" name="actionFieldId" value={actionFieldId} />
      <input type="hidden" name="version" value={version} />
      {failure?.conflict ? (
        <div className="alert alert-warning" role="alert">
          <p style={{ margin: 0 }}>{t("reports.progress.narrative.conflict", { name: failure.conflict.updatedByName ?? t("reports.progress.narrative.someone") })}</p>
          <details>
            <summary>{t("reports.progress.narrative.currentText")}</summary>
            <div style={{ whiteSpace: "pre-wrap" }}>{failure.conflict.body || t("reports.progress.narrative.empty")}</div>
          </details>
        </div>
      ) : null}
      <FormErrors messages={otherErrors} />
      <FormField label={t("reports.progress.narrative.label", { section: title })} name="body" id={`${id}-body`} hint={hint} error={bodyError ? t(bodyError) : undefined}>
        <textarea name="body" rows={8} value={text} onChange={(event) => setText(event.target.value)} />
      </FormField>
      <p className="hint muted" style={{ marginTop: 0 }}>
        {t("reports.progress.narrative.length", { count: formatNumber(text.length, locale), max: formatNumber(NARRATIVE_MAX_LENGTH, locale) })}
        {lastSaved.at
          ? ` · ${t("reports.progress.narrative.lastSaved", { date: formatDateTime(lastSaved.at, locale), name: lastSaved.by ?? t("reports.progress.none") })}`
          : null}
      </p>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t("reports.progress.narrative.saving") : t("reports.progress.narrative.save")}
        </button>
        <span role="status" aria-live="polite" className="muted">
          {answer?.ok && !busy ? t("reports.progress.narrative.saved") : ""}
        </span>
      </div>
    </fetcher.Form>
  );
}

/** Plain download links (the resource route answers with Content-Disposition: attachment). */
function ExportLinks({ exportPath, from, to }: { exportPath: string; from: string; to: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="progress-export-title" className="card">
      <h2 id="progress-export-title" style={{ marginTop: 0 }}>
        {t("reports.progress.export.title")}
      </h2>
      <p className="muted">
        {t("reports.progress.export.intro")} ({t("reports.progress.periodValue", { from: formatDate(from, locale), to: formatDate(to, locale) })})
      </p>
      <div className="form-actions">
        {PROGRESS_EXPORT_FORMATS.map((format) => (
          <a key={format} className="button button-secondary" href={`${exportPath}?${new URLSearchParams({ format, from, to })}`} download>
            {t("reports.progress.export.as", { format: format.toUpperCase() })}
          </a>
        ))}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
