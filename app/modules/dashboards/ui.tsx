// Building blocks of the dashboards: key-figure tiles, and chart sections whose numbers are always in the
// server-rendered HTML as a table. why charts only after hydration: recharts measures the DOM and renders
// nothing useful on the server; the table (open without JavaScript, behind "Tabelle anzeigen" with it)
// carries the same numbers for screen readers and no-JS users, the chart is a picture of them.
import { useEffect, useState, type ReactNode } from "react";
import { formatNumber, formatPercentBp } from "~/utils/format";
import { useLocale, useT, type Locale } from "~/utils/i18n";

/** true once the page runs in the browser (after hydration); false on the server and in the first render. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Accessible colours (AA against white), distinguishable without relying on hue alone (legend + table). */
export const CHART_COLOURS = ["#0b5cad", "#c2410c", "#1d6b32", "#6b21a8", "#6b4a00", "#0e7490"];

const monthFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

/** "2021-03" → "März 2021" / "Mar 2021". */
export function formatMonth(month: string, locale: Locale): string {
  const format = (monthFormats[locale] ??= new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { month: "short", year: "numeric", timeZone: "UTC" }));
  return format.format(new Date(`${month}-01T00:00:00.000Z`));
}

/** 5 → "5", 5.5 → "5,5"; percentages with no decimals; null → "–". */
export function useFigures() {
  const locale = useLocale();
  return {
    number: (value: number) => formatNumber(value, locale, Number.isInteger(value) ? 0 : 1),
    percent: (value: number | null) => (value === null ? "–" : `${formatNumber(value, locale, 0)} %`),
    bp: (value: number) => formatPercentBp(value, locale),
  };
}

/**
 * A table that may scroll sideways; focusable and named so keyboard users can scroll it (WCAG 2.1.1).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

export function KeyFigure({ label, value, detail, testId }: { label: string; value: string; detail?: ReactNode; testId?: string }) {
  return (
    <div className="key-figure" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="key-figure-value">{value}</span>
        {detail ? <span className="key-figure-detail">{detail}</span> : null}
      </dd>
    </div>
  );
}

/**
 * A dashboard section: heading, an optional chart (browser only, described as an image that points at the
 * table) and the table of the same numbers in a details element, or the empty state.
 */
export function ChartSection({
  id,
  title,
  intro,
  empty,
  chart,
  table,
  tableAlwaysVisible,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  empty?: boolean;
  chart?: () => ReactNode;
  table: ReactNode;
  tableAlwaysVisible?: boolean;
}) {
  const t = useT();
  const hydrated = useHydrated();
  const [userOpened, setUserOpened] = useState(false);
  // why: without JavaScript (and before hydration) there is no chart, so the table is open; with it, the
  // chart shows first and the summary toggles the table. React owns `open` after hydration: the details
  // element's own toggle events are not listened to, because the one the browser queues for the initially
  // open element can arrive after hydration and would reopen the table.
  const open = hydrated ? userOpened : true;
  return (
    <section className="card dashboard-section" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro ? <div className="muted">{intro}</div> : null}
      {empty ? (
        <p className="alert alert-info dashboard-empty">{t("dashboards.empty")}</p>
      ) : (
        <>
          {chart && hydrated ? (
            <div className="dashboard-chart" role="img" aria-label={t("dashboards.chartLabel", { title })}>
              {chart()}
            </div>
          ) : null}
          {tableAlwaysVisible ? (
            table
          ) : (
            <details className="dashboard-table" open={open}>
              <summary
                onClick={(event) => {
                  event.preventDefault();
                  setUserOpened(!open);
                }}
              >
                {open ? t("dashboards.hideTable") : t("dashboards.showTable")}
              </summary>
              {table}
            </details>
          )}
        </>
      )}
    </section>
  );
}
