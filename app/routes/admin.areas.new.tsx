import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { AreaForm } from "~/components/admin/area-form";
import { pageTitle } from "~/components/admin/meta";
import { AreaInputSchema } from "~/modules/areas/schema";
import { createArea } from "~/modules/areas/service.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.areas.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:areas");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:areas");
  const values = formDataToValues(await readFormData(request, admin.locale));
  try {
    const { id } = await createArea(parseInput(AreaInputSchema, values), admin.id);
    return redirect(`/admin/areas/${id}?notice=created`);
  } catch (error) {
    return validationFailure(error, values);
  }
}

export default function NewAreaPage() {
  const failed = useActionData<typeof action>() ?? null;
  const t = useT();
  return (
    <>
      <p>
        <Link to="/admin/areas">← {t("admin.areas.backToList")}</Link>
      </p>
      <h1>{t("admin.areas.newTitle")}</h1>
      <div className="card">
        <AreaForm area={null} failed={failed} submitLabel={t("admin.areas.createSubmit")} />
      </div>
    </>
  );
}
