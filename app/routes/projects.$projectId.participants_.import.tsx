// Participant import: upload → preview (nothing written) → confirm. The uploaded file stays on the
// server between the steps (import-uploads.server.ts); confirming re-plans it against the data as they
// are then and writes nothing if that differs from the preview the user saw.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState, type ChangeEvent } from "react";
import { CheckboxField, FormField } from "~/components/form-field";
import { ImportFileError, parseParticipantFile } from "~/modules/participants/import-parser";
import { buildPreview, fileErrorMessage, type ImportPreview } from "~/modules/participants/import-preview.server";
import { discardUpload, loadUpload, storeUpload } from "~/modules/participants/import-uploads.server";
import { applyImport, fileType, ImportConflictError, planFingerprint, planImport } from "~/modules/participants/import.server";
import { PeriodLockedError } from "~/modules/periods/lock.server";
import { importDecisionSchema, importDoneSchema, importUploadSchema, MAX_IMPORT_FILE_BYTES } from "~/modules/participants/io-schema";
import { readFormData } from "~/utils/form.server";
import { badRequest } from "~/utils/http.server";
import { translate, useT, type MessageKey } from "~/utils/i18n";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Teilnehmende importieren – BIWAQ-Tracker" }];

const MAX_MB = MAX_IMPORT_FILE_BYTES / 1024 / 1024;
const NOTICES = ["changed", "expired", "strict"] as const;
type Notice = (typeof NOTICES)[number];

/** The layout table of the contract (section 1): column, required, allowed values. */
const FORMAT: [string, "yes" | "starred" | "no", MessageKey][] = [
  ["participant_no", "yes", "participantsIo.values.participantNo"],
  ["first_name", "yes", "participantsIo.values.text"],
  ["last_name", "yes", "participantsIo.values.text"],
  ["birth_date", "starred", "participantsIo.values.date"],
  ["gender", "starred", "participantsIo.values.gender"],
  ["postcode", "yes", "participantsIo.values.postcode"],
  ["programme_area", "no", "participantsIo.values.area"],
  ["entry_date", "starred", "participantsIo.values.date"],
  ["employment_status", "starred", "participantsIo.values.employment"],
  ["long_term_unemployed", "no", "participantsIo.values.longTerm"],
  ["education_level", "starred", "participantsIo.values.education"],
  ["disability", "no", "participantsIo.values.answer"],
  ["third_country_national", "no", "participantsIo.values.answer"],
  ["foreign_background", "no", "participantsIo.values.answer"],
  ["minority", "no", "participantsIo.values.answer"],
  ["homeless", "no", "participantsIo.values.answer"],
  ["rural_area", "no", "participantsIo.values.answer"],
  ["exit_date", "no", "participantsIo.values.exitDate"],
  ["exit_status", "no", "participantsIo.values.exitStatus"],
  ["qualification_gained", "no", "participantsIo.values.yesNo"],
  ["employability_improved", "no", "participantsIo.values.yesNo"],
  ["status_6_months", "no", "participantsIo.values.status6"],
  ["situation_improved_6_months", "no", "participantsIo.values.yesNoUnknown"],
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "participant:import");
  const url = new URL(request.url);
  const noticeParam = url.searchParams.get("notice");
  const notice = (NOTICES as readonly string[]).includes(noticeParam ?? "") ? (noticeParam as Notice) : null;
  const doneParsed = url.searchParams.get("done") === "1" ? importDoneSchema.safeParse(Object.fromEntries(url.searchParams)) : null;
  const done = doneParsed?.success ? doneParsed.data : null;

  let preview: ImportPreview | null = null;
  let token: string | null = null;
  let expired = notice === "expired";
  const requested = url.searchParams.get("upload");
  if (requested) {
    const upload = await loadUpload(requested, { userId: user.id, projectId: project.id });
    if (!upload) expired = true;
    else {
      // The file parsed when it was uploaded; planning again shows the data as they are now.
      try {
        const plan = await planImport(project.id, await parseParticipantFile(upload.data, upload.fileName));
        preview = buildPreview(plan, upload.fileName, user.locale);
        token = upload.token;
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        await discardUpload(upload.token);
        expired = true;
      }
    }
  }
  return data({ projectId: project.id, preview, token, expired, notice, done }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "participant:import");
  const here = `/projects/${project.id}/participants/import`;

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    // why: an upload announced above the limit is refused before a byte of it is read (multipart overhead allowed for).
    if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_FILE_BYTES + 64 * 1024) {
      return data({ error: translate(user.locale, "participantsIo.import.error.tooLarge", { size: MAX_MB }) }, { status: 413 });
    }
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_FILE_BYTES }));
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        return data({ error: translate(user.locale, "participantsIo.import.error.tooLarge", { size: MAX_MB }) }, { status: 413 });
      }
      return data({ error: translate(user.locale, "participantsIo.import.error.unreadable") }, { status: 400 });
    }
    const parsed = importUploadSchema.safeParse({ intent: form.get("intent"), file: form.get("file") });
    if (!parsed.success) return data({ error: translate(user.locale, "participantsIo.import.error.noFile") }, { status: 400 });
    const file = parsed.data.file;
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      await parseParticipantFile(bytes, file.name);
    } catch (error) {
      if (error instanceof ImportFileError) return data({ error: fileErrorMessage(error, user.locale) }, { status: 400 });
      throw error;
    }
    const token = await storeUpload({ userId: user.id, projectId: project.id, fileName: file.name.slice(-200), data: bytes });
    return redirect(`${here}?upload=${token}`);
  }

  const decision = importDecisionSchema.safeParse(Object.fromEntries(await readFormData(request, user.locale)));
  if (!decision.success) badRequest(translate(user.locale, "error.badRequest"));
  const owner = { userId: user.id, projectId: project.id };
  if (decision.data.intent === "cancel") {
    if (await loadUpload(decision.data.upload, owner)) await discardUpload(decision.data.upload);
    return redirect(here);
  }

  const { upload: token, fingerprint, strict } = decision.data;
  const upload = await loadUpload(token, owner);
  if (!upload) return redirect(`${here}?notice=expired`);
  const plan = await planImport(project.id, await parseParticipantFile(upload.data, upload.fileName));
  if (planFingerprint(plan) !== fingerprint) return redirect(`${here}?upload=${token}&notice=changed`);
  let result;
  try {
    result = await applyImport(project.id, plan, user.id, { strict: strict === "on", source: fileType(upload.fileName) });
  } catch (error) {
    // why: a reporting period closed since the preview refuses the write; the new preview lists the rows.
    if (error instanceof ImportConflictError || error instanceof PeriodLockedError) return redirect(`${here}?upload=${token}&notice=changed`);
    throw error;
  }
  if (!result.applied) return redirect(`${here}?upload=${token}&notice=strict`);
  await discardUpload(token);
  const c = result.counts;
  const done = new URLSearchParams({
    done: "1",
    imported: String(c.imported),
    updated: String(c.updated),
    unchanged: String(c.unchanged),
    incomplete: String(c.incomplete),
    rejected: String(c.rejected),
  });
  return redirect(`${here}?${done}`);
}

