// Record or correct the exit (Austritt): date, the one status upon leaving, qualification gained,
// employability improved; or take a mistaken exit back. A multi-action form: `intent` is record | undo.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData } from "~/utils/form.server";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { FormEvent } from "react";
import { saveFailureResponse } from "~/modules/participants/route-helpers.server";
import { useFormErrors } from "~/modules/participants/use-form-errors";
import {
  EXIT_FIELDS,
  exitIntentSchema,
  formDataToObject,
  parseBaseline,
  participantExitSchema,
  pickFormValues,
  toExitFormValues,
  versionSchema,
  type ExitFormValues,
} from "~/modules/participants/schema";
import { getParticipant, recordExit, undoExit } from "~/modules/participants/service.server";
import { codeOptions, ConflictNotice, ErrorSummary, pageTitle, RadioGroup, TextField, type ConflictView } from "~/modules/participants/ui";
import styles from "~/styles/participants.css?url";
import { formatDate, isoDate } from "~/utils/format";
import { badRequest, requireId } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { fieldErrorsFromZod, type FieldErrors } from "~/utils/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "participants.section.exit") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:write");
  const participantId = requireId(params.participantId);
  const p = await getParticipant(access.project.id, participantId, { includeSensitive: false });
  return data(
    {
      projectId: access.project.id,
      participantId,
      participantNo: p.participantNo,
      name: p.identity ? `${p.identity.lastName}, ${p.identity.firstName}` : p.participantNo,
      entryDate: isoDate(p.entryDate),
      hasExit: Boolean(p.exitDate),
      values: toExitFormValues(p),
      version: p.version,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionResult = { values: ExitFormValues; errors?: FieldErrors; formError?: MessageKey | null; conflict?: ConflictView | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:write");
  const participantId = requireId(params.participantId);
  const form = await readFormData(request, access.user.locale);
  const intent = exitIntentSchema.safeParse({ intent: form.get("intent") });
  const version = versionSchema.safeParse(form.get("version"));
  if (!intent.success || !version.success) badRequest("Invalid exit form");
  const values = pickFormValues(form, EXIT_FIELDS);
  const baseline = parseBaseline(form.get("baseline"), EXIT_FIELDS);
  const actor = { userId: access.user.id };
  const detail = `/projects/${access.project.id}/participants/${participantId}`;
  try {
    if (intent.data.intent === "undo") {
      await undoExit(access.project.id, participantId, version.data, actor, { baseline });
      return redirect(`${detail}?notice=exitUndone`);
    }
    const parsed = participantExitSchema.safeParse(formDataToObject(form, EXIT_FIELDS));
    if (!parsed.success) return data<ActionResult>({ values, errors: fieldErrorsFromZod(parsed.error.issues) }, { status: 400 });
    await recordExit(access.project.id, participantId, parsed.data, version.data, actor, { baseline });
    return redirect(`${detail}?notice=exit`);
  } catch (error) {
    const failure = saveFailureResponse<ActionResult>(error, values);
    if (failure) return failure;
    throw error;
  }
}

export default function ParticipantExitPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const { summaryRef, errors, clearClientErrors, showClientErrors } = useFormErrors(actionData);
  const detail = `/projects/${loaderData.projectId}/participants/${loaderData.participantId}`;
  const values = actionData?.values ?? loaderData.values;
  const conflict = actionData?.conflict ?? null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "undo") return;
    const result = participantExitSchema.safeParse(formDataToObject(new FormData(event.currentTarget), EXIT_FIELDS));
    if (result.success) return clearClientErrors();
    event.preventDefault();
    showClientErrors(result.error.issues);
  }

  return (
    <>
      <p>
        <Link to={detail}>{t("participants.backToDetail")}</Link>
      </p>
      <h1>{t("participants.exitTitle", { name: loaderData.name, no: loaderData.participantNo })}</h1>
      {conflict ? <ConflictNotice conflict={conflict} values={values} /> : null}
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} formError={actionData?.formError} summaryRef={summaryRef} />
        <input type="hidden" name="version" value={conflict ? conflict.version : loaderData.version} />
        <input type="hidden" name="baseline" value={JSON.stringify(conflict ? conflict.current : loaderData.values)} />
        <p className="hint">{t("participants.hint.exit")}</p>
        {loaderData.entryDate ? (
          <p>
            {t("participants.field.entryDate")}: {formatDate(loaderData.entryDate, locale)}
          </p>
        ) : null}
        <TextField name="exitDate" type="date" label={t("participants.field.exitDate")} defaultValue={values.exitDate} errors={errors} hint={t("participants.hint.date")} required />
        <RadioGroup name="exitStatus" legend={t("participants.field.exitStatus")} options={codeOptions(t, "exitStatus")} defaultValue={values.exitStatus} errors={errors} />
        <RadioGroup name="qualificationGained" legend={t("participants.field.qualificationGained")} options={codeOptions(t, "qualificationGained")} defaultValue={values.qualificationGained} errors={errors} />
        <RadioGroup name="employabilityImproved" legend={t("participants.field.employabilityImproved")} options={codeOptions(t, "employabilityImproved")} defaultValue={values.employabilityImproved} errors={errors} />
        <div className="form-actions">
          <button type="submit" name="intent" value="record" disabled={navigation.state === "submitting"}>
            {t("participants.action.saveExit")}
          </button>
          <Link className="button button-secondary" to={detail}>
            {t("common.cancel")}
          </Link>
        </div>
        {loaderData.hasExit ? (
          <div className="card">
            <p className="hint" id="undo-hint">
              {t("participants.hint.undoExit")}
            </p>
            <button type="submit" name="intent" value="undo" className="button-danger" aria-describedby="undo-hint" disabled={navigation.state === "submitting"}>
              {t("participants.action.undoExit")}
            </button>
          </div>
        ) : null}
      </Form>
    </>
  );
}
