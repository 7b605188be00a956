// The progress report as an editable Word document (docx): real heading styles (Heading 1/2 with outline
// levels, so Word's navigation pane and table of contents work), tables with a repeating header row,
// German number and date formats, A4 with page numbers in the footer. Leads finish the report in Word.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { translate, type Locale } from "~/utils/i18n";
import { presentProgressReport, type TableColumn, type TableRow as PresentedRow } from "./present";
import type { ProgressReport } from "./progress.server";

export interface ProgressDocxOptions {
  locale: Locale;
}

const FONT = "Calibri";
const MUTED = "4F5863";
const HEADER_FILL = "E7ECF2";
const GROUP_FILL = "F4F6F9";
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "C9CFD6" } as const;
/** A4 in twentieths of a point, 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };

/** Renders the report as a DOCX file; narratives without text become an italic "Noch kein Text erfasst." */
export async function progressReportToDocx(report: ProgressReport, options: ProgressDocxOptions): Promise<Buffer> {
  const { locale } = options;
  const presented = presentProgressReport(report, locale);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${presented.title} ${presented.period}`)] }),
    new Paragraph({ children: [new TextRun({ text: presented.projectLine, size: 24 })] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: presented.generated, color: MUTED, size: 18 })] }),
  ];

  for (const block of presented.blocks) {
    switch (block.kind) {
      case "heading":
        children.push(new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(block.text)] }));
        break;
      case "paragraph":
        children.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: block.text, color: block.muted ? MUTED : undefined, size: block.muted ? 18 : undefined })] }));
        break;
      case "facts":
        for (const row of block.rows) {
          children.push(new Paragraph({ children: [new TextRun({ text: `${row.label}: `, bold: true }), new TextRun(row.value)] }));
        }
        break;
      case "narrative": {
        const body = block.narrative.body.trim();
        if (!body) {
          children.push(new Paragraph({ children: [new TextRun({ text: translate(locale, "reports.progress.narrative.empty"), italics: true, color: MUTED })] }));
        } else {
          // One Word paragraph per text paragraph; single line breaks stay line breaks inside it.
          for (const paragraph of body.split(/\n\s*\n/)) {
            const lines = paragraph.split(/\r?\n/);
            children.push(new Paragraph({ spacing: { after: 160 }, children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })) }));
          }
        }
        break;
      }
      case "table":
        children.push(table(block.columns, block.rows));
        children.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
        break;
    }
  }

  const document = new Document({
    creator: "BIWAQ-Tracker",
    title: `${presented.title} ${report.project.code} ${presented.period}`,
    description: presented.projectLine,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 }, paragraph: { spacing: { after: 80 } } },
        title: { run: { font: FONT, size: 36, bold: true, color: "1B1F24" }, paragraph: { spacing: { after: 120 } } },
        // why: outline levels make the headings show up in Word's navigation pane and table of contents.
        heading1: { run: { font: FONT, size: 28, bold: true, color: "1B1F24" }, paragraph: { outlineLevel: 0, keepNext: true, spacing: { before: 360, after: 120 } } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: "1B1F24" }, paragraph: { outlineLevel: 1, keepNext: true, spacing: { before: 240, after: 80 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${report.project.code} · ${presented.period} · `, size: 16, color: MUTED }),
                  ...pageNumberRuns(locale),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** "Seite {page} von {pages}" with Word's page fields in place of the placeholders. */
function pageNumberRuns(locale: Locale): TextRun[] {
  const template = translate(locale, "reports.progress.page");
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter(Boolean)
    .map((part) => {
      const style = { size: 16, color: MUTED };
      if (part === "{page}") return new TextRun({ ...style, children: [PageNumber.CURRENT] });
      if (part === "{pages}") return new TextRun({ ...style, children: [PageNumber.TOTAL_PAGES] });
      return new TextRun({ ...style, text: part });
    });
}

/** A full-width table; the first row is a header row Word repeats on each page. */
function table(columns: TableColumn[], rows: PresentedRow[]): Table {
  const totalWeight = columns.reduce((sum, c) => sum + c.weight, 0);
  const contentWidth = PAGE.width - 2 * PAGE.margin;
  const widths = columns.map((c) => Math.round((c.weight / totalWeight) * contentWidth));
  const cell = (text: string, index: number, options: { bold?: boolean; fill?: string; span?: number } = {}) =>
    new TableCell({
      columnSpan: options.span,
      width: { size: options.span ? contentWidth : widths[index], type: WidthType.DXA },
      shading: options.fill ? { type: ShadingType.CLEAR, color: "auto", fill: options.fill } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      children: [
        new Paragraph({
          spacing: { after: 0 },
          alignment: !options.span && columns[index].align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: options.bold, size: 18 })],
        }),
      ],
    });
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.title, i, { bold: true, fill: HEADER_FILL })) }),
      ...rows.map((row) =>
        "group" in row
          ? new TableRow({ cantSplit: true, children: [cell(row.group, 0, { bold: true, fill: GROUP_FILL, span: columns.length })] })
          : new TableRow({ cantSplit: true, children: row.cells.map((text, i) => cell(text, i, row.total ? { bold: true, fill: GROUP_FILL } : {})) }),
      ),
    ],
  });
}
