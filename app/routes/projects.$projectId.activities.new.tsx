import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActivityForm } from "~/modules/activities/activity-form";
import { emptyActivityFormValues, newActivityIntentSchema, readActivityForm } from "~/modules/activities/schema";
import {
  createSeries,
  defaultActivityDay,
  echoAttendeeRows,
  getActivityFormOptions,
  logActivity,
} from "~/modules/activities/service.server";
import { readFormData } from "~/utils/form.server";
import { formatDate } from "~/utils/format";
import { badRequest } from "~/utils/http.server";
import { translate, useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { ValidationError } from "~/utils/validation";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "activity:write");
  const options = await getActivityFormOptions(project.id);
  const day = defaultActivityDay(options.projectStart, options.projectEnd);
  const isStaff = options.staff.some((s) => s.id === user.id);
  return {
    projectId: project.id,
    options,
    values: emptyActivityFormValues({
      date: formatDate(day, "de"),
      staffUserId: isStaff ? user.id : "",
      // why: most projects work in one area; preselecting it saves a step on the daily path.
      areaId: options.areas.length === 1 ? options.areas[0].id : "",
    }),
    canManageTypes: can({ isAdmin: user.isAdmin, role }, "activityType:manage"),
    pageTitle: `${translate(user.locale, "activities.new.title")} – ${project.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "activity:write");
  const form = await readFormData(request, user.locale);
  const intent = newActivityIntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) badRequest();
  const { values, attendees } = readActivityForm(form);
  try {
    if (intent.data.intent === "series") {
      const series = await createSeries(project.id, values, attendees, user);
      return redirect(`/projects/${project.id}/activities/${series.activityIds[0]}?created=${series.activityIds.length}`);
    }
    const activity = await logActivity(project.id, values, attendees, user);
    return redirect(`/projects/${project.id}/activities/${activity.id}?created=1`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const withNames = can({ isAdmin: user.isAdmin, role }, "participant:read");
    const rows = await echoAttendeeRows(project.id, attendees, withNames, values.duration);
    return data({ values, attendees: rows, fieldErrors: error.fieldErrors, formError: error.formErrors[0] ?? null, at: Date.now() }, { status: 400 });
  }
}

export default function NewActivityPage() {
  const { projectId, options, values, canManageTypes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1 id="activity-form-title">{t("activities.new.title")}</h1>
        <Link to={`/projects/${projectId}/activities`}>{t("activities.backToList")}</Link>
      </div>
      {options.types.length === 0 ? (
        <div className="alert alert-warning" role="status">
          <p>{t("activities.noTypes")}</p>
          {canManageTypes ? <Link to={`/projects/${projectId}/activities/types`}>{t("activities.noTypesLead")}</Link> : <p>{t("activities.noTypesAsk")}</p>}
        </div>
      ) : (
        <ActivityForm
          key={actionData?.at ?? "initial"}
          mode="new"
          projectId={projectId}
          options={options}
          values={actionData?.values ?? values}
          attendees={actionData?.attendees ?? []}
          fieldErrors={actionData?.fieldErrors}
          formError={actionData?.formError}
        />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
