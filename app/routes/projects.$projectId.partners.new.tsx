import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { echoedPartnerValues, PartnerForm, partnerFormValues } from "~/modules/partners/partner-form";
import { createPartner } from "~/modules/partners/service.server";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues } from "~/utils/form-values";
import { translate, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "partner:write");
  return { projectId: project.id, pageTitle: `${translate(user.locale, "partners.newTitle")} – ${project.code}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "partner:write");
  const values = formDataToValues(await readFormData(request, user.locale));
  let partnerId: string;
  try {
    partnerId = (await createPartner(project.id, user.id, values)).id;
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/partners/${partnerId}?created=1`);
}

export default function NewPartnerPage() {
  const { projectId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("partners.newTitle")}</h1>
        <Link to={`/projects/${projectId}/partners`}>{t("partners.backToList")}</Link>
      </div>
      <PartnerForm
        values={echoedPartnerValues(actionData?.values, partnerFormValues())}
        fieldErrors={actionData?.fieldErrors}
        formErrors={actionData?.formErrors}
        submitLabel={t("common.create")}
        cancelTo={`/projects/${projectId}/partners`}
      />
    </>
  );
}
