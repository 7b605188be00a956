// Reporting periods (Berichtszeiträume): every member sees which periods are closed; a lead adds and
// closes periods, an administrator reopens a closed one with a reason. Closing locks every record dated
// in the period (app/modules/periods/lock.server.ts, docs/decisions/011-period-lock.md).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, FormField } from "~/components/form-field";
import { PeriodActionSchema, splitPreset } from "~/modules/periods/schema";
import { closePeriod, createPeriod, deletePeriod, listPeriodAudit, listPeriodPresets, listPeriods, reopenPeriod } from "~/modules/periods/service.server";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { formatDate, formatDateTime, isoDate } from "~/utils/format";
import { forbidden } from "~/utils/http.server";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, role, project } = await requirePermission(request, params.projectId, "report:read");
  const subject = { isAdmin: user.isAdmin, role };
  const canLock = can(subject, "period:lock");
  const canAudit = can(subject, "audit:read");
  const [periods, presets, audit] = await Promise.all([
    listPeriods(project.id),
    canLock ? listPeriodPresets(project.id) : Promise.resolve([]),
    canAudit ? listPeriodAudit(project.id) : Promise.resolve([]),
  ]);
  return {
    project: { id: project.id, code: project.code, startDate: project.startDate, endDate: project.endDate },
    periods,
    presets,
    audit,
    canLock,
    canReopen: can(subject, "period:reopen"),
    canAudit,
    pageTitle: `${translate(user.locale, "periods.title")} – ${project.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, role, project } = await requirePermission(request, params.projectId, "period:lock");
  const values = formDataToValues(await readFormData(request, user.locale));
  const here = `/projects/${project.id}/reports/periods`;
  try {
    const preset = splitPreset(values.preset);
    const input = parseInput(PeriodActionSchema, preset ? { ...values, ...preset } : values);
    switch (input.intent) {
      case "create":
        await createPeriod(project.id, input, user);
        return redirect(`${here}?notice=created`);
      case "close":
        await closePeriod(project.id, input.periodId, user);
        return redirect(`${here}?notice=closed`);
      case "reopen":
        // why: closing is the lead's, reopening only an administrator's (period:reopen is admin-only).
        if (!can({ isAdmin: user.isAdmin, role }, "period:reopen")) forbidden();
        await reopenPeriod(project.id, input.periodId, input, user);
        return redirect(`${here}?notice=reopened`);
      case "delete":
        await deletePeriod(project.id, input.periodId, user);
        return redirect(`${here}?notice=deleted`);
    }
  } catch (error) {
    return validationFailure(error, values);
  }
}

const NOTICES: Record<string, MessageKey> = { created: "periods.created", closed: "periods.closed", reopened: "periods.reopened", deleted: "periods.deleted" };

export default function ReportingPeriodsPage() {
  const { project, periods, presets, audit, canLock, canReopen, canAudit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const notice = NOTICES[searchParams.get("notice") ?? ""];
  const day = (value: string | Date) => formatDate(value, locale);
  const createFailure = failure?.intent === "create" ? failure : null;
  const rowFailure = (periodId: string, intent: string) => (failure && failure.intent === intent && failure.values.periodId === periodId ? failure : null);
  const fieldError = (f: typeof failure | null, name: string) => (f?.fieldErrors[name]?.[0] ? t(f.fieldErrors[name]![0]) : undefined);
  const periodLabel = (id: string | null) => {
    const period = periods.find((p) => p.id === id);
    return period ? `${day(period.start)}–${day(period.end)}` : "";
  };
  return (
    <>
      <div className="page-header">
        <h1>{t("periods.title")}</h1>
        <Link to={`/projects/${project.id}/reports`}>{t("reports.title")}</Link>
      </div>
      <p className="muted">{t("periods.intro")}</p>
      <p>{t("periods.project", { start: day(project.startDate), end: day(project.endDate) })}</p>
      {notice && !failure ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}

      <h2 id="periods-heading">{t("periods.listHeading")}</h2>
      {periods.length === 0 ? (
        <p className="alert alert-info">{t("periods.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="periods-table" aria-labelledby="periods-heading">
            <thead>
              <tr>
                <th scope="col">{t("periods.col.period")}</th>
                <th scope="col">{t("periods.col.status")}</th>
                {canLock ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => {
                const label = `${day(period.start)}–${day(period.end)}`;
                const closeFailure = rowFailure(period.id, "close");
                const reopenFailure = rowFailure(period.id, "reopen");
                const deleteFailure = rowFailure(period.id, "delete");
                return (
                  <tr key={period.id} data-period={`${isoDate(period.start)}_${isoDate(period.end)}`}>
                    <th scope="row">{label}</th>
                    <td>
                      {period.status === "open"
                        ? t("periods.status.open")
                        : period.status === "closed"
                          ? t("periods.status.closed", { at: formatDateTime(period.lockedAt, locale), by: period.lockedByName ?? t("periods.unknownUser") })
                          : t("periods.status.reopened", { at: formatDateTime(period.reopenedAt, locale), by: period.reopenedByName ?? t("periods.unknownUser") })}
                    </td>
                    {canLock ? (
                      <td>
                        {period.status !== "closed" ? (
                          <Form method="post" className="stack" aria-label={`${t("periods.close")} ${label}`}>
                            <input type="hidden" name="intent" value="close" />
                            <input type="hidden" name="periodId" value={period.id} />
                            <FormErrors messages={closeFailure ? closeFailure.formErrors.map((key) => t(key)) : []} />
                            <div className="field">
                              <label className="checkbox" htmlFor={`close-confirm-${period.id}`}>
                                <input
                                  type="checkbox"
                                  id={`close-confirm-${period.id}`}
                                  name="confirm"
                                  aria-invalid={closeFailure ? true : undefined}
                                  aria-describedby={closeFailure ? `close-confirm-${period.id}-error` : undefined}
                                />
                                {t("periods.closeConfirm", { start: day(period.start), end: day(period.end) })}
                              </label>
                              {fieldError(closeFailure, "confirm") ? (
                                <p className="field-error" id={`close-confirm-${period.id}-error`}>
                                  {fieldError(closeFailure, "confirm")}
                                </p>
                              ) : null}
                            </div>
                            <div className="form-actions">
                              <button type="submit" disabled={busy}>
                                {t("periods.close")}
                              </button>
                            </div>
                          </Form>
                        ) : null}
                        {period.status === "closed" && canReopen ? (
                          <Form method="post" className="stack" aria-label={`${t("periods.reopen")} ${label}`}>
                            <input type="hidden" name="intent" value="reopen" />
                            <input type="hidden" name="periodId" value={period.id} />
                            <FormErrors messages={reopenFailure ? reopenFailure.formErrors.map((key) => t(key)) : []} />
                            <FormField label={t("periods.reopenReason")} name="reason" id={`reopen-reason-${period.id}`} hint={t("periods.reopenHint")} error={fieldError(reopenFailure, "reason")}>
                              <textarea name="reason" rows={2} maxLength={500} required defaultValue={String(reopenFailure?.values.reason ?? "")} />
                            </FormField>
                            <div className="form-actions">
                              <button type="submit" disabled={busy}>
                                {t("periods.reopen")}
                              </button>
                            </div>
                          </Form>
                        ) : null}
                        {period.status === "open" ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="delete" />
                            <input type="hidden" name="periodId" value={period.id} />
                            <FormErrors messages={deleteFailure ? deleteFailure.formErrors.map((key) => t(key)) : []} />
                            <button type="submit" className="link-button" disabled={busy} aria-label={`${t("periods.delete")} ${label}`}>
                              {t("periods.delete")}
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {canLock ? (
        <section className="card" aria-labelledby="period-add-heading">
          <h2 id="period-add-heading">{t("periods.addHeading")}</h2>
          <p className="hint">{t("periods.addHint")}</p>
          <FormErrors messages={createFailure ? createFailure.formErrors.map((key) => t(key)) : []} />
          {presets.length ? (
            <Form method="post" aria-labelledby="period-presets-heading">
              <input type="hidden" name="intent" value="create" />
              <h3 id="period-presets-heading">{t("periods.presets")}</h3>
              <div className="toolbar">
                {presets.map((preset) => (
                  <button key={`${preset.kind}-${preset.year}`} type="submit" name="preset" value={`${isoDate(preset.start)}_${isoDate(preset.end)}`} className="button-secondary" disabled={busy}>
                    {t(`periods.preset.${preset.kind}`, { year: preset.year })} ({day(preset.start)}–{day(preset.end)})
                  </button>
                ))}
              </div>
            </Form>
          ) : null}
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="create" />
            <div className="field-row">
              <FormField label={t("periods.start")} name="start" id="period-start" error={fieldError(createFailure, "start")}>
                <input name="start" type="date" defaultValue={String(createFailure?.values.start ?? "")} />
              </FormField>
              <FormField label={t("periods.end")} name="end" id="period-end" error={fieldError(createFailure, "end")}>
                <input name="end" type="date" defaultValue={String(createFailure?.values.end ?? "")} />
              </FormField>
            </div>
            <div className="form-actions">
              <button type="submit" disabled={busy}>
                {t("periods.create")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {canAudit ? (
        <section aria-labelledby="period-audit-heading">
          <h2 id="period-audit-heading">{t("periods.auditHeading")}</h2>
          {audit.length === 0 ? (
            <p className="muted">{t("periods.auditEmpty")}</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="periods-audit" aria-labelledby="period-audit-heading">
                <thead>
                  <tr>
                    <th scope="col">{t("periods.audit.at")}</th>
                    <th scope="col">{t("periods.audit.period")}</th>
                    <th scope="col">{t("periods.audit.action")}</th>
                    <th scope="col">{t("periods.audit.user")}</th>
                    <th scope="col">{t("periods.audit.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.map((event) => (
                    <tr key={event.id}>
                      <td>{formatDateTime(event.at, locale)}</td>
                      <td>{periodLabel(event.periodId)}</td>
                      <td>{t(`periods.audit.${event.action}` as MessageKey)}</td>
                      <td>{event.userName ?? t("periods.unknownUser")}</td>
                      <td className="pre-line">{event.note ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
