import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/admin/meta";
import { PROJECT_LIST_FIELDS, ProjectForm } from "~/components/admin/project-form";
import { listAreaOptions } from "~/modules/areas/service.server";
import { listActionFieldOptions } from "~/modules/projects/action-fields.server";
import { createProject } from "~/modules/projects/admin.server";
import { ProjectInputSchema } from "~/modules/projects/schema";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.projects.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:projects");
  const [areas, actionFields] = await Promise.all([listAreaOptions(), listActionFieldOptions()]);
  return { options: { areas, actionFields } };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:projects");
  const values = formDataToValues(await readFormData(request, admin.locale), PROJECT_LIST_FIELDS);
  try {
    const { id } = await createProject(parseInput(ProjectInputSchema, values), admin.id);
    return redirect(`/admin/projects/${id}?notice=created`);
  } catch (error) {
    return validationFailure(error, values);
  }
}

export default function NewProjectPage() {
  const { options } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() ?? null;
  const t = useT();
  return (
    <>
      <p>
        <Link to="/admin/projects">← {t("admin.projects.backToList")}</Link>
      </p>
      <h1>{t("admin.projects.newTitle")}</h1>
      <div className="card">
        <ProjectForm project={null} options={options} failed={failed} submitLabel={t("admin.projects.createSubmit")} />
      </div>
    </>
  );
}
