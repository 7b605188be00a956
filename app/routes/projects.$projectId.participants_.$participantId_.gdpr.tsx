// Art. 15 GDPR: a readable, printable copy of everything stored about one participant; the same data
// as JSON at ./gdpr.json (or ?format=json). Every view is audited (export + read_sensitive).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { exportPersonData } from "~/modules/participants/gdpr.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { requireId } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";
import printStyles from "~/styles/participants-io.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];
export const meta: MetaFunction = () => [{ title: "Auskunft nach Art. 15 DSGVO – BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "participant:gdprExport");
  const participantId = requireId(params.participantId);
  if (new URL(request.url).searchParams.get("format") === "json") {
    throw redirect(`/projects/${project.id}/participants/${participantId}/gdpr.json`);
  }
  const person = await exportPersonData(project.id, participantId, user.id);
  return data({ projectId: project.id, participantId, person }, { headers: { "Cache-Control": "no-store" } });
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="facts-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function GdprAccessPage() {
  const { projectId, participantId, person } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const none = t("participantsIo.gdpr.none");
  const label = (field: string) => t(`participants.field.${field}` as MessageKey);
  const code = (prefix: string, value: string | null) => (value ? t(`${prefix}.${value}` as MessageKey) : t("participants.notGiven"));
  const bool = (value: boolean | null) => (value === null ? t("participants.notGiven") : t(value ? "participants.bool.yes" : "participants.bool.no"));
  const date = (value: string | null) => (value ? formatDate(value, locale) : t("participants.notGiven"));
  const text = (value: string | null) => value || t("participants.notGiven");
  const { identity, esfRecord: r, exit } = person;
  const fieldLabel = (field: string) => {
    const key = `participants.field.${field}` as MessageKey;
    const translated = t(key);
    return translated === key ? field : translated;
  };
  const actionLabel = (action: string) => {
    const key = `participantsIo.gdpr.action.${action}` as MessageKey;
    const translated = t(key);
    return translated === key ? t("participantsIo.gdpr.action.other") : translated;
  };

  return (
    <article className="gdpr-access">
      <div className="page-header">
        <div>
          <h1>{t("participantsIo.gdpr.title")}</h1>
          <p className="muted">{t("participantsIo.gdpr.subtitle", { no: r.participantNo })}</p>
        </div>
        <div className="form-actions no-print">
          <button type="button" onClick={() => window.print()}>
            {t("participantsIo.gdpr.print")}
          </button>
          <a className="button button-secondary" href={`/projects/${projectId}/participants/${participantId}/gdpr.json`} download>
            {t("participantsIo.gdpr.downloadJson")}
          </a>
          <Link className="button button-secondary" to={`/projects/${projectId}/participants/${participantId}`}>
            {t("participantsIo.gdpr.back")}
          </Link>
        </div>
      </div>
      <p>{t("participantsIo.gdpr.intro", { project: person.project.title, code: person.project.code, date: formatDateTime(person.generatedAt, locale) })}</p>

      <section className="card">
        <Facts
          rows={[
            [t("participantsIo.gdpr.controller"), person.project.sponsor || t("participantsIo.gdpr.controllerUnknown", { project: person.project.title })],
            [t("participantsIo.gdpr.purpose"), t("participantsIo.gdpr.purposeText")],
            [t("participantsIo.gdpr.legalBasis"), t("participantsIo.gdpr.legalBasisText")],
            [t("participantsIo.gdpr.retention"), t("participantsIo.gdpr.retentionText", { years: person.project.retentionYears })],
            [t("participantsIo.gdpr.rights"), t("participantsIo.gdpr.rightsText")],
          ]}
        />
      </section>

      <section className="card" aria-labelledby="gdpr-identity">
        <h2 id="gdpr-identity">{t("participantsIo.gdpr.section.identity")}</h2>
        {identity ? (
          <>
            {identity.anonymisedAt ? <p className="alert alert-info">{t("participantsIo.gdpr.anonymised", { date: formatDate(identity.anonymisedAt, locale) })}</p> : null}
            <Facts
              rows={[
                [label("firstName"), identity.firstName],
                [label("lastName"), identity.lastName],
                [label("birthDate"), date(identity.birthDate)],
                [label("postcode"), text(identity.postcode)],
                [label("street"), text(identity.street)],
                [label("city"), text(identity.city)],
                [label("email"), text(identity.email)],
                [label("phone"), text(identity.phone)],
                [label("privacyNoticeDate"), date(identity.privacyNoticeDate)],
              ]}
            />
          </>
        ) : (
          <p>{t("participantsIo.gdpr.noIdentity")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="gdpr-record">
        <h2 id="gdpr-record">{t("participantsIo.gdpr.section.record")}</h2>
        <Facts
          rows={[
            [label("participantNo"), r.participantNo],
            [label("areaId"), text(r.programmeArea)],
            [label("gender"), code("participants.gender", r.gender)],
            [label("ageAtEntry"), r.ageAtEntry === null ? t("participants.notGiven") : t("participants.age.years", { age: r.ageAtEntry })],
            [label("entryDate"), date(r.entryDate)],
            [label("employmentStatus"), code("participants.employmentStatus", r.employmentStatus)],
            [label("longTermUnemployed"), bool(r.longTermUnemployed)],
            [label("educationLevel"), code("participants.educationLevel", r.educationLevel)],
            [label("disability"), code("participants.answer", r.disability)],
            [label("thirdCountryNational"), code("participants.answer", r.thirdCountryNational)],
            [label("foreignBackground"), code("participants.answer", r.foreignBackground)],
            [label("minority"), code("participants.answer", r.minority)],
            [label("homeless"), code("participants.answer", r.homeless)],
            [label("ruralArea"), code("participants.answer", r.ruralArea)],
            [
              label("completeness"),
              r.complete
                ? t("participantsIo.gdpr.complete")
                : t("participantsIo.gdpr.missing", { fields: r.missingFields.map((f) => t(`participantsIo.column.${f}` as MessageKey)).join(", ") }),
            ],
          ]}
        />
      </section>

      <section className="card" aria-labelledby="gdpr-exit">
        <h2 id="gdpr-exit">{t("participantsIo.gdpr.section.exit")}</h2>
        <Facts
          rows={[
            [label("exitDate"), date(exit.exitDate)],
            [label("exitStatus"), code("participants.exitStatus", exit.exitStatus)],
            [label("qualificationGained"), bool(exit.qualificationGained)],
            [label("employabilityImproved"), bool(exit.employabilityImproved)],
            [label("followUpDueDate"), date(exit.followUpDueDate)],
            [label("status6Months"), code("participants.followUpStatus", exit.status6Months)],
            [label("situationImproved6Months"), code("participants.yesNoUnknown", exit.situationImproved6Months)],
            [label("followUpRecordedAt"), date(exit.followUpRecordedAt)],
          ]}
        />
      </section>

      <section className="card" aria-labelledby="gdpr-attendances">
        <h2 id="gdpr-attendances">{t("participantsIo.gdpr.section.attendances")}</h2>
        {person.attendances.length === 0 ? (
          <p>{none}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participantsIo.gdpr.col.date")}</th>
                  <th scope="col">{t("participantsIo.gdpr.col.activity")}</th>
                  <th scope="col">{t("participantsIo.gdpr.col.type")}</th>
                  <th scope="col">{t("participantsIo.gdpr.col.duration")}</th>
                  <th scope="col">{t("participantsIo.gdpr.col.present")}</th>
                </tr>
              </thead>
              <tbody>
                {person.attendances.map((a, index) => (
                  <tr key={`${a.date}-${index}`}>
                    <td>{formatDate(a.date, locale)}</td>
                    <td>{a.activity}</td>
                    <td>{a.activityType}</td>
                    <td>{a.minutes || a.durationMinutes}</td>
                    <td>{bool(a.present)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="gdpr-history">
        <h2 id="gdpr-history">{t("participantsIo.gdpr.section.history")}</h2>
        {person.history.length === 0 ? (
          <p>{none}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participantsIo.gdpr.col.date")}</th>
                  <th scope="col">{t("participantsIo.gdpr.col.action")}</th>
                  <th scope="col">{t("participantsIo.gdpr.col.fields")}</th>
                </tr>
              </thead>
              <tbody>
                {person.history.map((h, index) => (
                  <tr key={`${h.at}-${index}`}>
                    <td>{formatDateTime(h.at, locale)}</td>
                    <td>{actionLabel(h.action)}</td>
                    <td>{h.fields.length ? h.fields.map(fieldLabel).join(", ") : none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
