// The progress report as a sequence of neutral blocks (headings, facts, narratives, tables) with every text
// already translated and every number formatted for the locale. The page, the PDF and the DOCX render the
// same blocks, so the three never disagree on order, labels or figures. Pure: safe in the browser bundle.
import { OUTPUT_INDICATORS, RESULT_INDICATORS, type EsfIndicator } from "~/modules/participants/codes";
import { formatDate, formatNumber } from "~/utils/format";
import { translator, type Locale, type MessageKey } from "~/utils/i18n";
import { ESF_INDICATOR_LABELS, ORGANISATION_INDICATORS } from "../esf-indicators";
import { CELL_KEYS, CELL_LABEL_KEYS } from "../esf-violations";
import type { ActivitySummaryRow, ProgressNarrative, ProgressReport } from "./progress.server";

export interface TableColumn {
  title: string;
  align: "left" | "right";
  /** Relative width (the renderers share the page width out by weight). */
  weight: number;
}

export type TableRow = { cells: string[]; total?: boolean } | { group: string };

export type Block =
  | { kind: "heading"; level: 1 | 2; text: string; id: string }
  | { kind: "paragraph"; text: string; muted?: boolean }
  | { kind: "facts"; rows: { label: string; value: string }[] }
  | { kind: "narrative"; title: string; narrative: ProgressNarrative; hint: string }
  | { kind: "table"; id: string; caption: string; columns: TableColumn[]; rows: TableRow[] };

export interface PresentedReport {
  title: string;
  /** "FORST-2019 – Mittendrin statt Außen vor" */
  projectLine: string;
  /** "01.01.2020 – 31.12.2020" */
  period: string;
  generated: string;
  blocks: Block[];
}

/** Section title of a narrative slot ("Handlungsfeld HF1: …"). */
export function narrativeTitle(narrative: ProgressNarrative, locale: Locale): string {
  const t = translator(locale);
  if (narrative.section === "action_field" && narrative.actionField) {
    return t("reports.progress.narrative.action_field", { code: narrative.actionField.code, name: narrative.actionField.name });
  }
  return t(`reports.progress.narrative.${narrative.section}` as MessageKey);
}

/** Minutes → hours with one decimal ("12,5"). */
export function formatHours(minutes: number, locale: Locale): string {
  return formatNumber(minutes / 60, locale, 1);
}

