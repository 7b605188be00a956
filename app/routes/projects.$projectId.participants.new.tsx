// Register a participant: the entry questionnaire with the next free number suggested. Missing
// mandatory answers are allowed (the record is flagged incomplete); a person already registered in the
// project is refused with a link to the existing record.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData } from "~/utils/form.server";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ParticipantEntryForm } from "~/modules/participants/entry-form";
import { participantRights } from "~/modules/participants/route-helpers.server";
import { ENTRY_FIELDS, formDataToObject, participantEntrySchema, pickFormValues, type EntryFormValues } from "~/modules/participants/schema";
import { createParticipant, DuplicateParticipantError, listProjectAreas, suggestParticipantNo } from "~/modules/participants/service.server";
import { pageTitle } from "~/modules/participants/ui";
import styles from "~/styles/participants.css?url";
import { useT } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { fieldErrorsFromZod, ValidationError } from "~/utils/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "participants.newTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:write");
  const [participantNo, areas] = await Promise.all([suggestParticipantNo(access.project.id), listProjectAreas(access.project.id)]);
  const values = Object.fromEntries(ENTRY_FIELDS.map((field) => [field, ""])) as EntryFormValues;
  values.participantNo = participantNo;
  return { projectId: access.project.id, values, suggestedNo: participantNo, areas, showSensitive: participantRights(access).canReadSensitive };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:write");
  const form = await readFormData(request, access.user.locale);
  const values = pickFormValues(form, ENTRY_FIELDS);
  const parsed = participantEntrySchema.safeParse(formDataToObject(form, ENTRY_FIELDS));
  if (!parsed.success) return data({ values, errors: fieldErrorsFromZod(parsed.error.issues), formError: null, duplicate: null }, { status: 400 });
  try {
    const created = await createParticipant(access.project.id, parsed.data, { userId: access.user.id }, {
      includeSensitive: participantRights(access).canReadSensitive,
      autoNumber: form.get("suggestedNo") === parsed.data.participantNo,
    });
    return redirect(`/projects/${access.project.id}/participants/${created.id}?notice=created`);
  } catch (error) {
    if (error instanceof ValidationError) {
      return data({ values, errors: error.fieldErrors, formError: error.formErrors[0] ?? null, duplicate: null }, { status: 400 });
    }
    if (error instanceof DuplicateParticipantError) {
      return data({ values, errors: undefined, formError: null, duplicate: error.existing }, { status: 409 });
    }
    throw error;
  }
}

export default function NewParticipantPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const base = `/projects/${loaderData.projectId}/participants`;
  return (
    <>
      <p>
        <Link to={base}>{t("participants.backToList")}</Link>
      </p>
      <h1>{t("participants.newTitle")}</h1>
      <ParticipantEntryForm
        projectId={loaderData.projectId}
        mode="create"
        values={actionData?.values ?? loaderData.values}
        areas={loaderData.areas}
        showSensitive={loaderData.showSensitive}
        errors={actionData?.errors}
        formError={actionData?.formError}
        duplicate={actionData?.duplicate}
        suggestedNo={loaderData.suggestedNo}
        cancelTo={base}
      />
    </>
  );
}
