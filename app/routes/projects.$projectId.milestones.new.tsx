import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { echoedMilestoneValues, MilestoneForm, milestoneFormValues } from "~/modules/milestones/milestone-form";
import { createMilestone, listMilestoneOptions } from "~/modules/milestones/service.server";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues } from "~/utils/form-values";
import { translate, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "milestone:write");
  const options = await listMilestoneOptions(project.id);
  return { projectId: project.id, options, pageTitle: `${translate(user.locale, "milestones.newTitle")} – ${project.code}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "milestone:write");
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    await createMilestone(project.id, user.id, values);
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/milestones?created=1`);
}

export default function NewMilestonePage() {
  const { projectId, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("milestones.newTitle")}</h1>
        <Link to={`/projects/${projectId}/milestones`}>{t("milestones.backToList")}</Link>
      </div>
      <MilestoneForm
        intent="create"
        values={echoedMilestoneValues(actionData?.values, milestoneFormValues())}
        options={options}
        fieldErrors={actionData?.fieldErrors}
        formErrors={actionData?.formErrors}
        submitLabel={t("common.create")}
        cancelTo={`/projects/${projectId}/milestones`}
      />
    </>
  );
}
