// The ESF indicator report as a printable A4 PDF (pdfkit): header facts, the indicator table grouped into
// outputs and results, the consistency check ("Plausibilitätsprüfung") and the incomplete records.
// Participant numbers only — the report never carries names.
import PDFDocument from "pdfkit";
import { OUTPUT_INDICATORS, RESULT_INDICATORS, type EsfIndicator } from "~/modules/participants/codes";
import { formatDate } from "~/utils/format";
import { translate, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { ESF_INDICATOR_LABELS, ORGANISATION_INDICATORS, type EsfLocale, type EsfReport, type EsfViolation, type IndicatorCell } from "./esf-indicators";
import { CELL_KEYS, CELL_LABEL_KEYS, describeViolation, MISSING_FIELD_KEYS } from "./esf-violations";

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

const MARGIN = 42;
const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const COLOURS = { text: "#1b1f24", muted: "#4f5863", border: "#c9cfd6", headerFill: "#e7ecf2", groupFill: "#f4f6f9", danger: "#a4161a", success: "#1d6b32" };
const CELL_PADDING = 4;
const FONT_SIZE = 8.5;

/**
 * Renders the report as an A4 PDF. `violations` (validateEsfReport) are listed in red under
 * "Plausibilitätsprüfung"; without violations the section says "keine Auffälligkeiten".
 */
export async function esfReportToPdf(report: EsfReport, violations: EsfViolation[], options: EsfPdfOptions): Promise<Buffer> {
  const { locale } = options;
  const t = (key: MessageKey, params?: TranslateParams) => translate(locale, key, params);
  const labels = ESF_INDICATOR_LABELS[locale];
  const period = t("reports.esf.periodValue", { from: formatDate(report.from, locale), to: formatDate(report.to, locale) });

  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: locale,
    info: { Title: `${t("reports.esf.title")} ${report.project} ${period}`, Author: "BIWAQ-Tracker", Subject: t("reports.esf.title") },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

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

  /** Draws one row of cells at doc.y (new page first when it does not fit); returns nothing, advances doc.y. */
  const drawRow = (cells: string[], style: { bold?: boolean; fill?: string; colour?: string; span?: boolean } = {}, onNewPage?: () => void) => {
    doc.font(style.bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
    const cellWidths = style.span ? [width] : columns.map((c) => c.width);
    const height =
      Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: cellWidths[i] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
    if (doc.y + height > bottom()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      onNewPage?.();
      doc.font(style.bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
    }
    const y = doc.y;
    if (style.fill) doc.rect(left, y, width, height).fill(style.fill);
    doc.fillColor(style.colour ?? COLOURS.text);
    let x = left;
    cells.forEach((text, i) => {
      const align = style.span ? "left" : columns[i].align;
      doc.text(text, x + CELL_PADDING, y + CELL_PADDING, { width: cellWidths[i] - 2 * CELL_PADDING, align });
      x += cellWidths[i];
    });
    doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor(COLOURS.border).stroke();
    doc.fillColor(COLOURS.text);
    doc.x = left;
    doc.y = y + height;
  };
  const drawHeader = () => drawRow(headerTexts, { bold: true, fill: COLOURS.headerFill });

  const indicatorRow = (code: EsfIndicator): string[] => {
    const cell = report.indicators[code];
    const organisation = ORGANISATION_INDICATORS.includes(code);
    return [code, labels[code], ...CELL_KEYS.map((key) => (organisation && key !== "total" ? "–" : String(cell[key])))];
  };

  drawHeader();
  drawRow([t("reports.esf.outputs")], { bold: true, fill: COLOURS.groupFill, span: true }, drawHeader);
  for (const code of OUTPUT_INDICATORS) drawRow(indicatorRow(code), {}, drawHeader);
  drawRow([t("reports.esf.results")], { bold: true, fill: COLOURS.groupFill, span: true }, drawHeader);
  for (const code of RESULT_INDICATORS) drawRow(indicatorRow(code), {}, drawHeader);

  // ---------------------------------------------------------------- consistency check
  const heading = (text: string) => {
    if (doc.y + 60 > bottom()) doc.addPage();
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
    const listColumns = [140, width - 140];
    const listRow = (cells: string[], bold = false, fill?: string) => {
      doc.font(bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
      const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: listColumns[i] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
      if (doc.y + height > bottom()) {
        doc.addPage();
        doc.y = doc.page.margins.top;
        if (!bold) listRow([t("reports.esf.participantNo"), t("reports.esf.missingFields")], true, COLOURS.headerFill);
        doc.font(bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
      }
      const y = doc.y;
      if (fill) doc.rect(left, y, width, height).fill(fill);
      doc.fillColor(COLOURS.text);
      doc.text(cells[0], left + CELL_PADDING, y + CELL_PADDING, { width: listColumns[0] - 2 * CELL_PADDING });
      doc.text(cells[1], left + listColumns[0] + CELL_PADDING, y + CELL_PADDING, { width: listColumns[1] - 2 * CELL_PADDING });
      doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor(COLOURS.border).stroke();
      doc.x = left;
      doc.y = y + height;
    };
    listRow([t("reports.esf.participantNo"), t("reports.esf.missingFields")], true, COLOURS.headerFill);
    for (const entry of report.incomplete) {
      const missing = entry.missing.map((field) => (MISSING_FIELD_KEYS[field] ? t(MISSING_FIELD_KEYS[field]) : field)).join(", ");
      listRow([entry.participant_no, missing]);
    }
  }

  // ---------------------------------------------------------------- page footer
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const savedBottom = doc.page.margins.bottom;
    // why: text below the bottom margin would otherwise open a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(COLOURS.muted)
      .text(`${report.project} · ${period} · ${t("reports.esf.pdfPage", { page: i + 1, pages: pages.count })}`, left, doc.page.height - 28, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = savedBottom;
  }

  doc.end();
  return finished;
}
