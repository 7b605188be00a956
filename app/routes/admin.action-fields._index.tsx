import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActionFieldForm } from "~/components/admin/action-field-form";
import { pageTitle } from "~/components/admin/meta";
import { createActionField, listActionFields } from "~/modules/projects/action-fields.server";
import { ActionFieldInputSchema } from "~/modules/projects/schema";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.actionFields.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:actionFields");
  return { fields: await listActionFields() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:actionFields");
  const values = formDataToValues(await readFormData(request, admin.locale));
  try {
    await createActionField(parseInput(ActionFieldInputSchema, values), admin.id);
    return redirect("/admin/action-fields?notice=created");
  } catch (error) {
    return validationFailure(error, values);
  }
}

const NOTICES: Record<string, MessageKey> = {
  created: "admin.actionFields.created",
  deleted: "admin.actionFields.deleted",
  deactivated: "admin.actionFields.deactivated",
};

export default function ActionFieldsPage() {
  const { fields } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() ?? null;
  const [searchParams] = useSearchParams();
  const t = useT();
  const notice = failed ? null : NOTICES[searchParams.get("notice") ?? ""];
  return (
    <>
      <div className="page-header">
        <h1>{t("admin.actionFields.title")}</h1>
        <a href="#create-action-field" className="button button-secondary">
          {t("admin.actionFields.createTitle")}
        </a>
      </div>
      <p className="muted">{t("admin.actionFields.intro")}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}
      {fields.length === 0 ? (
        <p className="alert alert-info">{t("admin.actionFields.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("admin.actionFields.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">{t("admin.actionFields.sortOrder")}</th>
                <th scope="col">{t("admin.actionFields.code")}</th>
                <th scope="col">{t("admin.actionFields.name")}</th>
                <th scope="col">{t("admin.actionFields.nameEn")}</th>
                <th scope="col" className="num">{t("admin.actionFields.projects")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field.id}>
                  <td className="num">{field.sortOrder}</td>
                  <td>
                    <Link to={`/admin/action-fields/${field.id}`}>{field.code}</Link>
                  </td>
                  <td>
                    {field.name}
                    {field.description ? <div className="muted" style={{ fontSize: "0.875rem" }}>{field.description}</div> : null}
                  </td>
                  <td lang="en">{field.nameEn ?? "—"}</td>
                  <td className="num">{field.projectCount}</td>
                  <td>
                    <span className={`badge ${field.active ? "badge-success" : "badge-danger"}`}>{field.active ? t("common.active") : t("common.inactive")}</span>{" "}
                    {field.inUse ? <span className="badge">{t("admin.actionFields.inUse")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" style={{ marginTop: "2rem" }} aria-labelledby="create-action-field">
        <h2 id="create-action-field" style={{ marginTop: 0 }} tabIndex={-1}>
          {t("admin.actionFields.createTitle")}
        </h2>
        <ActionFieldForm key={fields.length} field={null} failed={failed} submitLabel={t("admin.actionFields.createSubmit")} />
      </section>
    </>
  );
}
