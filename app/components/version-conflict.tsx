// The notice shown when a save or delete met a newer version (someone else saved meanwhile): who saved
// which fields when, and for a save the changed fields with the user's input beside what is stored now.
// The user's input stays in the form below; saving again applies it on purpose.
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** One changed field: its label, the user's input and the stored value, both as people read them. */
export interface ConflictRow {
  field: string;
  label: string;
  yours: string;
  current: string;
}

/** The conflict as the action answered it (see app/modules/audit/conflict.server.ts). */
export interface ConflictView {
  changes: { at: Date | string; by: string | null; fields: string[] }[];
}

/** Someone else saved meanwhile: the missed saves and, for a form, the changed fields side by side. */
export function VersionConflictNotice({ conflict, rows, labels, intent = "save" }: { conflict: ConflictView; rows?: ConflictRow[]; labels?: Record<string, string>; intent?: "save" | "delete" }) {
  const t = useT();
  const locale = useLocale();
  const fieldLabels: Record<string, string> = { ...labels, ...Object.fromEntries((rows ?? []).map((row) => [row.field, row.label])) };
  return (
    <div className="alert alert-warning" role="alert" id="conflict" tabIndex={-1}>
      <h2 style={{ fontSize: "1.05rem", margin: "0 0 0.35rem" }}>{t("conflict.title")}</h2>
      <p>{t(intent === "delete" ? "conflict.deleteText" : "conflict.saveText")}</p>
      {conflict.changes.length ? (
        <ul>
          {conflict.changes.map((change, index) => (
            <li key={index}>
              {t("conflict.savedBy", {
                name: change.by ?? t("conflict.someone"),
                at: formatDateTime(change.at, locale),
                fields: change.fields.length ? change.fields.map((field) => fieldLabels[field] ?? field).join(", ") : t("conflict.noFields"),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {rows?.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("conflict.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("conflict.field")}</th>
                <th scope="col">{t("conflict.yours")}</th>
                <th scope="col">{t("conflict.current")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{row.label}</th>
                  <td>{row.yours || t("conflict.empty")}</td>
                  <td>{row.current || t("conflict.empty")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
