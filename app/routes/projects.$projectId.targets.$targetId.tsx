import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors } from "~/components/form-field";
import { VersionConflictNotice } from "~/components/version-conflict";
import { saveFailure } from "~/modules/audit/conflict.server";
import { today } from "~/modules/milestones/schedule";
import { computeTargetProgress } from "~/modules/targets/actuals.server";
import { indicatorLabel } from "~/modules/targets/labels";
import { TargetActionSchema } from "~/modules/targets/schema";
import { addTargetActual, deleteTarget, deleteTargetActual, getTarget, listTargetOptions, updateTarget } from "~/modules/targets/service.server";
import { TargetActualForm, targetActualFormValues, targetConflictRows, targetFieldLabels, TargetForm, targetFormValues } from "~/modules/targets/target-form";
import { ProgressStatusBadge, TargetProgressBar, useFormatFigure } from "~/modules/targets/target-progress";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData } from "~/utils/form.server";
import { formatDate } from "~/utils/format";
import { notFound, requireId } from "~/utils/http.server";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

/** Reloads the page's data after a conflict too. why: Remix skips that after a 4xx answer, but the form must
 * then carry, and the notice compare with, the version stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "target:read");
  const target = await getTarget(project.id, requireId(params.targetId));
  const progress = (await computeTargetProgress(project.id)).find((row) => row.id === target.id);
  if (!progress) notFound();
  const canWrite = can({ isAdmin: user.isAdmin, role }, "target:write");
  const options = canWrite ? await listTargetOptions(project.id) : null;
  const day = today();
  // A new actual defaults to today, or to the end of the period when that is already over.
  const actualDate = progress.period && day.getTime() > progress.period.to.getTime() ? progress.period.to : day;
  return {
    projectId: project.id,
    target,
    progress,
    canWrite,
    years: options?.years ?? [],
    areas: options?.areas ?? [],
    actualDate: formatDate(actualDate, "de"),
    pageTitle: `${indicatorLabel((key, p) => translate(user.locale, key, p), user.locale, target.indicator, target.customName)} – ${translate(user.locale, "targets.title")} – ${project.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "target:write");
  const targetId = requireId(params.targetId);
  const values = formDataToValues(await readFormData(request, user.locale));
  const detail = `/projects/${project.id}/targets/${targetId}`;
  try {
    const command = parseInput(TargetActionSchema, values);
    switch (command.intent) {
      case "update":
        await updateTarget(project.id, user.id, targetId, command.version, values);
        return redirect(`${detail}?saved=1`);
      case "delete":
        await deleteTarget(project.id, user.id, targetId, command.version);
        return redirect(`/projects/${project.id}/targets?deleted=1`);
      case "addActual":
        await addTargetActual(project.id, user.id, targetId, values);
        return redirect(`${detail}?actualSaved=1`);
      case "deleteActual":
        await deleteTargetActual(project.id, user.id, targetId, command.actualId);
        return redirect(detail);
    }
  } catch (error) {
    return saveFailure(error, values);
  }
}

export default function TargetPage() {
  const { projectId, target, progress, canWrite, years, areas, actualDate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const figure = useFormatFigure();
  const label = indicatorLabel(t, locale, target.indicator, target.customName);
  const failed = (intent: string) => (actionData?.intent === intent ? actionData : null);
  const update = failed("update");
  const addActual = failed("addActual");
  const remove = failed("delete");
  const notice: MessageKey | null = searchParams.get("saved") ? "targets.saved" : searchParams.get("actualSaved") ? "targets.actualSaved" : null;
  const manual = target.indicator === "custom";
  return (
    <>
      <div className="page-header">
        <h1>{label}</h1>
        <Link to={`/projects/${projectId}/targets`}>{t("targets.backToList")}</Link>
      </div>
      {notice && !actionData ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}
      <div className="card">
        <dl className="facts">
          <dt>{t("targets.col.scope")}</dt>
          <dd>
            {t("targets.scope", { period: target.year ? String(target.year) : t("targets.wholeDuration"), area: target.area?.name ?? t("targets.allAreas") })}
          </dd>
          <dt>{t("targets.period")}</dt>
          <dd>{progress.period ? `${formatDate(progress.period.from, locale)} – ${formatDate(progress.period.to, locale)}` : t("targets.periodOutside")}</dd>
          <dt>{t("targets.col.target")}</dt>
          <dd>{figure(target.targetValue)}</dd>
          <dt>{t("targets.col.actual")}</dt>
          <dd>
            {figure(progress.actual)} <span className="muted">({manual ? t("targets.manual") : t("targets.computed")})</span>
          </dd>
          <dt>{t("targets.col.progress")}</dt>
          <dd>
            <TargetProgressBar actual={progress.actual} targetValue={progress.targetValue} percent={progress.percent} label={label} />
            <span className="muted">{t("targets.expected", { expected: figure(Math.round(progress.expectedValue * 10) / 10) })}</span>
          </dd>
          <dt>{t("targets.col.status")}</dt>
          <dd>
            <ProgressStatusBadge status={progress.status} />
          </dd>
          {target.note ? (
            <>
              <dt>{t("targets.field.note")}</dt>
              <dd style={{ whiteSpace: "pre-line" }}>{target.note}</dd>
            </>
          ) : null}
        </dl>
        <p className="muted">{t("targets.rule")}</p>
      </div>

      {manual ? (
        <section aria-labelledby="actuals-title">
          <h2 id="actuals-title">{t("targets.actuals.title")}</h2>
          {target.actuals.length === 0 ? (
            <p className="muted">{t("targets.actuals.none")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("targets.actuals.tableCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("targets.actuals.date")}</th>
                    <th scope="col" className="num">{t("targets.actuals.value")}</th>
                    <th scope="col">{t("targets.actuals.note")}</th>
                    {canWrite ? <th scope="col">{t("common.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {target.actuals.map((actual) => (
                    <tr key={actual.id}>
                      <td>{formatDate(actual.date, locale)}</td>
                      <td className="num">{figure(actual.value)}</td>
                      <td>{actual.note ?? t("common.none")}</td>
                      {canWrite ? (
                        <td>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="deleteActual" />
                            <input type="hidden" name="actualId" value={actual.id} />
                            <button type="submit" className="link-button" aria-label={t("targets.actuals.removeLabel", { date: formatDate(actual.date, locale) })}>
                              {t("targets.actuals.remove")}
                            </button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {canWrite ? (
            <div className="card" style={{ marginTop: "1rem" }}>
              <h3>{t("targets.actuals.addTitle")}</h3>
              <TargetActualForm
                key={target.actuals.length}
                values={targetActualFormValues(addActual?.values, actualDate)}
                fieldErrors={addActual?.fieldErrors}
                formErrors={addActual?.formErrors}
              />
            </div>
          ) : null}
        </section>
      ) : null}

      {canWrite ? (
        <>
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">{t("targets.editTitle")}</h2>
            {update?.conflict ? (
              <VersionConflictNotice
                conflict={update.conflict}
                rows={targetConflictRows(t, locale, update.conflict.fields, targetFormValues(target, update.values), targetFormValues(target), areas)}
              />
            ) : null}
            <TargetForm
              // why: after a conflict the loader brings the newer version; a new key re-mounts the form with
              // what the user typed and that version, so saving again applies the user's input on purpose.
              key={target.version}
              intent="update"
              version={target.version}
              values={targetFormValues(target, update?.values)}
              years={years}
              areas={areas}
              fieldErrors={update?.fieldErrors}
              formErrors={update?.conflict ? null : update?.formErrors}
              submitLabel={t("common.save")}
              cancelTo={`/projects/${projectId}/targets`}
            />
          </section>
          <section className="card" aria-labelledby="delete-title">
            <h2 id="delete-title">{t("targets.deleteTitle")}</h2>
            <p className="muted">{t("targets.deleteHint")}</p>
            {remove?.conflict ? (
              <VersionConflictNotice conflict={remove.conflict} intent="delete" labels={targetFieldLabels(t)} />
            ) : (
              <FormErrors messages={(remove?.formErrors ?? []).map((key) => t(key))} />
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="version" value={target.version} />
              <button type="submit" className="button-danger">
                {t("targets.deleteConfirm")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
