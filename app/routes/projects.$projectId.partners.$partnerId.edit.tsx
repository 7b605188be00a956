import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { VersionConflictNotice } from "~/components/version-conflict";
import { saveFailure } from "~/modules/audit/conflict.server";
import { echoedPartnerValues, PartnerForm, partnerConflictRows, partnerFormValues } from "~/modules/partners/partner-form";
import { PartnerSaveSchema } from "~/modules/partners/schema";
import { getPartner, updatePartner } from "~/modules/partners/service.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { translate, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

/** Reloads the page's data after a conflict too. why: Remix skips that after a 4xx answer, but the form must
 * then carry, and the notice compare with, the version stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "partner:write");
  const partner = await getPartner(project.id, requireId(params.partnerId));
  return { projectId: project.id, partner, pageTitle: `${translate(user.locale, "partners.editTitle")}: ${partner.name} – ${project.code}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "partner:write");
  const partnerId = requireId(params.partnerId);
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    const { version } = parseInput(PartnerSaveSchema, values);
    await updatePartner(project.id, user.id, partnerId, version, values);
  } catch (error) {
    return saveFailure(error, values);
  }
  return redirect(`/projects/${project.id}/partners/${partnerId}?saved=1`);
}

export default function EditPartnerPage() {
  const { projectId, partner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const detail = `/projects/${projectId}/partners/${partner.id}`;
  const conflict = actionData?.conflict ?? null;
  const values = echoedPartnerValues(actionData?.values, partnerFormValues(partner));
  return (
    <>
      <div className="page-header">
        <h1>
          {t("partners.editTitle")}: {partner.name}
        </h1>
        <Link to={detail}>{t("partners.backToDetail")}</Link>
      </div>
      {conflict ? <VersionConflictNotice conflict={conflict} rows={partnerConflictRows(t, conflict.fields, values, partnerFormValues(partner))} /> : null}
      <PartnerForm
        // why: after a conflict the loader brings the newer version; a new key re-mounts the form with
        // what the user typed and that version, so saving again applies the user's input on purpose.
        key={partner.version}
        version={partner.version}
        values={values}
        fieldErrors={actionData?.fieldErrors}
        formErrors={conflict ? null : actionData?.formErrors}
        submitLabel={t("common.save")}
        cancelTo={detail}
      />
    </>
  );
}
