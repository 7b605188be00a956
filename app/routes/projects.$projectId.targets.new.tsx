import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TargetForm, targetFormValues } from "~/modules/targets/target-form";
import { createTarget, listTargetOptions } from "~/modules/targets/service.server";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues } from "~/utils/form-values";
import { translate, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "target:write");
  const options = await listTargetOptions(project.id);
  return { projectId: project.id, years: options.years, areas: options.areas, pageTitle: `${translate(user.locale, "targets.newTitle")} – ${project.code}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "target:write");
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    await createTarget(project.id, user.id, values);
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/targets?created=1`);
}

export default function NewTargetPage() {
  const { projectId, years, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("targets.newTitle")}</h1>
        <Link to={`/projects/${projectId}/targets`}>{t("targets.backToList")}</Link>
      </div>
      <TargetForm
        intent="create"
        values={targetFormValues(undefined, actionData?.values)}
        years={years}
        areas={areas}
        fieldErrors={actionData?.fieldErrors}
        formErrors={actionData?.formErrors}
        submitLabel={t("common.create")}
        cancelTo={`/projects/${projectId}/targets`}
      />
    </>
  );
}
