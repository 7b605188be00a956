import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, Field, FieldError } from "~/modules/activities/form-ui";
import { instantToBerlin } from "~/modules/activities/schema";
import { listActivitiesForLinking } from "~/modules/activities/service.server";
import {
  emptySupportFormValues,
  ORGANISATION_FORM_FIELDS,
  organisationIntentSchema,
  readForm,
  SUPPORT_FORM_FIELDS,
  SUPPORT_TYPES,
  toOrganisationFormValues,
  type OrganisationFormValues,
  type SupportFormValues,
} from "~/modules/organisations/schema";
import { OrganisationForm } from "~/modules/organisations/organisation-form";
import {
  addSupport,
  deleteOrganisation,
  getOrganisation,
  listOrganisationAreas,
  OrganisationConflictError,
  removeSupport,
  updateOrganisation,
} from "~/modules/organisations/service.server";
import { readFormData } from "~/utils/form.server";
import { formatDate } from "~/utils/format";
import { badRequest, requireId } from "~/utils/http.server";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { ValidationError, type FieldErrors } from "~/utils/validation";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "organisation:read");
  const organisationId = requireId(params.organisationId);
  const organisation = await getOrganisation(project.id, organisationId);
  const canWrite = can({ isAdmin: user.isAdmin, role }, "organisation:write");
  const [areas, activities] = canWrite ? await Promise.all([listOrganisationAreas(project.id), listActivitiesForLinking(project.id)]) : [[], []];
  return {
    projectId: project.id,
    organisation,
    canWrite,
    areas,
    activities,
    values: toOrganisationFormValues(organisation),
    pageTitle: `${organisation.name} – ${translate(user.locale, "organisations.title")} – ${project.code}`,
  };
}

type ActionAnswer = {
  intent: "update" | "delete" | "addSupport" | "removeSupport";
  fieldErrors?: FieldErrors;
  formError?: MessageKey;
  values?: OrganisationFormValues;
  support?: SupportFormValues;
  notice?: MessageKey;
  at: number;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "organisation:write");
  const organisationId = requireId(params.organisationId);
  const form = await readFormData(request, user.locale);
  const intent = organisationIntentSchema.safeParse({ intent: form.get("intent"), version: form.get("version") ?? undefined, supportId: form.get("supportId") ?? undefined });
  if (!intent.success) badRequest();
  const command = intent.data;
  const at = Date.now();
  switch (command.intent) {
    case "update": {
      const values = readForm(form, ORGANISATION_FORM_FIELDS);
      try {
        await updateOrganisation(project.id, organisationId, values, command.version, user);
        return redirect(`/projects/${project.id}/organisations/${organisationId}?saved=1`);
      } catch (error) {
        if (error instanceof OrganisationConflictError) return data<ActionAnswer>({ intent: "update", values, formError: "organisations.conflict", at }, { status: 409 });
        if (error instanceof ValidationError) return data<ActionAnswer>({ intent: "update", values, fieldErrors: error.fieldErrors, at }, { status: 400 });
        throw error;
      }
    }
    case "delete": {
      if (form.get("confirm") !== "on") return data<ActionAnswer>({ intent: "delete", formError: "organisations.deleteConfirmMissing", at }, { status: 400 });
      try {
        await deleteOrganisation(project.id, organisationId, command.version, user);
      } catch (error) {
        if (error instanceof OrganisationConflictError) return data<ActionAnswer>({ intent: "delete", formError: "error.conflict", at }, { status: 409 });
        // why: a support in a closed reporting period keeps the organisation (PeriodLockedError).
        if (error instanceof ValidationError) return data<ActionAnswer>({ intent: "delete", formError: error.formErrors[0], at }, { status: 400 });
        throw error;
      }
      return redirect(`/projects/${project.id}/organisations?deleted=1`);
    }
    case "addSupport": {
      const support = readForm(form, SUPPORT_FORM_FIELDS);
      try {
        await addSupport(project.id, organisationId, support, user);
        return data<ActionAnswer>({ intent: "addSupport", notice: "organisations.supportAdded", at });
      } catch (error) {
        if (error instanceof ValidationError) return data<ActionAnswer>({ intent: "addSupport", support, fieldErrors: error.fieldErrors, formError: error.formErrors[0], at }, { status: 400 });
        throw error;
      }
    }
    case "removeSupport":
      try {
        await removeSupport(project.id, command.supportId, user, organisationId);
      } catch (error) {
        if (error instanceof ValidationError) return data<ActionAnswer>({ intent: "removeSupport", formError: error.formErrors[0], at }, { status: 400 });
        throw error;
      }
      return data<ActionAnswer>({ intent: "removeSupport", notice: "organisations.supportRemoved", at });
  }
}

