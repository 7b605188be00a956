// The ESF indicator report as a printable A4 PDF (pdfkit): header facts, the indicator table grouped into
// outputs and results, the consistency check ("Plausibilitätsprüfung") and the incomplete records.
// Participant numbers only — the report never carries names.
import { OUTPUT_INDICATORS, RESULT_INDICATORS, type EsfIndicator } from "~/modules/participants/codes";
import { formatDate } from "~/utils/format";
import { translate, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { ESF_INDICATOR_LABELS, ORGANISATION_INDICATORS, type EsfLocale, type EsfReport, type EsfViolation, type IndicatorCell } from "./esf-indicators";
import { CELL_KEYS, CELL_LABEL_KEYS, describeViolation, MISSING_FIELD_KEYS } from "./esf-violations";
import { createPdfLayout, createPdfTable, PDF_COLOURS as COLOURS, PDF_FONT as FONT, PDF_FONT_BOLD as FONT_BOLD, PDF_MARGIN as MARGIN } from "./pdf-layout.server";

export interface EsfPdfOptions {
  locale: EsfLocale;
  /** Leavers of the period (computeEsfReportWithContext), to print the limits of result violations. */
  leavers?: IndicatorCell;
  /** Project title printed next to the code. */
  projectTitle?: string;
  /** Date printed as "Erstellt am"; default now. */
  generatedAt?: Date;
  /** Deflate content streams (default true); tests switch it off to read the text. */
  compress?: boolean;
}

/**
 * Renders the report as an A4 PDF. `violations` (validateEsfReport) are listed in red under
 * "Plausibilitätsprüfung"; without violations the section says "keine Auffälligkeiten".
 */
export async function esfReportToPdf(report: EsfReport, violations: EsfViolation[], options: EsfPdfOptions): Promise<Buffer> {
  const { locale } = options;
  const t = (key: MessageKey, params?: TranslateParams) => translate(locale, key, params);
  const labels = ESF_INDICATOR_LABELS[locale];
  const period = t("reports.esf.periodValue", { from: formatDate(report.from, locale), to: formatDate(report.to, locale) });

  const layout = createPdfLayout({ locale, compress: options.compress, title: `${t("reports.esf.title")} ${report.project} ${period}`, subject: t("reports.esf.title") });
  const { doc, left, width } = layout;

  // ---------------------------------------------------------------- header
  doc.fillColor(COLOURS.text).font(FONT_BOLD).fontSize(16).text(t("reports.esf.title"), left, MARGIN, { width });
  doc.moveDown(0.4);
  const fact = (label: string, value: string) => {
    doc.font(FONT_BOLD).fontSize(10).text(`${label}: `, { continued: true }).font(FONT).text(value);
  };
  fact(t("reports.esf.project"), options.projectTitle ? `${report.project} – ${options.projectTitle}` : report.project);
  fact(t("reports.esf.period"), period);
  doc.fillColor(COLOURS.muted).font(FONT).fontSize(9).text(t("reports.esf.pdfGenerated", { date: formatDate(options.generatedAt ?? new Date(), locale) }));
  doc.fillColor(COLOURS.text).moveDown(0.8);

  // ---------------------------------------------------------------- indicator table
  const columns = [
    { key: "code", width: 48, align: "left" as const },
    { key: "label", width: width - 48 - 4 * 52, align: "left" as const },
    ...CELL_KEYS.map((key) => ({ key, width: 52, align: "right" as const })),
  ];
  const headerTexts = [t("reports.esf.col.code"), t("reports.esf.col.indicator"), ...CELL_KEYS.map((key) => t(CELL_LABEL_KEYS[key]))];

  const table = createPdfTable(layout, columns, headerTexts);

  const indicatorRow = (code: EsfIndicator): string[] => {
    const cell = report.indicators[code];
    const organisation = ORGANISATION_INDICATORS.includes(code);
    return [code, labels[code], ...CELL_KEYS.map((key) => (organisation && key !== "total" ? "–" : String(cell[key])))];
  };

  table.header();
  table.row([t("reports.esf.outputs")], { bold: true, fill: COLOURS.groupFill, span: true });
  for (const code of OUTPUT_INDICATORS) table.row(indicatorRow(code));
  table.row([t("reports.esf.results")], { bold: true, fill: COLOURS.groupFill, span: true });
  for (const code of RESULT_INDICATORS) table.row(indicatorRow(code));

  // ---------------------------------------------------------------- consistency check
  const heading = (text: string) => {
    layout.ensureSpace(60);
    doc.moveDown(1).x = left;
    doc.font(FONT_BOLD).fontSize(12).fillColor(COLOURS.text).text(text, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  heading(t("reports.esf.validationTitle"));
  if (violations.length === 0) {
    doc.font(FONT_BOLD).fontSize(10).fillColor(COLOURS.success).text(t("reports.esf.validationNone"), { width });
    doc.font(FONT).fontSize(9).text(t("reports.esf.validationPassed"), { width });
  } else {
    doc.font(FONT_BOLD).fontSize(10).fillColor(COLOURS.danger).text(t("reports.esf.validationFailed", { count: violations.length }), { width });
    for (const violation of violations) {
      const view = describeViolation(violation, report, options.leavers);
      const figures = view.figures
        .map((f) => t("reports.esf.violation.figure", { column: t(CELL_LABEL_KEYS[f.key]), actual: f.actual, limit: f.limit }))
        .join("; ");
      doc.font(FONT).fontSize(9).fillColor(COLOURS.danger).text(`• ${t(view.message, view.params)}${figures ? ` (${figures})` : ""}`, { width, indent: 6 });
    }
  }
  doc.fillColor(COLOURS.text);

  // ---------------------------------------------------------------- incomplete records
  heading(t("reports.esf.incompleteTitle"));
  if (report.incomplete.length === 0) {
    doc.font(FONT).fontSize(9).text(t("reports.esf.incompleteNone"), { width });
  } else {
    doc.font(FONT).fontSize(9).fillColor(COLOURS.muted).text(t("reports.esf.incompleteIntro"), { width });
    doc.fillColor(COLOURS.text).moveDown(0.4);
    const list = createPdfTable(
      layout,
      [
        { width: 140, align: "left" },
        { width: width - 140, align: "left" },
      ],
      [t("reports.esf.participantNo"), t("reports.esf.missingFields")],
    );
    list.header();
    for (const entry of report.incomplete) {
      const missing = entry.missing.map((field) => (MISSING_FIELD_KEYS[field] ? t(MISSING_FIELD_KEYS[field]) : field)).join(", ");
      list.row([entry.participant_no, missing]);
    }
  }

  return layout.finish((page, pages) => `${report.project} · ${period} · ${t("reports.esf.pdfPage", { page, pages })}`);
}
