// The common layout of the reports' printable A4 PDFs (pdfkit): document set-up and buffering, tables whose
// header row is repeated after each page break, and the footer with "Seite x von y" on every page.
import PDFDocument from "pdfkit";

export const PDF_MARGIN = 42;
export const PDF_FONT = "Helvetica";
export const PDF_FONT_BOLD = "Helvetica-Bold";
export const PDF_FONT_ITALIC = "Helvetica-Oblique";
export const PDF_COLOURS = {
  text: "#1b1f24",
  muted: "#4f5863",
  border: "#c9cfd6",
  headerFill: "#e7ecf2",
  groupFill: "#f4f6f9",
  danger: "#a4161a",
  success: "#1d6b32",
};
const CELL_PADDING = 4;
const TABLE_FONT_SIZE = 8.5;

export interface PdfLayout {
  doc: PDFKit.PDFDocument;
  /** Left edge and usable width of the page (inside the margins). */
  left: number;
  width: number;
  /** Lowest y that text may reach on the current page. */
  bottom: () => number;
  /** Opens a new page when less than `height` points are left on this one. */
  ensureSpace: (height: number) => void;
  /** Draws `footer(page, pages)` centred at the bottom of every page, ends the document and returns its bytes. */
  finish: (footer: (page: number, pages: number) => string) => Promise<Buffer>;
}

/** Creates an A4 document with the reports' margins and metadata; its bytes are collected for `finish`. */
export function createPdfLayout(options: { locale: string; compress?: boolean; title: string; subject: string }): PdfLayout {
  const doc = new PDFDocument({
    size: "A4",
    margin: PDF_MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: options.locale,
    info: { Title: options.title, Author: "BIWAQ-Tracker", Subject: options.subject },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = PDF_MARGIN;
  const width = doc.page.width - 2 * PDF_MARGIN;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
    }
  };
  const finish = (footer: (page: number, pages: number) => string) => {
    const pages = doc.bufferedPageRange();
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(pages.start + i);
      const savedBottom = doc.page.margins.bottom;
      // why: text below the bottom margin would otherwise open a new page.
      doc.page.margins.bottom = 0;
      doc
        .font(PDF_FONT)
        .fontSize(8)
        .fillColor(PDF_COLOURS.muted)
        .text(footer(i + 1, pages.count), left, doc.page.height - 28, { width, align: "center", lineBreak: false });
      doc.page.margins.bottom = savedBottom;
    }
    doc.end();
    return finished;
  };
  return { doc, left, width, bottom, ensureSpace, finish };
}

export interface PdfColumn {
  width: number;
  align: "left" | "right";
}

export interface PdfRowStyle {
  bold?: boolean;
  fill?: string;
  colour?: string;
  /** One cell spanning the whole width (group rows). */
  span?: boolean;
}

export interface PdfTable {
  /** Draws the header row (bold on the header fill). */
  header: () => void;
  /** Draws one row at doc.y; after a page break the header row comes first. */
  row: (cells: string[], style?: PdfRowStyle) => void;
}

/** A table over the layout's width with fixed `columns`; rows grow with their text and never split across pages. */
export function createPdfTable(layout: PdfLayout, columns: readonly PdfColumn[], headerCells: string[]): PdfTable {
  const { doc, left, width } = layout;
  const drawRow = (cells: string[], style: PdfRowStyle, onNewPage?: () => void) => {
    doc.font(style.bold ? PDF_FONT_BOLD : PDF_FONT).fontSize(TABLE_FONT_SIZE);
    const cellWidths = style.span ? [width] : columns.map((c) => c.width);
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: cellWidths[i] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
    if (doc.y + height > layout.bottom()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      onNewPage?.();
      doc.font(style.bold ? PDF_FONT_BOLD : PDF_FONT).fontSize(TABLE_FONT_SIZE);
    }
    const y = doc.y;
    if (style.fill) doc.rect(left, y, width, height).fill(style.fill);
    doc.fillColor(style.colour ?? PDF_COLOURS.text);
    let x = left;
    cells.forEach((text, i) => {
      doc.text(text, x + CELL_PADDING, y + CELL_PADDING, { width: cellWidths[i] - 2 * CELL_PADDING, align: style.span ? "left" : columns[i].align });
      x += cellWidths[i];
    });
    doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor(PDF_COLOURS.border).stroke();
    doc.fillColor(PDF_COLOURS.text);
    doc.x = left;
    doc.y = y + height;
  };
  const header = () => drawRow(headerCells, { bold: true, fill: PDF_COLOURS.headerFill });
  return { header, row: (cells, style = {}) => drawRow(cells, style, header) };
}