function Count({ label, value, tone }: { label: string; value: number; tone?: "warning" | "danger" | "success" }) {
  return (
    <div className="card">
      <dt>{label}</dt>
      <dd className={tone && value > 0 ? `badge badge-${tone}` : undefined}>{value}</dd>
    </div>
  );
}

function RowsTable({ caption, rows, more, fieldsHeader }: { caption: string; rows: ImportPreview["creates"]; more: number; fieldsHeader?: string }) {
  const t = useT();
  if (rows.length === 0) return null;
  return (
    <section className="stack">
      <div className="table-wrap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("participantsIo.table.line")}</th>
              <th scope="col">{t("participantsIo.table.number")}</th>
              <th scope="col">{t("participantsIo.table.name")}</th>
              {fieldsHeader ? <th scope="col">{fieldsHeader}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.line}-${row.participantNo}`}>
                <td>{row.line}</td>
                <td>{row.participantNo}</td>
                <td>{row.name}</td>
                {fieldsHeader ? <td>{row.fields.join(", ")}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p className="muted">{t("participantsIo.table.more", { count: more })}</p> : null}
    </section>
  );
}

function Preview({ preview, token, notice }: { preview: ImportPreview; token: string; notice: Notice | null }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const c = preview.counts;
  const writes = c.imported + c.updated > 0;
  return (
    <>
      <div className="page-header">
        <h1>{t("participantsIo.preview.title", { file: preview.fileName })}</h1>
      </div>
      {notice === "changed" ? <p className="alert alert-warning" role="alert">{t("participantsIo.import.error.changed")}</p> : null}
      {notice === "strict" ? (
        <p className="alert alert-error" role="alert">{t("participantsIo.import.error.strictRefused", { count: c.rejected })}</p>
      ) : null}
      <p className="alert alert-info">{t("participantsIo.preview.intro")}</p>

      <h2>{t("participantsIo.preview.summary")}</h2>
      <dl className="card-grid">
        <Count label={t("participantsIo.count.total")} value={c.total} />
        <Count label={t("participantsIo.count.imported")} value={c.imported} tone="success" />
        <Count label={t("participantsIo.count.updated")} value={c.updated} />
        <Count label={t("participantsIo.count.unchanged")} value={c.unchanged} />
        <Count label={t("participantsIo.count.incomplete")} value={c.incomplete} tone="warning" />
        <Count label={t("participantsIo.count.rejected")} value={c.rejected} tone="danger" />
      </dl>

      {preview.warnings.length > 0 ? (
        <div className="alert alert-warning">
          <h2>{t("participantsIo.preview.warnings")}</h2>
          <ul>
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview.rejected.length > 0 ? (
        <section className="stack">
          <div className="table-wrap">
            <table>
              <caption>{t("participantsIo.table.rejected")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("participantsIo.table.line")}</th>
                  <th scope="col">{t("participantsIo.table.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rejected.map((row, index) => (
                  <tr key={`${row.line}-${index}`}>
                    <td>{row.line}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.more.rejected > 0 ? <p className="muted">{t("participantsIo.table.more", { count: preview.more.rejected })}</p> : null}
        </section>
      ) : null}
      <RowsTable caption={t("participantsIo.table.creates")} rows={preview.creates} more={preview.more.creates} />
      <RowsTable caption={t("participantsIo.table.updates")} rows={preview.updates} more={preview.more.updates} fieldsHeader={t("participantsIo.table.fields")} />
      <RowsTable caption={t("participantsIo.table.incomplete")} rows={preview.incomplete} more={preview.more.incomplete} fieldsHeader={t("participantsIo.table.missing")} />
      {c.unchanged > 0 ? <p>{t("participantsIo.preview.unchanged", { count: c.unchanged })}</p> : null}

      <Form method="post" className="stack card">
        <input type="hidden" name="upload" value={token} />
        <input type="hidden" name="fingerprint" value={preview.fingerprint} />
        {writes ? (
          <CheckboxField label={t("participantsIo.preview.strict")} name="strict" hint={t("participantsIo.preview.strictHint")}>
            <input type="checkbox" name="strict" value="on" defaultChecked={notice === "strict"} />
          </CheckboxField>
        ) : (
          <p>{t("participantsIo.preview.nothing")}</p>
        )}
        <div className="form-actions">
          {writes ? (
            <button type="submit" name="intent" value="confirm" disabled={busy}>
              {t("participantsIo.preview.confirm")}
            </button>
          ) : null}
          <button type="submit" name="intent" value="cancel" className="button-secondary" disabled={busy}>
            {t("participantsIo.preview.cancel")}
          </button>
        </div>
      </Form>
    </>
  );
}

function UploadForm({ error, expired, projectId }: { error: string | null; expired: boolean; projectId: string }) {
  const t = useT();
  const navigation = useNavigation();
  const [clientError, setClientError] = useState<string | null>(null);
  const tooLarge = t("participantsIo.import.error.tooLarge", { size: MAX_MB });
  // why: a file over the limit is refused before it is sent (the server checks again).
  const checkSize = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    const message = file && file.size > MAX_IMPORT_FILE_BYTES ? tooLarge : "";
    event.currentTarget.setCustomValidity(message);
    setClientError(message || null);
  };
  const shown = clientError ?? error;
  return (
    <>
      <div className="page-header">
        <h1>{t("participantsIo.import.title")}</h1>
        <a className="button button-secondary" href={`/projects/${projectId}/participants/import/template`} download>
          {t("participantsIo.import.template")}
        </a>
      </div>
      <p>{t("participantsIo.import.intro")}</p>
      {expired ? <p className="alert alert-warning" role="alert">{t("participantsIo.import.error.expired")}</p> : null}
      <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
        <input type="hidden" name="intent" value="upload" />
        <FormField label={t("participantsIo.import.file")} name="file" hint={t("participantsIo.import.fileHint", { size: MAX_MB })} error={shown ?? undefined}>
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required onChange={checkSize} />
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("participantsIo.import.upload")}
          </button>
        </div>
      </Form>

      <h2>{t("participantsIo.import.formatTitle")}</h2>
      <p>{t("participantsIo.import.formatIntro")}</p>
      <p>{t("participantsIo.import.formatUpsert")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("participantsIo.import.colColumn")}</th>
              <th scope="col">{t("participantsIo.import.colRequired")}</th>
              <th scope="col">{t("participantsIo.import.colValues")}</th>
            </tr>
          </thead>
          <tbody>
            {FORMAT.map(([column, required, values]) => (
              <tr key={column}>
                <td>
                  {t(`participantsIo.column.${column}` as MessageKey)} <span className="muted">({column})</span>
                </td>
                <td>{t(`participantsIo.import.required.${required}` as MessageKey)}</td>
                <td>{t(values)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export default function ParticipantImportPage() {
  const { projectId, preview, token, expired, notice, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  if (preview && token) return <Preview preview={preview} token={token} notice={notice} />;
  return (
    <>
      {done ? (
        <section className="alert alert-success" role="status" aria-labelledby="import-done">
          <h2 id="import-done">{t("participantsIo.done.title")}</h2>
          <p>{t("participantsIo.done.summary", done)}</p>
          <p>
            <Link to={`/projects/${projectId}/participants`}>{t("participantsIo.done.toList")}</Link>
          </p>
        </section>
      ) : null}
      <UploadForm error={actionData && "error" in actionData ? actionData.error : null} expired={expired} projectId={projectId} />
    </>
  );
}
