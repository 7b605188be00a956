import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FieldError } from "~/modules/activities/form-ui";
import { activityTypeIntentSchema } from "~/modules/activities/schema";
import {
  createActivityType,
  deleteActivityType,
  ensureDefaultActivityTypes,
  listActivityTypes,
  listProjectActionFields,
  updateActivityType,
} from "~/modules/activities/service.server";
import { readFormData } from "~/utils/form.server";
import { badRequest } from "~/utils/http.server";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { ValidationError, type FieldErrors } from "~/utils/validation";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "activityType:manage");
  const [types, actionFields] = await Promise.all([listActivityTypes(project.id, { includeInactive: true }), listProjectActionFields(project.id)]);
  return { projectId: project.id, types, actionFields, pageTitle: `${translate(user.locale, "activities.types.title")} – ${project.code}` };
}

type ActionAnswer = {
  intent: string;
  typeId?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  notice?: MessageKey;
  count?: number;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "activityType:manage");
  const form = await readFormData(request, user.locale);
  const intent = activityTypeIntentSchema.safeParse({ intent: form.get("intent"), typeId: form.get("typeId") ?? undefined });
  if (!intent.success) badRequest();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, 500) : "";
  };
  const values = { actionFieldId: text("actionFieldId"), name: text("name"), sortOrder: text("sortOrder"), active: text("active") };
  const command = intent.data;
  try {
    switch (command.intent) {
      case "seed": {
        const count = await ensureDefaultActivityTypes(project.id, user);
        return data<ActionAnswer>({ intent: "seed", notice: "activities.types.seeded", count });
      }
      case "create":
        await createActivityType(project.id, values, user);
        return data<ActionAnswer>({ intent: "create", notice: "activities.types.created" });
      case "update":
        await updateActivityType(project.id, command.typeId, values, user);
        return data<ActionAnswer>({ intent: "update", typeId: command.typeId, notice: "activities.types.updated" });
      case "delete": {
        const result = await deleteActivityType(project.id, command.typeId, user);
        return data<ActionAnswer>({ intent: "delete", typeId: command.typeId, notice: result.deactivated ? "activities.types.deactivated" : "activities.types.deleted" });
      }
    }
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return data<ActionAnswer>(
      { intent: command.intent, typeId: "typeId" in command ? command.typeId : undefined, fieldErrors: error.fieldErrors, values },
      { status: 400 },
    );
  }
}

