// The six-month follow-up (EECR05 / EECR06): status six months after leaving and whether the labour-
// market situation improved; recorded once it is due.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData } from "~/utils/form.server";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { FormEvent } from "react";
import { saveFailureResponse } from "~/modules/participants/route-helpers.server";
import { useFormErrors } from "~/modules/participants/use-form-errors";
import {
  FOLLOW_UP_FIELDS,
  formDataToObject,
  parseBaseline,
  participantFollowUpSchema,
  pickFormValues,
  toFollowUpFormValues,
  versionSchema,
  type FollowUpFormValues,
} from "~/modules/participants/schema";
import { getParticipant, recordFollowUp } from "~/modules/participants/service.server";
import { codeOptions, ConflictNotice, ErrorSummary, pageTitle, RadioGroup, type ConflictView } from "~/modules/participants/ui";
import styles from "~/styles/participants.css?url";
import { formatDate } from "~/utils/format";
import { badRequest, requireId } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import { fieldErrorsFromZod, type FieldErrors } from "~/utils/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "participants.section.followUp") }];

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
      exitDate: p.exitDate,
      dueDate: p.followUpDueDate,
      values: toFollowUpFormValues(p),
      version: p.version,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionResult = { values: FollowUpFormValues; errors?: FieldErrors; formError?: MessageKey | null; conflict?: ConflictView | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:write");
  const participantId = requireId(params.participantId);
  const form = await readFormData(request, access.user.locale);
  const version = versionSchema.safeParse(form.get("version"));
  if (!version.success) badRequest("Missing or invalid version");
  const values = pickFormValues(form, FOLLOW_UP_FIELDS);
  const parsed = participantFollowUpSchema.safeParse(formDataToObject(form, FOLLOW_UP_FIELDS));
  if (!parsed.success) return data<ActionResult>({ values, errors: fieldErrorsFromZod(parsed.error.issues) }, { status: 400 });
  try {
    await recordFollowUp(access.project.id, participantId, parsed.data, version.data, { userId: access.user.id }, {
      baseline: parseBaseline(form.get("baseline"), FOLLOW_UP_FIELDS),
    });
    return redirect(`/projects/${access.project.id}/participants/${participantId}?notice=followUp`);
  } catch (error) {
    const failure = saveFailureResponse<ActionResult>(error, values);
    if (failure) return failure;
    throw error;
  }
}

export default function ParticipantFollowUpPage() {
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
    const result = participantFollowUpSchema.safeParse(formDataToObject(new FormData(event.currentTarget), FOLLOW_UP_FIELDS));
    if (result.success) return clearClientErrors();
    event.preventDefault();
    showClientErrors(result.error.issues);
  }

  return (
    <>
      <p>
        <Link to={detail}>{t("participants.backToDetail")}</Link>
      </p>
      <h1>{t("participants.followUpTitle", { name: loaderData.name, no: loaderData.participantNo })}</h1>
      {loaderData.dueDate && loaderData.exitDate ? (
        <p className="hint">{t("participants.hint.followUp", { date: formatDate(loaderData.dueDate, locale), exit: formatDate(loaderData.exitDate, locale) })}</p>
      ) : null}
      {conflict ? <ConflictNotice conflict={conflict} values={values} /> : null}
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} formError={actionData?.formError} summaryRef={summaryRef} />
        <input type="hidden" name="version" value={conflict ? conflict.version : loaderData.version} />
        <input type="hidden" name="baseline" value={JSON.stringify(conflict ? conflict.current : loaderData.values)} />
        <RadioGroup name="status6Months" legend={t("participants.field.status6Months")} options={codeOptions(t, "status6Months")} defaultValue={values.status6Months} errors={errors} />
        <RadioGroup
          name="situationImproved6Months"
          legend={t("participants.field.situationImproved6Months")}
          options={codeOptions(t, "situationImproved6Months")}
          defaultValue={values.situationImproved6Months}
          errors={errors}
        />
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("participants.action.saveFollowUp")}
          </button>
          <Link className="button button-secondary" to={detail}>
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
