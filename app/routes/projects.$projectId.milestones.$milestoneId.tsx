import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors } from "~/components/form-field";
import { MilestoneDueBadge } from "~/modules/milestones/due-badge";
import { echoedMilestoneValues, MilestoneCompleteForm, MilestoneForm, milestoneFormValues } from "~/modules/milestones/milestone-form";
import { daysBetween, today } from "~/modules/milestones/schedule";
import { MilestoneActionSchema } from "~/modules/milestones/schema";
import { completeMilestone, deleteMilestone, getMilestone, listMilestoneOptions, updateMilestone } from "~/modules/milestones/service.server";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { formatDate } from "~/utils/format";
import { requireId } from "~/utils/http.server";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "milestone:read");
  const milestone = await getMilestone(project.id, requireId(params.milestoneId));
  const canWrite = can({ isAdmin: user.isAdmin, role }, "milestone:write");
  const options = canWrite ? await listMilestoneOptions(project.id) : { owners: [], actionFields: [] };
  const day = today();
  return {
    projectId: project.id,
    milestone,
    daysUntilDue: daysBetween(day, milestone.dueDate),
    today: formatDate(day, "de"),
    canWrite,
    options,
    pageTitle: `${milestone.title} – ${translate(user.locale, "milestones.title")} – ${project.code}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "milestone:write");
  const milestoneId = requireId(params.milestoneId);
  const values = formDataToValues(await readFormData(request, user.locale));
  const base = `/projects/${project.id}/milestones`;
  try {
    const command = parseInput(MilestoneActionSchema, values);
    switch (command.intent) {
      case "update":
        await updateMilestone(project.id, user.id, milestoneId, command.version, values);
        return redirect(`${base}/${milestoneId}?saved=1`);
      case "complete":
        await completeMilestone(project.id, user.id, milestoneId, command.version, values);
        return redirect(`${base}/${milestoneId}?completed=1`);
      case "delete":
        await deleteMilestone(project.id, user.id, milestoneId, command.version);
        return redirect(`${base}?deleted=1`);
    }
  } catch (error) {
    return validationFailure(error, values);
  }
}

export default function MilestonePage() {
  const { projectId, milestone, daysUntilDue, today: todayIso, canWrite, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData : null);
  const notice: MessageKey | null = searchParams.get("saved") ? "milestones.saved" : searchParams.get("completed") ? "milestones.completed" : null;
  const dueText =
    milestone.status === "done" ? null : daysUntilDue < 0 ? t("milestones.overdueBy", { days: -daysUntilDue }) : daysUntilDue === 0 ? t("milestones.dueToday") : t("milestones.dueIn", { days: daysUntilDue });
  const update = errorsFor("update");
  const complete = errorsFor("complete");
  const remove = errorsFor("delete");
  return (
    <>
      <div className="page-header">
        <h1>{milestone.title}</h1>
        <Link to={`/projects/${projectId}/milestones`}>{t("milestones.backToList")}</Link>
      </div>
      {notice && !actionData ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}
      <div className="card">
        <dl className="facts">
          <dt>{t("milestones.field.dueDate")}</dt>
          <dd>
            {formatDate(milestone.dueDate, locale)} {dueText ? <span className="muted">({dueText})</span> : null} <MilestoneDueBadge state={milestone.dueState} />
          </dd>
          <dt>{t("milestones.field.status")}</dt>
          <dd>{t(`milestones.status.${milestone.status}` as MessageKey)}</dd>
          <dt>{t("milestones.field.owner")}</dt>
          <dd>{milestone.owner?.name ?? t("milestones.noOwner")}</dd>
          <dt>{t("milestones.field.actionField")}</dt>
          <dd>
            {milestone.actionField
              ? `${milestone.actionField.code} ${locale === "en" && milestone.actionField.nameEn ? milestone.actionField.nameEn : milestone.actionField.name}`
              : t("milestones.noActionField")}
          </dd>
          {milestone.description ? (
            <>
              <dt>{t("milestones.field.description")}</dt>
              <dd style={{ whiteSpace: "pre-line" }}>{milestone.description}</dd>
            </>
          ) : null}
          {milestone.completedAt ? (
            <>
              <dt>{t("milestones.field.completedAt")}</dt>
              <dd>{formatDate(milestone.completedAt, locale)}</dd>
            </>
          ) : null}
          {milestone.evidenceNote ? (
            <>
              <dt>{t("milestones.field.evidenceNote")}</dt>
              <dd style={{ whiteSpace: "pre-line" }}>{milestone.evidenceNote}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {canWrite ? (
        <>
          {milestone.status !== "done" ? (
            <section className="card" aria-labelledby="complete-title">
              <h2 id="complete-title">{t("milestones.completeTitle")}</h2>
              <MilestoneCompleteForm
                key={`complete-${milestone.version}`}
                version={milestone.version}
                values={{
                  completedAt: typeof complete?.values.completedAt === "string" ? complete.values.completedAt : todayIso,
                  evidenceNote: typeof complete?.values.evidenceNote === "string" ? complete.values.evidenceNote : milestone.evidenceNote ?? "",
                }}
                fieldErrors={complete?.fieldErrors}
                formErrors={complete?.formErrors}
              />
            </section>
          ) : null}
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">{t("milestones.editTitle")}</h2>
            <MilestoneForm
              key={`edit-${milestone.version}`}
              intent="update"
              version={milestone.version}
              values={echoedMilestoneValues(update?.values, milestoneFormValues(milestone))}
              options={options}
              fieldErrors={update?.fieldErrors}
              formErrors={update?.formErrors}
              submitLabel={t("common.save")}
              cancelTo={`/projects/${projectId}/milestones`}
            />
          </section>
          <section className="card" aria-labelledby="delete-title">
            <h2 id="delete-title">{t("milestones.deleteTitle")}</h2>
            <p className="muted">{t("milestones.deleteHint")}</p>
            <FormErrors messages={(remove?.formErrors ?? []).map((key) => t(key))} />
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="version" value={milestone.version} />
              <button type="submit" className="button-danger">
                {t("milestones.deleteConfirm")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