/** The report as blocks, in the order of the document. */
export function presentProgressReport(report: ProgressReport, locale: Locale): PresentedReport {
  const t = translator(locale);
  const n = (value: number) => formatNumber(value, locale);
  const period = t("reports.progress.periodValue", { from: formatDate(report.from, locale), to: formatDate(report.to, locale) });
  const blocks: Block[] = [];
  const narrative = (slot: ProgressNarrative): Block => ({
    kind: "narrative",
    title: narrativeTitle(slot, locale),
    narrative: slot,
    hint: t(`reports.progress.hint.${slot.section}` as MessageKey),
  });

  // 1. facts
  const { project } = report;
  blocks.push({ kind: "heading", level: 1, text: t("reports.progress.facts.title"), id: "facts" });
  blocks.push({
    kind: "facts",
    rows: [
      { label: t("reports.progress.facts.project"), value: `${project.code} – ${project.title}` },
      { label: t("reports.progress.facts.sponsor"), value: project.sponsor || t("reports.progress.none") },
      { label: t("reports.progress.facts.fundingRound"), value: project.fundingRound || t("reports.progress.none") },
      { label: t("reports.progress.facts.duration"), value: t("reports.progress.periodValue", { from: formatDate(project.startDate, locale), to: formatDate(project.endDate, locale) }) },
      { label: t("reports.progress.period"), value: period },
      {
        label: t("reports.progress.facts.areas"),
        value: project.areas.length
          ? project.areas.map((a) => `${a.name} (${a.municipality}${a.isCore ? `, ${t("reports.progress.facts.coreArea")}` : ""})`).join("; ")
          : t("reports.progress.none"),
      },
      {
        label: t("reports.progress.facts.actionFields"),
        value: project.actionFields.length ? project.actionFields.map((f) => `${f.code} – ${f.name}`).join("; ") : t("reports.progress.none"),
      },
    ],
  });

  // 2. summary, 3. action fields (text plus the field's activity figures)
  const slots = report.narratives;
  const summary = slots.find((s) => s.section === "summary");
  if (summary) {
    blocks.push({ kind: "heading", level: 1, text: narrativeTitle(summary, locale), id: "summary" });
    blocks.push(narrative(summary));
  }
  const fieldSlots = slots.filter((s) => s.section === "action_field");
  if (fieldSlots.length) {
    blocks.push({ kind: "heading", level: 1, text: t("reports.progress.narrative.actionFields"), id: "action-fields" });
    for (const slot of fieldSlots) {
      blocks.push({ kind: "heading", level: 2, text: narrativeTitle(slot, locale), id: `field-${slot.actionField?.code ?? ""}` });
      blocks.push(narrative(slot));
      const figures = report.activities.byActionField.find((row) => row.id === slot.actionField?.id);
      if (figures) {
        blocks.push({
          kind: "paragraph",
          muted: true,
          text: [
            `${t("reports.progress.activities.col.activities")}: ${n(figures.activities)}`,
            `${t("reports.progress.activities.col.duration")}: ${formatHours(figures.durationMinutes, locale)}`,
            `${t("reports.progress.activities.col.attendance")}: ${formatHours(figures.attendanceMinutes, locale)}`,
            `${t("reports.progress.activities.col.participants")}: ${n(figures.participants)}`,
          ].join(" · "),
        });
      }
    }
  }

  // 4. activity summary
  blocks.push({ kind: "heading", level: 1, text: t("reports.progress.activities.title"), id: "activities" });
  if (report.activities.total.activities === 0) {
    blocks.push({ kind: "paragraph", text: t("reports.progress.activities.none") });
  } else {
    blocks.push({ kind: "paragraph", muted: true, text: t("reports.progress.activities.intro") });
    const figureColumns: TableColumn[] = [
      { title: t("reports.progress.activities.col.activities"), align: "right", weight: 1 },
      { title: t("reports.progress.activities.col.duration"), align: "right", weight: 1.1 },
      { title: t("reports.progress.activities.col.attendance"), align: "right", weight: 1.2 },
      { title: t("reports.progress.activities.col.participants"), align: "right", weight: 1 },
    ];
    const figures = (row: ActivitySummaryRow) => [n(row.activities), formatHours(row.durationMinutes, locale), formatHours(row.attendanceMinutes, locale), n(row.participants)];
    const summaryTable = (id: string, caption: MessageKey, first: MessageKey, rows: ActivitySummaryRow[], label: (row: ActivitySummaryRow) => string): Block => ({
      kind: "table",
      id,
      caption: t(caption),
      columns: [{ title: t(first), align: "left", weight: 3.2 }, ...figureColumns],
      rows: [...rows.map((row) => ({ cells: [label(row), ...figures(row)] })), { cells: [report.activities.total.label, ...figures(report.activities.total)], total: true }],
    });
    blocks.push({ kind: "heading", level: 2, text: t("reports.progress.activities.byActionField"), id: "activities-field" });
    blocks.push(summaryTable("activities-by-field", "reports.progress.activities.byActionField", "reports.progress.activities.col.actionField", report.activities.byActionField, (row) => row.label));
    blocks.push({ kind: "heading", level: 2, text: t("reports.progress.activities.byType"), id: "activities-type" });
    blocks.push(
      summaryTable("activities-by-type", "reports.progress.activities.byType", "reports.progress.activities.col.type", report.activities.byType, (row) =>
        row.actionFieldCode ? `${row.label} (${row.actionFieldCode})` : row.label,
      ),
    );
    blocks.push({ kind: "heading", level: 2, text: t("reports.progress.activities.byArea"), id: "activities-area" });
    blocks.push(summaryTable("activities-by-area", "reports.progress.activities.byArea", "reports.progress.activities.col.area", report.activities.byArea, (row) => row.label));
  }

  // 5. milestones
  blocks.push({ kind: "heading", level: 1, text: t("reports.progress.milestones.title"), id: "milestones" });
  if (report.milestones.length === 0) {
    blocks.push({ kind: "paragraph", text: t("reports.progress.milestones.none") });
  } else {
    blocks.push({ kind: "paragraph", muted: true, text: t("reports.progress.milestones.intro") });
    blocks.push({
      kind: "table",
      id: "milestones-table",
      caption: t("reports.progress.milestones.title"),
      columns: [
        { title: t("reports.progress.milestones.col.title"), align: "left", weight: 4 },
        { title: t("reports.progress.milestones.col.actionField"), align: "left", weight: 1.3 },
        { title: t("reports.progress.milestones.col.due"), align: "left", weight: 1.3 },
        { title: t("reports.progress.milestones.col.status"), align: "left", weight: 1.2 },
        { title: t("reports.progress.milestones.col.completed"), align: "left", weight: 1.3 },
      ],
      rows: report.milestones.map((m) => ({
        cells: [
          m.title,
          m.actionFieldCode ?? t("reports.progress.none"),
          formatDate(m.dueDate, locale),
          t(`milestones.status.${m.status}` as MessageKey),
          m.completedAt ? formatDate(m.completedAt, locale) : t("reports.progress.none"),
        ],
      })),
    });
  }

  // 6. targets
  blocks.push({ kind: "heading", level: 1, text: t("reports.progress.targets.title"), id: "targets" });
  if (report.targets.length === 0) {
    blocks.push({ kind: "paragraph", text: t("reports.progress.targets.none") });
  } else {
    blocks.push({ kind: "paragraph", muted: true, text: t("reports.progress.targets.intro", { date: formatDate(report.generatedAt.slice(0, 10), locale) }) });
    blocks.push({
      kind: "table",
      id: "targets-table",
      caption: t("reports.progress.targets.title"),
      columns: [
        { title: t("reports.progress.targets.col.indicator"), align: "left", weight: 4 },
        { title: t("reports.progress.targets.col.scope"), align: "left", weight: 2 },
        { title: t("reports.progress.targets.col.target"), align: "right", weight: 1 },
        { title: t("reports.progress.targets.col.actual"), align: "right", weight: 1 },
        { title: t("reports.progress.targets.col.percent"), align: "right", weight: 1 },
        { title: t("reports.progress.targets.col.status"), align: "left", weight: 1.3 },
      ],
      rows: report.targets.map((target) => ({
        cells: [
          target.label,
          [target.year === null ? t("reports.progress.targets.scopeWhole") : t("reports.progress.targets.scopeYear", { year: target.year }), target.areaName]
            .filter(Boolean)
            .join(", "),
          n(target.targetValue),
          formatNumber(target.actual, locale, Number.isInteger(target.actual) ? 0 : 1),
          `${formatNumber(target.percent, locale)} %`,
          t(`targets.status.${target.status}` as MessageKey),
        ],
      })),
    });
  }

  // 7. ESF table (only for readers who may see it)
  blocks.push({ kind: "heading", level: 1, text: t("reports.progress.esf.title"), id: "esf" });
  if (!report.esf) {
    blocks.push({ kind: "paragraph", muted: true, text: t("reports.progress.esf.hidden") });
  } else {
    const { report: esf, violations } = report.esf;
    const labels = ESF_INDICATOR_LABELS[locale];
    blocks.push({ kind: "paragraph", muted: true, text: t("reports.progress.esf.intro") });
    const row = (code: EsfIndicator): TableRow => {
      const cell = esf.indicators[code];
      const organisation = ORGANISATION_INDICATORS.includes(code);
      return { cells: [code, labels[code], ...CELL_KEYS.map((key) => (organisation && key !== "total" ? "–" : n(cell[key])))] };
    };
    blocks.push({
      kind: "table",
      id: "esf-table",
      caption: t("reports.esf.tableCaption", { project: project.code, from: formatDate(esf.from, locale), to: formatDate(esf.to, locale) }),
      columns: [
        { title: t("reports.esf.col.code"), align: "left", weight: 1.1 },
        { title: t("reports.esf.col.indicator"), align: "left", weight: 5 },
        ...CELL_KEYS.map((key) => ({ title: t(CELL_LABEL_KEYS[key]), align: "right" as const, weight: 1 })),
      ],
      rows: [
        { group: t("reports.esf.outputs") },
        ...OUTPUT_INDICATORS.map(row),
        { group: t("reports.esf.results") },
        ...RESULT_INDICATORS.map(row),
      ],
    });
    if (violations.length) blocks.push({ kind: "paragraph", text: t("reports.progress.esf.violations", { count: violations.length }) });
    if (esf.incomplete.length) blocks.push({ kind: "paragraph", muted: true, text: t("reports.progress.esf.incomplete", { count: n(esf.incomplete.length) }) });
  }

  // 8. challenges, 9. outlook
  for (const section of ["challenges", "outlook"] as const) {
    const slot = slots.find((s) => s.section === section);
    if (!slot) continue;
    blocks.push({ kind: "heading", level: 1, text: narrativeTitle(slot, locale), id: section });
    blocks.push(narrative(slot));
  }

  return {
    title: t("reports.progress.title"),
    projectLine: `${project.code} – ${project.title}`,
    period,
    generated: t("reports.progress.generated", { date: formatDate(report.generatedAt.slice(0, 10), locale) }),
    blocks,
  };
}
