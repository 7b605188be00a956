import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrganisationForm } from "~/modules/organisations/organisation-form";
import { emptyOrganisationFormValues, ORGANISATION_FORM_FIELDS, readForm } from "~/modules/organisations/schema";
import { createOrganisation, listOrganisationAreas } from "~/modules/organisations/service.server";
import { readFormData } from "~/utils/form.server";
import { translate, useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { ValidationError } from "~/utils/validation";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "organisation:write");
  const areas = await listOrganisationAreas(project.id);
  return { projectId: project.id, areas, pageTitle: `${translate(user.locale, "organisations.new")} – ${project.code}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "organisation:write");
  const values = readForm(await readFormData(request, user.locale), ORGANISATION_FORM_FIELDS);
  try {
    const organisation = await createOrganisation(project.id, values, user);
    return redirect(`/projects/${project.id}/organisations/${organisation.id}?created=1`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return data({ values, fieldErrors: error.fieldErrors, at: Date.now() }, { status: 400 });
  }
}

export default function NewOrganisationPage() {
  const { projectId, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("organisations.new")}</h1>
        <Link to={`/projects/${projectId}/organisations`}>{t("organisations.backToList")}</Link>
      </div>
      <OrganisationForm
        key={actionData?.at ?? "initial"}
        values={actionData?.values ?? emptyOrganisationFormValues()}
        areas={areas}
        fieldErrors={actionData?.fieldErrors}
        submitLabel={t("organisations.create")}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
