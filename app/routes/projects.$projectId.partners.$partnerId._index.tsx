import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors } from "~/components/form-field";
import { VersionConflictNotice } from "~/components/version-conflict";
import { saveFailure } from "~/modules/audit/conflict.server";
import { contactFormValues, PartnerContactForm, partnerFieldLabels } from "~/modules/partners/partner-form";
import { PartnerDetailActionSchema } from "~/modules/partners/schema";
import { addPartnerContact, deletePartner, deletePartnerContact, getPartner, updatePartnerContact } from "~/modules/partners/service.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData } from "~/utils/form.server";
import { formatDate } from "~/utils/format";
import { requireId } from "~/utils/http.server";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

/** Reloads the page's data after a conflict too. why: Remix skips that after a 4xx answer, but the form must
 * then carry, and the notice compare with, the version stored now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "partner:read");
  const partner = await getPartner(project.id, requireId(params.partnerId));
  return {
    projectId: project.id,
    partner,
    canWrite: can({ isAdmin: user.isAdmin, role }, "partner:write"),
    pageTitle: `${partner.name} – ${translate(user.locale, "partners.title")} – ${project.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "partner:write");
  const partnerId = requireId(params.partnerId);
  const values = formDataToValues(await readFormData(request, user.locale));
  const detail = `/projects/${project.id}/partners/${partnerId}`;
  try {
    const command = parseInput(PartnerDetailActionSchema, values);
    switch (command.intent) {
      case "addContact":
        await addPartnerContact(project.id, user.id, partnerId, values);
        return redirect(`${detail}?contactSaved=1`);
      case "updateContact":
        await updatePartnerContact(project.id, user.id, partnerId, command.contactId, values);
        return redirect(`${detail}?contactSaved=1`);
      case "deleteContact":
        await deletePartnerContact(project.id, user.id, partnerId, command.contactId);
        return redirect(detail);
      case "delete":
        await deletePartner(project.id, user.id, partnerId, command.version);
        return redirect(`/projects/${project.id}/partners?deleted=1`);
    }
  } catch (error) {
    return saveFailure(error, values);
  }
}

export default function PartnerPage() {
  const { projectId, partner, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const notice: MessageKey | null = searchParams.get("created") || searchParams.get("saved") ? "partners.saved" : searchParams.get("contactSaved") ? "partners.contactSaved" : null;
  const failed = (intent: string, contactId?: string) =>
    actionData?.intent === intent && (!contactId || actionData.values.contactId === contactId) ? actionData : null;
  const addFailed = failed("addContact");
  const deleteFailed = failed("delete");
  return (
    <>
      <div className="page-header">
        <h1>{partner.name}</h1>
        <Link to={`/projects/${projectId}/partners`}>{t("partners.backToList")}</Link>
      </div>
      {notice && !actionData ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}
      <div className="card">
        <dl className="facts">
          <dt>{t("partners.field.type")}</dt>
          <dd>
            {t(`partners.type.${partner.type}` as MessageKey)}
            {partner.hasBudget ? (
              <>
                {" "}
                <span className="badge badge-info">{t("partners.budget")}</span>
              </>
            ) : null}
          </dd>
          <dt>{t("partners.field.roleInProject")}</dt>
          <dd style={{ whiteSpace: "pre-line" }}>{partner.roleInProject ?? t("common.none")}</dd>
          <dt>{t("partners.field.agreementType")}</dt>
          <dd>
            {partner.agreementType || partner.agreementDate
              ? [partner.agreementType, partner.agreementDate ? formatDate(partner.agreementDate, locale) : null].filter(Boolean).join(", ")
              : t("partners.noAgreement")}
          </dd>
          {partner.street || partner.postcode || partner.city ? (
            <>
              <dt>{t("partners.field.address")}</dt>
              <dd>{[partner.street, [partner.postcode, partner.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}</dd>
            </>
          ) : null}
          {partner.website ? (
            <>
              <dt>{t("partners.field.website")}</dt>
              <dd>
                <a href={partner.website} rel="noopener noreferrer" target="_blank">
                  {partner.website}
                </a>
              </dd>
            </>
          ) : null}
          {partner.notes ? (
            <>
              <dt>{t("partners.field.notes")}</dt>
              <dd style={{ whiteSpace: "pre-line" }}>{partner.notes}</dd>
            </>
          ) : null}
        </dl>
        {canWrite ? (
          <p>
            <Link to="edit" className="button button-secondary">
              {t("common.edit")}
            </Link>
          </p>
        ) : null}
      </div>

      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t("partners.field.contacts")}</h2>
        {partner.contacts.length === 0 ? (
          <p className="muted">{t("partners.contact.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("partners.contact.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("partners.contact.name")}</th>
                  <th scope="col">{t("partners.contact.function")}</th>
                  <th scope="col">{t("partners.contact.email")}</th>
                  <th scope="col">{t("partners.contact.phone")}</th>
                  {canWrite ? <th scope="col">{t("common.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {partner.contacts.map((contact) => {
                  const editFailed = failed("updateContact", contact.id);
                  return (
                    <tr key={contact.id}>
                      <td>{contact.name}</td>
                      <td>{contact.function ?? t("common.none")}</td>
                      <td>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : t("common.none")}</td>
                      <td>{contact.phone ? <a href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`}>{contact.phone}</a> : t("common.none")}</td>
                      {canWrite ? (
                        <td>
                          <details open={Boolean(editFailed)}>
                            <summary>{t("common.edit")}</summary>
                            <PartnerContactForm
                              intent="updateContact"
                              contactId={contact.id}
                              idPrefix={`contact-${contact.id}`}
                              values={contactFormValues(contact, editFailed?.values)}
                              fieldErrors={editFailed?.fieldErrors}
                              submitLabel={t("common.save")}
                            />
                          </details>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="deleteContact" />
                            <input type="hidden" name="contactId" value={contact.id} />
                            <button type="submit" className="link-button" aria-label={t("partners.contact.removeLabel", { name: contact.name })}>
                              {t("partners.contact.remove")}
                            </button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {canWrite ? (
          <div className="card" style={{ marginTop: "1rem" }}>
            <h3>{t("partners.contact.addTitle")}</h3>
            <PartnerContactForm
              key={partner.contacts.length}
              intent="addContact"
              idPrefix="new-contact"
              values={contactFormValues(undefined, addFailed?.values)}
              fieldErrors={addFailed?.fieldErrors}
              submitLabel={t("partners.contact.add")}
            />
          </div>
        ) : null}
      </section>

      {canWrite ? (
        <section className="card" aria-labelledby="delete-title">
          <h2 id="delete-title">{t("partners.deleteTitle")}</h2>
          <p className="muted">{t("partners.deleteHint")}</p>
          {deleteFailed?.conflict ? (
            <VersionConflictNotice conflict={deleteFailed.conflict} intent="delete" labels={partnerFieldLabels(t)} />
          ) : (
            <FormErrors messages={(deleteFailed?.formErrors ?? []).map((key) => t(key))} />
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={partner.version} />
            <button type="submit" className="button-danger">
              {t("partners.deleteConfirm")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
