import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActionFieldForm } from "~/components/admin/action-field-form";
import { pageTitle } from "~/components/admin/meta";
import { getActionField, removeActionField, updateActionField } from "~/modules/projects/action-fields.server";
import { ActionFieldInputSchema, ActionFieldIntentSchema } from "~/modules/projects/schema";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { badRequest, requireId } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "admin.actionFields.editTitle", { code: data?.field.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:actionFields");
  const { inUse, ...field } = await getActionField(requireId(params.actionFieldId));
  return { field, inUse };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:actionFields");
  const actionFieldId = requireId(params.actionFieldId);
  const values = formDataToValues(await readFormData(request, admin.locale));
  const parsed = ActionFieldIntentSchema.safeParse(values);
  if (!parsed.success) badRequest();
  try {
    if (parsed.data.intent === "remove") {
      const outcome = await removeActionField(actionFieldId, admin.id);
      return redirect(outcome === "deleted" ? "/admin/action-fields?notice=deleted" : `/admin/action-fields/${actionFieldId}?notice=deactivated`);
    }
    await updateActionField(actionFieldId, parseInput(ActionFieldInputSchema, values), admin.id);
    return redirect(`/admin/action-fields/${actionFieldId}?notice=saved`);
  } catch (error) {
    return validationFailure(error, values);
  }
}

export default function ActionFieldPage() {
  const { field, inUse } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() ?? null;
  const [searchParams] = useSearchParams();
  const t = useT();
  const notice = failed ? null : searchParams.get("notice");
  return (
    <>
      <p>
        <Link to="/admin/action-fields">← {t("admin.actionFields.backToList")}</Link>
      </p>
      <div className="page-header">
        <h1>{t("admin.actionFields.editTitle", { code: field.code })}</h1>
        <span className={`badge ${field.active ? "badge-success" : "badge-danger"}`}>{field.active ? t("common.active") : t("common.inactive")}</span>
      </div>
      {notice === "saved" || notice === "deactivated" ? (
        <p className="alert alert-success" role="status">
          {t(notice === "saved" ? "admin.saved" : "admin.actionFields.deactivated")}
        </p>
      ) : null}
      <div className="card">
        <ActionFieldForm key={`${field.code}-${field.active}-${field.sortOrder}`} field={field} failed={failed} intent="update" submitLabel={t("common.save")} />
      </div>
      {inUse && !field.active ? null : (
        <section className="card" aria-labelledby="remove-title">
          <h2 id="remove-title" style={{ marginTop: 0 }}>{t("admin.actionFields.removeTitle")}</h2>
          <p>{t(inUse ? "admin.actionFields.removeHintUsed" : "admin.actionFields.removeHintUnused")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button-danger">
              {t(inUse ? "admin.actionFields.deactivate" : "admin.actionFields.delete")}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
