// Edit a participant's identity and characteristics at entry. The form carries the version it was
// loaded with: when someone else saved in between, nothing is written, the user's input stays in the
// form and a table shows what changed; saving again applies the input on top of the new version.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData } from "~/utils/form.server";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ParticipantEntryForm } from "~/modules/participants/entry-form";
import { participantRights, saveFailureResponse } from "~/modules/participants/route-helpers.server";
import {
  ENTRY_FIELDS,
  formDataToObject,
  parseBaseline,
  participantEntrySchema,
  pickFormValues,
  versionSchema,
  type EntryFormValues,
} from "~/modules/participants/schema";
import {
  DuplicateParticipantError,
  entryFormValuesOf,
  getParticipant,
  listProjectAreas,
  updateParticipant,
} from "~/modules/participants/service.server";
import { pageTitle, type ConflictView } from "~/modules/participants/ui";
import styles from "~/styles/participants.css?url";
import { badRequest, requireId } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { fieldErrorsFromZod, type FieldErrors } from "~/utils/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "participants.detail.edit") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:write");
  const participantId = requireId(params.participantId);
  const { canReadSensitive } = participantRights(access);
  const participant = await getParticipant(
    access.project.id,
    participantId,
    canReadSensitive ? { includeSensitive: true, actor: { userId: access.user.id } } : { includeSensitive: false },
  );
  const areas = await listProjectAreas(access.project.id);
  return data(
    {
      projectId: access.project.id,
      participantId,
      participantNo: participant.participantNo,
      name: participant.identity ? `${participant.identity.lastName}, ${participant.identity.firstName}` : participant.participantNo,
      anonymised: Boolean(participant.identity?.anonymisedAt),
      values: entryFormValuesOf(participant),
      version: participant.version,
      areas,
      showSensitive: canReadSensitive,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionResult = {
  values: EntryFormValues;
  errors?: FieldErrors;
  formError?: MessageKey | null;
  duplicate?: { id: string; participantNo: string } | null;
  conflict?: ConflictView | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:write");
  const participantId = requireId(params.participantId);
  const form = await readFormData(request, access.user.locale);
  const version = versionSchema.safeParse(form.get("version"));
  if (!version.success) badRequest("Missing or invalid version");
  const values = pickFormValues(form, ENTRY_FIELDS);
  const parsed = participantEntrySchema.safeParse(formDataToObject(form, ENTRY_FIELDS));
  if (!parsed.success) return data<ActionResult>({ values, errors: fieldErrorsFromZod(parsed.error.issues) }, { status: 400 });
  const { canReadSensitive } = participantRights(access);
  try {
    const result = await updateParticipant(access.project.id, participantId, parsed.data, version.data, { userId: access.user.id }, {
      includeSensitive: canReadSensitive,
      baseline: parseBaseline(form.get("baseline"), ENTRY_FIELDS),
    });
    return redirect(`/projects/${access.project.id}/participants/${participantId}?notice=${result.changed.length ? "saved" : "unchanged"}`);
  } catch (error) {
    const failure = saveFailureResponse<ActionResult>(error, values);
    if (failure) return failure;
    if (error instanceof DuplicateParticipantError) return data<ActionResult>({ values, duplicate: error.existing }, { status: 409 });
    throw error;
  }
}

export default function EditParticipantPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const detail = `/projects/${loaderData.projectId}/participants/${loaderData.participantId}`;
  const conflict = actionData?.conflict ?? null;
  // After a conflict the form saves against the version now stored; the baseline becomes what is stored now.
  const version = conflict ? conflict.version : loaderData.version;
  const baseline = conflict ? { ...loaderData.values, ...conflict.current } : loaderData.values;
  return (
    <>
      <p>
        <Link to={detail}>{t("participants.backToDetail")}</Link>
      </p>
      <h1>{t("participants.editTitle", { name: loaderData.name, no: loaderData.participantNo })}</h1>
      {loaderData.anonymised ? <p className="alert alert-info">{t("participants.error.anonymised")}</p> : null}
      <ParticipantEntryForm
        projectId={loaderData.projectId}
        mode="edit"
        values={actionData?.values ?? loaderData.values}
        areas={loaderData.areas}
        showSensitive={loaderData.showSensitive}
        errors={actionData?.errors}
        formError={actionData?.formError}
        duplicate={actionData?.duplicate}
        conflict={conflict}
        version={version}
        baseline={baseline}
        cancelTo={detail}
      />
    </>
  );
}
