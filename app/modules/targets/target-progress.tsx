// How a target stands, as the targets table and the detail page show it: a progress bar with the same
// information as text ("12 von 40 (30 %)") and a status badge that says it in words, not colour alone.
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import type { ProgressStatus } from "./progress";

/** 5 → "5", 5.5 → "5,5" (hours have one decimal). */
export function useFormatFigure() {
  const locale = useLocale();
  return (value: number) => formatNumber(value, locale, Number.isInteger(value) ? 0 : 1);
}

export function ProgressStatusBadge({ status }: { status: ProgressStatus }) {
  const t = useT();
  const className = status === "behind" ? "badge badge-danger" : status === "reached" ? "badge badge-success" : "badge badge-info";
  return (
    <span className={className} style={{ whiteSpace: "nowrap" }}>
      {t(`targets.status.${status}`)}
    </span>
  );
}

export function TargetProgressBar({ actual, targetValue, percent, label }: { actual: number; targetValue: number; percent: number; label: string }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFormatFigure();
  const text = t("targets.progressText", { actual: figure(actual), target: figure(targetValue), percent: formatNumber(percent, locale, 0) });
  return (
    <div className="target-progress">
      <progress max={100} value={Math.min(100, percent)} aria-label={label} aria-valuetext={text} style={{ width: "8rem", verticalAlign: "middle" }} />{" "}
      <span>{text}</span>
    </div>
  );
}