export default function OrganisationPage() {
  const { projectId, organisation, canWrite, areas, activities, values } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ActionAnswer | undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const yesNo = (value: boolean) => (value ? t("common.yes") : t("common.no"));
  const supportErrors = answer?.intent === "addSupport" ? answer.fieldErrors : undefined;
  const supportValues = (answer?.intent === "addSupport" && answer.support) || emptySupportFormValues();
  const supportLabels: Record<string, string> = {
    date: t("organisations.support.date"),
    type: t("organisations.support.type"),
    activityId: t("organisations.support.activity"),
    notes: t("organisations.support.notes"),
  };
  const address = [organisation.street, [organisation.postcode, organisation.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return (
    <>
      <div className="page-header">
        <h1>{organisation.name}</h1>
        <Link to={`/projects/${projectId}/organisations`}>{t("organisations.backToList")}</Link>
      </div>
      {searchParams.get("created") && !answer ? <p className="alert alert-success" role="status">{t("organisations.created")}</p> : null}
      {searchParams.get("saved") && !answer ? <p className="alert alert-success" role="status">{t("common.saved")}</p> : null}
      {answer?.notice ? <p className="alert alert-success" role="status">{t(answer.notice)}</p> : null}

      <section className="card" aria-labelledby="org-facts">
        <h2 id="org-facts">{t("organisations.facts")}</h2>
        <dl className="facts">
          <dt>{t("organisations.field.kind")}</dt>
          <dd>{t(`organisations.kind.${organisation.kind}` as MessageKey)}</dd>
          {organisation.kind === "business" ? (
            <>
              <dt>{t("organisations.field.sizeClass")}</dt>
              <dd>{organisation.sizeClass ? t(`organisations.size.${organisation.sizeClass}` as MessageKey) : t("common.none")}</dd>
              <dt>{t("organisations.field.socialEnterprise")}</dt>
              <dd>{yesNo(organisation.socialEnterprise)}</dd>
              <dt>{t("organisations.field.cooperative")}</dt>
              <dd>{yesNo(organisation.cooperative)}</dd>
              <dt>{t("organisations.field.soloSelfEmployed")}</dt>
              <dd>{yesNo(organisation.soloSelfEmployed)}</dd>
            </>
          ) : null}
          <dt>{t("organisations.field.sector")}</dt>
          <dd>{organisation.sector ?? t("common.none")}</dd>
          <dt>{t("organisations.fieldset.address")}</dt>
          <dd>{address || t("common.none")}</dd>
          <dt>{t("organisations.field.area")}</dt>
          <dd>{organisation.area?.name ?? t("common.none")}</dd>
          <dt>{t("organisations.fieldset.contact")}</dt>
          <dd>{[organisation.contactName, organisation.contactEmail, organisation.contactPhone].filter(Boolean).join(" · ") || t("common.none")}</dd>
          <dt>{t("organisations.firstSupport")}</dt>
          <dd>{organisation.firstSupportDate ? formatDate(organisation.firstSupportDate, locale) : t("organisations.notSupportedYet")}</dd>
          {organisation.notes ? (
            <>
              <dt>{t("organisations.field.notes")}</dt>
              <dd className="pre-line">{organisation.notes}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="org-supports">
        <h2 id="org-supports">{t("organisations.supports")}</h2>
        {answer?.intent === "removeSupport" && answer.formError ? <p className="alert alert-error" role="alert">{t(answer.formError)}</p> : null}
        {organisation.supports.length === 0 ? (
          <p className="muted">{t("organisations.noSupports")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.support.date")}</th>
                  <th scope="col">{t("organisations.support.type")}</th>
                  <th scope="col">{t("organisations.support.activity")}</th>
                  <th scope="col">{t("organisations.support.notes")}</th>
                  {canWrite ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {organisation.supports.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDate(s.date, locale)}</td>
                    <td>{t(`organisations.supportType.${s.type}` as MessageKey)}</td>
                    <td>{s.activity ? <Link to={`/projects/${projectId}/activities/${s.activity.id}`}>{s.activity.title}</Link> : t("organisations.support.standalone")}</td>
                    <td>{s.notes ?? ""}</td>
                    {canWrite ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="supportId" value={s.id} />
                          <button type="submit" name="intent" value="removeSupport" className="link-button" disabled={busy}>
                            {t("organisations.support.remove")}
                            <span className="visually-hidden"> {formatDate(s.date, locale)}</span>
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canWrite ? (
        <>
          <section className="card" aria-labelledby="org-support-add">
            <h2 id="org-support-add">{t("organisations.support.add")}</h2>
            <Form method="post" className="stack" noValidate key={answer?.intent === "addSupport" ? answer.at : "support"}>
              <ErrorSummary errors={supportErrors} labels={supportLabels} formError={answer?.intent === "addSupport" ? answer.formError : undefined} />
              <div className="field-row">
                <Field name="type" label={supportLabels.type} errors={supportErrors} idPrefix="support-">
                  {(props) => (
                    <select {...props} defaultValue={supportValues.type || "advice"}>
                      {SUPPORT_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`organisations.supportType.${type}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field name="date" label={supportLabels.date} hint={t("organisations.support.dateHint")} errors={supportErrors} idPrefix="support-">
                  {(props) => <input {...props} type="text" inputMode="numeric" defaultValue={supportValues.date} autoComplete="off" />}
                </Field>
              </div>
              <Field name="activityId" label={supportLabels.activityId} errors={supportErrors} idPrefix="support-">
                {(props) => (
                  <select {...props} defaultValue={supportValues.activityId}>
                    <option value="">{t("organisations.support.standalone")}</option>
                    {activities.map((a) => (
                      <option key={a.id} value={a.id}>
                        {formatDate(instantToBerlin(new Date(a.startsAt)).day, locale)} – {a.title}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name="notes" label={supportLabels.notes} errors={supportErrors} idPrefix="support-">
                {(props) => <input {...props} type="text" defaultValue={supportValues.notes} maxLength={2000} />}
              </Field>
              <div className="form-actions">
                <button type="submit" name="intent" value="addSupport" disabled={busy}>
                  {t("organisations.support.submit")}
                </button>
              </div>
            </Form>
          </section>

          <h2>{t("organisations.edit")}</h2>
          <OrganisationForm
            key={answer?.intent === "update" ? answer.at : `v${organisation.version}`}
            values={(answer?.intent === "update" && answer.values) || values}
            areas={areas}
            fieldErrors={answer?.intent === "update" ? answer.fieldErrors : undefined}
            formError={answer?.intent === "update" ? answer.formError : undefined}
            version={organisation.version}
            submitLabel={t("common.save")}
            intent="update"
          />

          <section className="card danger-zone" aria-labelledby="org-delete">
            <h2 id="org-delete">{t("organisations.delete")}</h2>
            <Form method="post" className="stack">
              <input type="hidden" name="version" value={organisation.version} />
              <div className="field">
                <label className="checkbox" htmlFor="org-confirm-delete">
                  <input
                    type="checkbox"
                    id="org-confirm-delete"
                    name="confirm"
                    aria-invalid={answer?.intent === "delete" ? true : undefined}
                    aria-describedby={answer?.intent === "delete" ? "org-confirm-delete-error" : undefined}
                  />
                  {t("organisations.deleteConfirm")}
                </label>
                <FieldError id="org-confirm-delete-error" errors={answer?.intent === "delete" && answer.formError ? [answer.formError] : undefined} />
              </div>
              <div className="form-actions">
                <button type="submit" name="intent" value="delete" className="button-danger" disabled={busy}>
                  {t("organisations.delete")}
                </button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
