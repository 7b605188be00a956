import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { echoedPartnerValues, PartnerForm, partnerFormValues } from "~/modules/partners/partner-form";
import { getPartner, updatePartner } from "~/modules/partners/service.server";
import { validationFailure } from "~/utils/form.server";
import { formDataToValues } from "~/utils/form-values";
import { requireId } from "~/utils/http.server";
import { translate, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "partner:write");
  const partner = await getPartner(project.id, requireId(params.partnerId));
  return { projectId: project.id, partner, pageTitle: `${translate(user.locale, "partners.editTitle")}: ${partner.name} – ${project.code}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "partner:write");
  const partnerId = requireId(params.partnerId);
  const values = formDataToValues(await request.formData());
  try {
    await updatePartner(project.id, user.id, partnerId, values);
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/partners/${partnerId}?saved=1`);
}

export default function EditPartnerPage() {
  const { projectId, partner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const detail = `/projects/${projectId}/partners/${partner.id}`;
  return (
    <>
      <div className="page-header">
        <h1>
          {t("partners.editTitle")}: {partner.name}
        </h1>
        <Link to={detail}>{t("partners.backToDetail")}</Link>
      </div>
      <PartnerForm
        values={echoedPartnerValues(actionData?.values, partnerFormValues(partner))}
        fieldErrors={actionData?.fieldErrors}
        formErrors={actionData?.formErrors}
        submitLabel={t("common.save")}
        cancelTo={detail}
      />
    </>
  );
}