export default function ActivityTypesPage() {
  const { projectId, types, actionFields } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ActionAnswer | undefined;
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const fieldName = (f: { code: string; name: string; nameEn: string | null }) => `${f.code} ${locale === "en" && f.nameEn ? f.nameEn : f.name}`;
  const withoutTypes = actionFields.filter((f) => !types.some((type) => type.actionFieldId === f.id));
  const createErrors = answer?.intent === "create" ? answer.fieldErrors : undefined;
  const createValues = answer?.intent === "create" && answer.fieldErrors ? answer.values : undefined;
  return (
    <>
      <div className="page-header">
        <h1>{t("activities.types.title")}</h1>
        <Link to={`/projects/${projectId}/activities`}>{t("activities.backToList")}</Link>
      </div>
      <p className="muted">{t("activities.types.intro")}</p>
      {answer?.notice ? (
        <p className="alert alert-success" role="status">
          {t(answer.notice, { count: answer.count ?? 0 })}
        </p>
      ) : null}
      {answer?.fieldErrors && answer.intent !== "create" ? (
        <p className="alert alert-error" role="alert">
          {t("common.formHasErrors")}
        </p>
      ) : null}
      {actionFields.length === 0 ? <p className="alert alert-info">{t("activities.types.noActionFields")}</p> : null}
      {withoutTypes.length ? (
        <Form method="post" className="card">
          <p>{t("activities.types.seedHint", { fields: withoutTypes.map(fieldName).join(", ") })}</p>
          <button type="submit" name="intent" value="seed" disabled={busy}>
            {t("activities.types.seed")}
          </button>
        </Form>
      ) : null}

      {actionFields.map((field) => {
        const fieldTypes = types.filter((type) => type.actionFieldId === field.id);
        return (
          <section key={field.id} aria-labelledby={`types-${field.id}`}>
            <h2 id={`types-${field.id}`}>{fieldName(field)}</h2>
            {fieldTypes.length === 0 ? (
              <p className="muted">{t("activities.types.none")}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("activities.types.name")}</th>
                      <th scope="col">{t("activities.types.sortOrder")}</th>
                      <th scope="col">{t("activities.types.active")}</th>
                      <th scope="col" className="num">{t("activities.types.usage")}</th>
                      <th scope="col">{t("common.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fieldTypes.map((type) => {
                      const formId = `type-form-${type.id}`;
                      const mine = answer?.typeId === type.id && answer.fieldErrors ? answer : undefined;
                      const errors = mine?.fieldErrors;
                      return (
                        <tr key={type.id}>
                          <td>
                            <Form method="post" id={formId} className="visually-hidden">
                              <input type="hidden" name="typeId" value={type.id} />
                            </Form>
                            <input
                              form={formId}
                              name="name"
                              type="text"
                              aria-label={t("activities.types.nameOf", { name: type.name })}
                              defaultValue={mine?.values?.name ?? type.name}
                              maxLength={120}
                              aria-invalid={errors?.name ? true : undefined}
                              aria-describedby={errors?.name ? `${formId}-name-error` : undefined}
                            />
                            <FieldError id={`${formId}-name-error`} errors={errors?.name} />
                          </td>
                          <td>
                            <input
                              form={formId}
                              name="sortOrder"
                              type="text"
                              inputMode="numeric"
                              className="narrow-input"
                              aria-label={t("activities.types.sortOrderOf", { name: type.name })}
                              defaultValue={mine?.values?.sortOrder ?? String(type.sortOrder)}
                              aria-invalid={errors?.sortOrder ? true : undefined}
                              aria-describedby={errors?.sortOrder ? `${formId}-sort-error` : undefined}
                            />
                            <FieldError id={`${formId}-sort-error`} errors={errors?.sortOrder} />
                          </td>
                          <td>
                            <input
                              form={formId}
                              name="active"
                              type="checkbox"
                              aria-label={t("activities.types.activeOf", { name: type.name })}
                              defaultChecked={mine ? mine.values?.active === "on" : type.active}
                            />
                          </td>
                          <td className="num">{type.usage}</td>
                          <td>
                            <div className="form-actions">
                              <button form={formId} type="submit" name="intent" value="update" className="button-secondary" disabled={busy}>
                                {t("activities.types.save")}
                                <span className="visually-hidden"> {type.name}</span>
                              </button>
                              <button form={formId} type="submit" name="intent" value="delete" className="button-secondary" disabled={busy}>
                                {type.usage > 0 ? t("activities.types.deactivate") : t("common.delete")}
                                <span className="visually-hidden"> {type.name}</span>
                              </button>
                            </div>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}

      {actionFields.length ? (
        <section className="card" aria-labelledby="type-create">
          <h2 id="type-create">{t("activities.types.add")}</h2>
          <Form method="post" className="stack" noValidate key={answer?.intent === "create" && !answer.fieldErrors ? `done-${types.length}` : "form"}>
            <Field name="actionFieldId" label={t("activities.types.actionField")} errors={createErrors} idPrefix="new-">
              {(props) => (
                <select {...props} defaultValue={createValues?.actionFieldId ?? actionFields[0]?.id}>
                  {actionFields.map((f) => (
                    <option key={f.id} value={f.id}>
                      {fieldName(f)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="name" label={t("activities.types.name")} errors={createErrors} idPrefix="new-">
              {(props) => <input {...props} type="text" maxLength={120} defaultValue={createValues?.name ?? ""} required />}
            </Field>
            <Field name="sortOrder" label={t("activities.types.sortOrder")} errors={createErrors} idPrefix="new-" hint={t("activities.types.sortOrderHint")}>
              {(props) => <input {...props} type="text" inputMode="numeric" defaultValue={createValues?.sortOrder ?? ""} />}
            </Field>
            <div className="form-actions">
              <button type="submit" name="intent" value="create" disabled={busy}>
                {t("activities.types.create")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
