// One participant: identity, characteristics at entry, derived values, completeness, exit and the
// six-month follow-up, attended activities and the change history. Special-category answers are shown
// only on request to those allowed to read them; each such read is audited.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { participantRights } from "~/modules/participants/route-helpers.server";
import { getParticipant, listAttendances, listParticipantHistory } from "~/modules/participants/service.server";
import { boolText, codeText, CompletenessBadge, Facts, fieldLabel, isFollowUpDue, missingLabels, pageTitle, StatusBadge } from "~/modules/participants/ui";
import styles from "~/styles/participants.css?url";
import { formatDate, formatDateTime } from "~/utils/format";
import { requireId } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data: page }) => [
  { title: pageTitle(matches, "participants.title") + (page ? ` ${page.participant.participantNo}` : "") },
];

const NOTICES = ["created", "saved", "unchanged", "exit", "exitUndone", "followUp"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePermission(request, params.projectId, "participant:read");
  const participantId = requireId(params.participantId);
  const rights = participantRights(access);
  const url = new URL(request.url);
  const reveal = rights.canReadSensitive && url.searchParams.get("sensitive") === "1";
  const participant = await getParticipant(
    access.project.id,
    participantId,
    reveal ? { includeSensitive: true, actor: { userId: access.user.id } } : { includeSensitive: false },
  );
  const [attendances, history] = await Promise.all([
    listAttendances(access.project.id, participantId),
    listParticipantHistory(access.project.id, participantId),
  ]);
  const notice = z.enum(NOTICES).safeParse(url.searchParams.get("notice"));
  return data(
    { projectId: access.project.id, participant, attendances, history, rights, revealed: reveal, notice: notice.success ? notice.data : null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ParticipantDetailPage() {
  const { projectId, participant: p, attendances, history, rights, revealed, notice } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/projects/${projectId}/participants/${p.id}`;
  const id = p.identity;
  const name = id ? `${id.lastName}, ${id.firstName}` : p.participantNo;
  const date = (value: Date | string | null | undefined) => formatDate(value ?? null, locale) || t("participants.notGiven");
  const text = (value: string | null | undefined) => value || t("participants.notGiven");
  const noticeText: Record<(typeof NOTICES)[number], string> = {
    created: t("participants.notice.created", { no: p.participantNo }),
    saved: t("participants.notice.saved"),
    unchanged: t("participants.notice.unchanged"),
    exit: t("participants.notice.exit"),
    exitUndone: t("participants.notice.exitUndone"),
    followUp: t("participants.notice.followUp"),
  };
  const sensitive = (field: "disability" | "minority") =>
    revealed ? codeText(t, field, p[field]) : <span className="muted">{t("participants.detail.sensitiveHidden")}</span>;
  const followUpDue = isFollowUpDue(p);

  return (
    <>
      <p>
        <Link to={`/projects/${projectId}/participants`}>{t("participants.backToList")}</Link>
      </p>
      <div className="page-header">
        <h1>
          {name} <span className="muted">({p.participantNo})</span>
        </h1>
        <div className="inline-actions">
          <StatusBadge participant={p} />
          <CompletenessBadge isComplete={p.isComplete} missing={p.missing} />
        </div>
      </div>
      {notice ? (
        <p className="alert alert-success" role="status">
          {noticeText[notice]}
        </p>
      ) : null}
      {id?.anonymisedAt ? <p className="alert alert-info">{t("participants.detail.anonymised")}</p> : null}

      <div className="card-actions" style={{ marginBottom: "1rem" }}>
        {rights.canWrite && !id?.anonymisedAt ? (
          <Link className="button" to={`${base}/edit`}>
            {t("participants.detail.edit")}
          </Link>
        ) : null}
        {rights.canWrite ? (
          <Link className="button button-secondary" to={`${base}/exit`}>
            {t(p.exitDate ? "participants.detail.editExit" : "participants.detail.recordExit")}
          </Link>
        ) : null}
        {rights.canGdprExport ? (
          <Link className="button button-secondary" to={`${base}/gdpr`}>
            {t("participantsIo.gdpr.title")}
          </Link>
        ) : null}
      </div>

      <section className={`card ${p.isComplete ? "" : "card-warning"}`} aria-labelledby="completeness-title">
        <h2 id="completeness-title">{t("participants.field.completeness")}</h2>
        <p>
          {p.isComplete ? t("participants.completeHint") : t("participants.incompleteHint", { fields: missingLabels(t, p.missing) })}
        </p>
      </section>

      <div className="detail-grid">
        <section className="card" aria-labelledby="identity-title">
          <h2 id="identity-title">{t("participants.section.identity")}</h2>
          <Facts
            rows={[
              [t("participants.field.participantNo"), p.participantNo],
              [t("participants.field.firstName"), text(id?.firstName)],
              [t("participants.field.lastName"), text(id?.lastName)],
              [t("participants.field.birthDate"), date(id?.birthDate)],
              [t("participants.field.street"), text(id?.street)],
              [t("participants.field.postcode"), text(id?.postcode)],
              [t("participants.field.city"), text(id?.city)],
              [t("participants.field.email"), text(id?.email)],
              [t("participants.field.phone"), text(id?.phone)],
              [t("participants.field.privacyNoticeDate"), date(id?.privacyNoticeDate)],
              [t("participants.field.areaId"), text(p.area?.name)],
            ]}
          />
        </section>

        <section className="card" aria-labelledby="characteristics-title">
          <h2 id="characteristics-title">{t("participants.section.characteristics")}</h2>
          <h3>{t("participants.section.mandatory")}</h3>
          <Facts
            rows={[
              [t("participants.field.gender"), codeText(t, "gender", p.gender)],
              [t("participants.field.entryDate"), date(p.entryDate)],
              [t("participants.field.employmentStatus"), codeText(t, "employmentStatus", p.employmentStatus)],
              [t("participants.field.educationLevel"), p.educationLevel ? `${codeText(t, "educationLevel", p.educationLevel)} – ${t(`participants.educationLevelHint.${p.educationLevel}` as MessageKey)}` : t("participants.notGiven")],
            ]}
          />
          <h3>{t("participants.section.derived")}</h3>
          <Facts
            rows={[
              [t("participants.field.ageAtEntry"), p.ageAtEntry !== null ? t("participants.age.years", { age: p.ageAtEntry }) : t("participants.notGiven")],
              ...(p.employmentStatus === "unemployed" ? ([[t("participants.field.longTermUnemployed"), boolText(t, p.longTermUnemployed)]] as [string, string][]) : []),
              [t("participants.field.completeness"), p.isComplete ? t("participants.complete") : t("participants.incompleteWith", { fields: missingLabels(t, p.missing) })],
            ]}
          />
          <h3>{t("participants.section.optional")}</h3>
          <Facts
            rows={[
              ...(rights.canReadSensitive ? ([[t("participants.field.disability"), sensitive("disability")]] as [string, React.ReactNode][]) : []),
              [t("participants.field.thirdCountryNational"), codeText(t, "thirdCountryNational", p.thirdCountryNational)],
              [t("participants.field.foreignBackground"), codeText(t, "foreignBackground", p.foreignBackground)],
              ...(rights.canReadSensitive ? ([[t("participants.field.minority"), sensitive("minority")]] as [string, React.ReactNode][]) : []),
              [t("participants.field.homeless"), codeText(t, "homeless", p.homeless)],
              [t("participants.field.ruralArea"), codeText(t, "ruralArea", p.ruralArea)],
            ]}
          />
          {rights.canReadSensitive && !revealed ? (
            <p className="card-actions">
              <Link className="button button-secondary" to="?sensitive=1" aria-describedby="sensitive-hint">
                {t("participants.detail.showSensitive")}
              </Link>
              <span className="hint" id="sensitive-hint">
                {t("participants.detail.showSensitiveHint")}
              </span>
            </p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="exit-title">
          <h2 id="exit-title">{t("participants.section.exit")}</h2>
          {p.exitDate ? (
            <Facts
              rows={[
                [t("participants.field.exitDate"), date(p.exitDate)],
                [t("participants.field.exitStatus"), codeText(t, "exitStatus", p.exitStatus)],
                [t("participants.field.qualificationGained"), boolText(t, p.qualificationGained)],
                [t("participants.field.employabilityImproved"), boolText(t, p.employabilityImproved)],
              ]}
            />
          ) : (
            <p>{t("participants.detail.noExit")}</p>
          )}
          {rights.canWrite ? (
            <p className="card-actions">
              <Link className="button button-secondary" to={`${base}/exit`}>
                {t(p.exitDate ? "participants.detail.editExit" : "participants.detail.recordExit")}
              </Link>
            </p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="followup-title">
          <h2 id="followup-title">{t("participants.section.followUp")}</h2>
          {p.followUpDueDate ? (
            <>
              <Facts
                rows={[
                  [
                    t("participants.field.followUpDueDate"),
                    <>
                      {date(p.followUpDueDate)}{" "}
                      {p.followUpRecordedAt ? (
                        <span className="badge badge-success">{t("participants.detail.followUpDone")}</span>
                      ) : followUpDue ? (
                        <span className="badge badge-danger">{t("participants.detail.followUpDue")}</span>
                      ) : (
                        <span className="badge">{t("participants.detail.followUpNotDue")}</span>
                      )}
                    </>,
                  ],
                  ...(p.followUpRecordedAt
                    ? ([
                        [t("participants.field.status6Months"), codeText(t, "status6Months", p.status6Months)],
                        [t("participants.field.situationImproved6Months"), codeText(t, "situationImproved6Months", p.situationImproved6Months)],
                        [t("participants.field.followUpRecordedAt"), date(p.followUpRecordedAt)],
                      ] as [string, string][])
                    : []),
                ]}
              />
              {rights.canWrite && (followUpDue || p.followUpRecordedAt) ? (
                <p className="card-actions">
                  <Link className="button button-secondary" to={`${base}/follow-up`}>
                    {t(p.followUpRecordedAt ? "participants.detail.editFollowUp" : "participants.detail.recordFollowUp")}
                  </Link>
                </p>
              ) : null}
            </>
          ) : (
            <p>{t("participants.detail.noExit")}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="activities-title">
        <h2 id="activities-title">{t("participants.section.activities")}</h2>
        {attendances.length === 0 ? (
          <p className="muted">{t("participants.detail.noActivities")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participants.detail.date")}</th>
                  <th scope="col">{t("participants.detail.activity")}</th>
                  <th scope="col" className="num">{t("participants.detail.duration")}</th>
                  <th scope="col">{t("participants.detail.attendance")}</th>
                  <th scope="col" className="num">{t("participants.detail.minutes")}</th>
                </tr>
              </thead>
              <tbody>
                {attendances.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDate(a.startsAt, locale)}</td>
                    <td>
                      <Link to={`/projects/${projectId}/activities/${a.activityId}`}>{a.title}</Link>
                    </td>
                    <td className="num">{a.durationMinutes}</td>
                    <td>{t(a.present ? "participants.detail.present" : "participants.detail.absent")}</td>
                    <td className="num">{a.minutes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("participants.section.history")}</h2>
        {history.length === 0 ? (
          <p className="muted">{t("participants.detail.noHistory")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participants.detail.historyWhen")}</th>
                  <th scope="col">{t("participants.detail.historyWho")}</th>
                  <th scope="col">{t("participants.detail.historyWhat")}</th>
                  <th scope="col">{t("participants.detail.historyFields")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((event) => (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.at, locale)}</td>
                    <td>{event.userName ?? t("participants.detail.system")}</td>
                    <td>
                      {t(`participants.audit.${event.action}` as MessageKey)}
                      {event.note && ["exit", "exit_undone", "follow_up"].includes(event.note) ? ` (${t(`participants.audit.note.${event.note}` as MessageKey)})` : ""}
                    </td>
                    <td>{event.fields.map((field) => fieldLabel(t, field)).join(", ") || t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
