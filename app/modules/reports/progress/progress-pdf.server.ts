// The progress report as a printable A4 PDF (pdfkit), in the layout of the ESF report's PDF: title and
// facts, numbered chapters with the lead's texts, tables with a repeated header row on each page, and a
// footer with project, period and "Seite x von y".
import PDFDocument from "pdfkit";
import type { Locale } from "~/utils/i18n";
import { translate } from "~/utils/i18n";
import { presentProgressReport, type TableColumn, type TableRow } from "./present";
import type { ProgressReport } from "./progress.server";

export interface ProgressPdfOptions {
  locale: Locale;
  /** Deflate content streams (default true); tests switch it off to read the text. */
  compress?: boolean;
}

const MARGIN = 42;
const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const FONT_ITALIC = "Helvetica-Oblique";
const COLOURS = { text: "#1b1f24", muted: "#4f5863", border: "#c9cfd6", headerFill: "#e7ecf2", groupFill: "#f4f6f9" };
const CELL_PADDING = 4;
const FONT_SIZE = 8.5;

/** Renders the report as an A4 PDF; narratives without text print a muted "Noch kein Text erfasst." */
export async function progressReportToPdf(report: ProgressReport, options: ProgressPdfOptions): Promise<Buffer> {
  const { locale } = options;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const presented = presentProgressReport(report, locale);

  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: locale,
    info: { Title: `${presented.title} ${report.project.code} ${presented.period}`, Author: "BIWAQ-Tracker", Subject: presented.title },
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
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
    }
  };

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
    const drawRow = (cells: string[], style: { bold?: boolean; fill?: string; span?: boolean; header?: boolean } = {}) => {
      doc.font(style.bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
      const cellWidths = style.span ? [width] : widths;
      const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: cellWidths[i] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
      if (doc.y + height > bottom()) {
        doc.addPage();
        doc.y = doc.page.margins.top;
        if (!style.header) drawHeader();
        doc.font(style.bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
      }
      const y = doc.y;
      if (style.fill) doc.rect(left, y, width, height).fill(style.fill);
      doc.fillColor(COLOURS.text);
      let x = left;
      cells.forEach((text, i) => {
        doc.text(text, x + CELL_PADDING, y + CELL_PADDING, { width: cellWidths[i] - 2 * CELL_PADDING, align: style.span ? "left" : columns[i].align });
        x += cellWidths[i];
      });
      doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor(COLOURS.border).stroke();
      doc.x = left;
      doc.y = y + height;
    };
    const drawHeader = () => drawRow(columns.map((c) => c.title), { bold: true, fill: COLOURS.headerFill, header: true });
    ensureSpace(60);
    drawHeader();
    for (const row of rows) {
      if ("group" in row) drawRow([row.group], { bold: true, fill: COLOURS.groupFill, span: true });
      else drawRow(row.cells, row.total ? { bold: true, fill: COLOURS.groupFill } : {});
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
      .text(`${report.project.code} · ${presented.period} · ${t("reports.progress.page", { page: i + 1, pages: pages.count })}`, left, doc.page.height - 28, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = savedBottom;
  }

  doc.end();
  return finished;
}
