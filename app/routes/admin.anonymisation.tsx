// Anonymisation after the retention period: every project's retention facts, the dry run (what would
// be anonymised now) and, after an explicit acknowledgement, the run itself.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxField } from "~/components/form-field";
import { anonymiseIdentities, listRetention } from "~/modules/participants/gdpr.server";
import { anonymiseSchema } from "~/modules/participants/io-schema";
import { readFormData } from "~/utils/form.server";
import { formatDate } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Anonymisierung – BIWAQ-Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "participant:anonymise");
  const [projects, dryRun] = await Promise.all([listRetention(), anonymiseIdentities({ dryRun: true }, null)]);
  return data({ projects, dryRun }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request, "participant:anonymise");
  const parsed = anonymiseSchema.safeParse(Object.fromEntries(await readFormData(request, user.locale)));
  if (!parsed.success) {
    return data({ ok: false as const, error: translate(user.locale, "participantsIo.anon.confirmRequired"), total: 0 }, { status: 400 });
  }
  const result = await anonymiseIdentities({ dryRun: false }, user.id);
  return { ok: true as const, error: null, total: result.total };
}

export default function AnonymisationPage() {
  const { projects, dryRun } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const status = (p: (typeof projects)[number]): MessageKey =>
    !p.due ? "participantsIo.anon.status.notDue" : p.pending > 0 ? "participantsIo.anon.status.due" : "participantsIo.anon.status.done";
  return (
    <>
      <div className="page-header">
        <h1>{t("participantsIo.anon.title")}</h1>
      </div>
      <p>{t("participantsIo.anon.intro")}</p>
      {actionData?.ok ? (
        <p className="alert alert-success" role="status">
          {actionData.total > 0 ? t("participantsIo.anon.done", { count: actionData.total }) : t("participantsIo.anon.doneNone")}
        </p>
      ) : null}

      {projects.length === 0 ? (
        <p className="alert alert-info">{t("participantsIo.anon.noProjects")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("participantsIo.anon.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("participantsIo.anon.col.project")}</th>
                <th scope="col">{t("participantsIo.anon.col.finalStatement")}</th>
                <th scope="col">{t("participantsIo.anon.col.retentionYears")}</th>
                <th scope="col">{t("participantsIo.anon.col.retentionEnd")}</th>
                <th scope="col">{t("participantsIo.anon.col.pending")}</th>
                <th scope="col">{t("participantsIo.anon.col.anonymised")}</th>
                <th scope="col">{t("participantsIo.anon.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.projectId}>
                  <td>
                    <strong>{p.code}</strong> {p.title}
                  </td>
                  <td>{formatDate(p.finalStatementDate, locale)}</td>
                  <td>{p.retentionYears}</td>
                  <td>{formatDate(p.retentionEnd, locale)}</td>
                  <td>{p.pending}</td>
                  <td>{p.anonymised}</td>
                  <td>
                    <span className={`badge ${p.due && p.pending > 0 ? "badge-warning" : p.due ? "badge-success" : "badge-info"}`}>{t(status(p))}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="card stack" aria-labelledby="dry-run">
        <h2 id="dry-run">{t("participantsIo.anon.dryRunTitle")}</h2>
        {dryRun.total === 0 ? (
          <p>{t("participantsIo.anon.nothingDue")}</p>
        ) : (
          <>
            <p>{t("participantsIo.anon.dryRun", { count: dryRun.total, projects: dryRun.projects.length })}</p>
            <ul>
              {dryRun.projects.map((p) => (
                <li key={p.projectId}>{t("participantsIo.anon.dryRunProject", { code: p.code, title: p.title, count: p.count })}</li>
              ))}
            </ul>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="anonymise" />
              <CheckboxField label={t("participantsIo.anon.confirmLabel")} name="confirm" error={actionData && !actionData.ok ? actionData.error : undefined}>
                <input type="checkbox" name="confirm" value="on" required />
              </CheckboxField>
              <div className="form-actions">
                <button type="submit" className="button-danger" disabled={navigation.state !== "idle"}>
                  {t("participantsIo.anon.submit")}
                </button>
              </div>
            </Form>
          </>
        )}
      </section>
    </>
  );
}
