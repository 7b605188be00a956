// The progress report as a printable A4 PDF (pdfkit), in the ESF report's layout (../pdf-layout.server.ts): title and
// facts, numbered chapters with the lead's texts, tables with a repeated header row on each page, and a
// footer with project, period and "Seite x von y".
import type { Locale } from "~/utils/i18n";
import { translate } from "~/utils/i18n";
import { createPdfLayout, createPdfTable, PDF_COLOURS as COLOURS, PDF_FONT as FONT, PDF_FONT_BOLD as FONT_BOLD, PDF_FONT_ITALIC as FONT_ITALIC, PDF_MARGIN as MARGIN } from "../pdf-layout.server";
import { presentProgressReport, type TableColumn, type TableRow } from "./present";
import type { ProgressReport } from "./progress.server";

export interface ProgressPdfOptions {
  locale: Locale;
  /** Deflate content streams (default true); tests switch it off to read the text. */
  compress?: boolean;
}

/** Renders the report as an A4 PDF; narratives without text print a muted "Noch kein Text erfasst." */
export async function progressReportToPdf(report: ProgressReport, options: ProgressPdfOptions): Promise<Buffer> {
  const { locale } = options;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const presented = presentProgressReport(report, locale);

  const layout = createPdfLayout({ locale, compress: options.compress, title: `${presented.title} ${report.project.code} ${presented.period}`, subject: presented.title });
  const { doc, left, width, ensureSpace } = layout;

  // ---------------------------------------------------------------- title
  doc.fillColor(COLOURS.text).font(FONT_BOLD).fontSize(16).text(`${presented.title} ${presented.period}`, left, MARGIN, { width });
  doc.moveDown(0.2);
  doc.font(FONT).fontSize(11).text(presented.projectLine, { width });
  doc.fillColor(COLOURS.muted).fontSize(9).text(presented.generated, { width });
  doc.fillColor(COLOURS.text).moveDown(0.5);

  let chapter = 0;
  let subChapter = 0;
  for (const block of presented.blocks) {
    switch (block.kind) {
      case "heading": {
        if (block.level === 1) {
          chapter++;
          subChapter = 0;
          ensureSpace(70);
          doc.moveDown(0.8).x = left;
          doc.font(FONT_BOLD).fontSize(13).fillColor(COLOURS.text).text(`${chapter}. ${block.text}`, left, doc.y, { width });
        } else {
          subChapter++;
          ensureSpace(55);
          doc.moveDown(0.5).x = left;
          doc.font(FONT_BOLD).fontSize(11).fillColor(COLOURS.text).text(`${chapter}.${subChapter} ${block.text}`, left, doc.y, { width });
        }
        doc.moveDown(0.3);
        break;
      }
      case "paragraph":
        doc.font(FONT).fontSize(9).fillColor(block.muted ? COLOURS.muted : COLOURS.text).text(block.text, left, doc.y, { width });
        doc.fillColor(COLOURS.text).moveDown(0.4);
        break;
      case "facts":
        for (const row of block.rows) {
          doc.font(FONT_BOLD).fontSize(9.5).fillColor(COLOURS.text).text(`${row.label}: `, left, doc.y, { width, continued: true }).font(FONT).text(row.value);
        }
        doc.moveDown(0.3);
        break;
      case "narrative": {
        const body = block.narrative.body.trim();
        if (!body) {
          doc.font(FONT_ITALIC).fontSize(10).fillColor(COLOURS.muted).text(t("reports.progress.narrative.empty"), left, doc.y, { width });
        } else {
          doc.font(FONT).fontSize(10).fillColor(COLOURS.text);
          for (const paragraph of body.split(/\n\s*\n/)) {
            doc.text(paragraph.replace(/\s*\n\s*/g, "\n"), left, doc.y, { width, align: "left", lineGap: 1.5 });
            doc.moveDown(0.5);
          }
        }
        doc.fillColor(COLOURS.text).moveDown(0.3);
        break;
      }
      case "table":
        drawTable(block.columns, block.rows);
        doc.moveDown(0.5);
        break;
    }
  }

  /** A table with the header row repeated after each page break; group rows span the width. */
  function drawTable(columns: TableColumn[], rows: TableRow[]) {
    const totalWeight = columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = columns.map((c) => (c.weight / totalWeight) * width);
    const table = createPdfTable(
      layout,
      columns.map((c, i) => ({ width: widths[i], align: c.align })),
      columns.map((c) => c.title),
    );
    ensureSpace(60);
    table.header();
    for (const row of rows) {
      if ("group" in row) table.row([row.group], { bold: true, fill: COLOURS.groupFill, span: true });
      else table.row(row.cells, row.total ? { bold: true, fill: COLOURS.groupFill } : {});
    }
  }

  return layout.finish((page, pages) => `${report.project.code} · ${presented.period} · ${t("reports.progress.page", { page, pages })}`);
}
