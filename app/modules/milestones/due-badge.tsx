// Highlighting of open milestones: red "überfällig" before the due date passed, amber "bald fällig"
// within 14 days. Done and later milestones get no badge. Text, not colour alone, carries the meaning.
import { useT } from "~/utils/i18n";
import type { DueState } from "./schedule";

export function MilestoneDueBadge({ state }: { state: DueState }) {
  const t = useT();
  if (state === "overdue") return <span className="badge badge-danger">{t("milestones.due.overdue")}</span>;
  if (state === "due_soon") return <span className="badge badge-warning">{t("milestones.due.due_soon")}</span>;
  return null;
}
