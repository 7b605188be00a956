import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ActivityForm } from "~/modules/activities/activity-form";
import { FieldError } from "~/modules/activities/form-ui";
import { activityDetailIntentSchema, hoursInputValue, instantToBerlin, readActivityForm, toActivityFormValues } from "~/modules/activities/schema";
import {
  ActivityConflictError,
  deleteActivity,
  echoAttendeeRows,
  getActivity,
  getActivityFormOptions,
  updateActivity,
} from "~/modules/activities/service.server";
import { readFormData } from "~/utils/form.server";
import { formatDate } from "~/utils/format";
import { badRequest, requireId } from "~/utils/http.server";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { ValidationError } from "~/utils/validation";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "activity:read");
  const activityId = requireId(params.activityId);
  const subject = { isAdmin: user.isAdmin, role };
  const activity = await getActivity(project.id, activityId, { withNames: can(subject, "participant:read") });
  const canWrite = can(subject, "activity:write");
  const options = canWrite ? await getActivityFormOptions(project.id, activity.typeId) : null;
  return {
    projectId: project.id,
    activity,
    options,
    values: toActivityFormValues(activity),
    rows: activity.attendances.map((a) => ({
      ...a.participant,
      present: a.present,
      // why: a row with the activity's own duration follows later duration edits; others keep their hours.
      hours: a.present && a.minutes !== activity.durationMinutes ? hoursInputValue(a.minutes) : null,
    })),
    pageTitle: `${activity.title} – ${translate(user.locale, "activities.title")} – ${project.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "activity:write");
  const activityId = requireId(params.activityId);
  const form = await readFormData(request, user.locale);
  const intent = activityDetailIntentSchema.safeParse({ intent: form.get("intent"), version: form.get("version") });
  if (!intent.success) badRequest();
  if (intent.data.intent === "delete") {
    if (form.get("confirm") !== "on") return data({ deleteError: "activities.error.deleteConfirm" as MessageKey, at: Date.now() }, { status: 400 });
    try {
      await deleteActivity(project.id, activityId, intent.data.version, user);
    } catch (error) {
      if (error instanceof ActivityConflictError) return data({ deleteError: "error.conflict" as MessageKey, at: Date.now() }, { status: 409 });
      // why: a closed reporting period refuses the deletion with its own message (PeriodLockedError).
      if (error instanceof ValidationError) return data({ deleteError: error.formErrors[0] ?? ("common.formHasErrors" as MessageKey), at: Date.now() }, { status: 400 });
      throw error;
    }
    return redirect(`/projects/${project.id}/activities?deleted=1`);
  }
  const { values, attendees } = readActivityForm(form);
  try {
    await updateActivity(project.id, activityId, values, attendees, intent.data.version, user);
    return redirect(`/projects/${project.id}/activities/${activityId}?saved=1`);
  } catch (error) {
    const conflict = error instanceof ActivityConflictError;
    if (!conflict && !(error instanceof ValidationError)) throw error;
    const rows = await echoAttendeeRows(project.id, attendees, can({ isAdmin: user.isAdmin, role }, "participant:read"), values.duration);
    return data(
      {
        values,
        attendees: rows,
        fieldErrors: error instanceof ValidationError ? error.fieldErrors : undefined,
        formError: conflict ? ("activities.conflict" as MessageKey) : error instanceof ValidationError ? (error.formErrors[0] ?? null) : null,
        at: Date.now(),
      },
      { status: conflict ? 409 : 400 },
    );
  }
}

export default function ActivityPage() {
  const { projectId, activity, options, values, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const local = instantToBerlin(new Date(activity.startsAt));
  const created = actionData ? 0 : Number(searchParams.get("created") ?? 0);
  const formData = actionData && "values" in actionData ? actionData : null;
  const deleteError = actionData && "deleteError" in actionData ? actionData.deleteError : null;
  const absent = activity.attendances.length - activity.presentCount;
  return (
    <>
      <div className="page-header">
        <h1 id="activity-form-title">{activity.title}</h1>
        <Link to={`/projects/${projectId}/activities`}>{t("activities.backToList")}</Link>
      </div>
      {created > 1 ? <p className="alert alert-success" role="status">{t("activities.seriesSaved", { count: created })}</p> : null}
      {created === 1 ? <p className="alert alert-success" role="status">{t("activities.saved")}</p> : null}
      {searchParams.get("saved") && !actionData ? <p className="alert alert-success" role="status">{t("common.saved")}</p> : null}
      <section className="card" aria-labelledby="activity-facts">
        <h2 id="activity-facts">{t("activities.detail.facts")}</h2>
        <dl className="facts">
          <dt>{t("activities.field.type")}</dt>
          <dd>
            {activity.type.name}
            {activity.type.active ? null : <span className="badge"> {t("common.inactive")}</span>}
          </dd>
          <dt>{t("activities.detail.actionField")}</dt>
          <dd>{activity.actionField.code} {locale === "en" && activity.actionField.nameEn ? activity.actionField.nameEn : activity.actionField.name}</dd>
          <dt>{t("activities.detail.when")}</dt>
          <dd>{t("activities.detail.whenValue", { date: formatDate(local.day, locale), time: local.time, hours: hoursInputValue(activity.durationMinutes) })}</dd>
          <dt>{t("activities.field.format")}</dt>
          <dd>{t(`activities.format.${activity.format}` as MessageKey)}</dd>
          <dt>{t("activities.field.area")}</dt>
          <dd>{activity.area?.name ?? t("common.none")}</dd>
          <dt>{t("activities.field.staff")}</dt>
          <dd>{activity.staffUser?.name ?? t("common.none")}</dd>
          <dt>{t("activities.field.partner")}</dt>
          <dd>{activity.partner?.name ?? t("common.none")}</dd>
          {activity.series ? (
            <>
              <dt>{t("activities.series.label")}</dt>
              <dd>{t("activities.series.partOf", { title: activity.series.title, count: activity.series._count.activities })}</dd>
            </>
          ) : null}
          <dt>{t("activities.detail.attendance")}</dt>
          <dd data-testid="attendance-count">
            {t("activities.detail.presentCount", { count: activity.presentCount })}
            {absent ? `, ${t("activities.detail.absentCount", { count: absent })}` : ""}
          </dd>
          {activity.notes ? (
            <>
              <dt>{t("activities.field.notes")}</dt>
              <dd className="pre-line">{activity.notes}</dd>
            </>
          ) : null}
          {activity.supports.length ? (
            <>
              <dt>{t("activities.detail.supports")}</dt>
              <dd>
                <ul className="plain-list">
                  {activity.supports.map((s) => (
                    <li key={s.id}>
                      <Link to={`/projects/${projectId}/organisations/${s.organisation.id}`}>{s.organisation.name}</Link> ({t(`organisations.supportType.${s.type}` as MessageKey)})
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {options ? (
        <>
          <h2>{t("activities.detail.edit")}</h2>
          <ActivityForm
            key={formData?.at ?? `v${activity.version}`}
            mode="edit"
            projectId={projectId}
            activityId={activity.id}
            seriesId={activity.seriesId}
            version={activity.version}
            options={options}
            values={formData?.values ?? values}
            attendees={formData?.attendees ?? rows}
            fieldErrors={formData?.fieldErrors}
            formError={formData?.formError}
          />
          <section className="card danger-zone" aria-labelledby="activity-delete">
            <h2 id="activity-delete">{t("activities.detail.delete")}</h2>
            <Form method="post" className="stack">
              <input type="hidden" name="version" value={activity.version} />
              <div className="field">
                <label className="checkbox" htmlFor="confirm-delete">
                  <input
                    type="checkbox"
                    id="confirm-delete"
                    name="confirm"
                    aria-invalid={deleteError ? true : undefined}
                    aria-describedby={deleteError ? "confirm-delete-error" : undefined}
                  />
                  {t("activities.detail.deleteConfirm")}
                </label>
                <FieldError id="confirm-delete-error" errors={deleteError ? [deleteError] : undefined} />
              </div>
              <div className="form-actions">
                <button type="submit" name="intent" value="delete" className="button-danger" disabled={navigation.state === "submitting"}>
                  {t("activities.detail.delete")}
                </button>
              </div>
            </Form>
          </section>
        </>
      ) : (
        <section aria-labelledby="attendance-title">
          <h2 id="attendance-title">{t("activities.detail.attendance")}</h2>
          {activity.attendances.length === 0 ? (
            <p className="muted">{t("activities.grid.empty")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("activities.grid.col.no")}</th>
                    {activity.attendances.some((a) => a.participant.name) ? <th scope="col">{t("activities.grid.col.name")}</th> : null}
                    <th scope="col">{t("activities.grid.col.present")}</th>
                    <th scope="col" className="num">{t("activities.grid.col.hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {activity.attendances.map((a) => (
                    <tr key={a.participant.id}>
                      <td>{a.participant.participantNo}</td>
                      {activity.attendances.some((x) => x.participant.name) ? <td>{a.participant.name ?? ""}</td> : null}
                      <td>{a.present ? t("activities.attendance.present") : t("activities.attendance.absent")}</td>
                      <td className="num">{hoursInputValue(a.minutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
