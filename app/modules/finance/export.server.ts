// The funding report as a file: XLSX (exceljs), CSV (";" and a UTF-8 BOM for German Excel) and PDF
// (pdfkit). All three render the same tables from getFundingReport. Text cells are made safe against
// formula injection; every export is audited ("export", no values).
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import { recordAudit } from "~/modules/audit/service.server";
import { db } from "~/utils/db.server";
import { formatDate, formatMoney, formatPercentBp, type Locale } from "~/utils/format";
import { translate, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { safeSpreadsheetText } from "~/utils/spreadsheet-safety";
import type { ReportFormat } from "./schema";
import { fundingReportFileName, getFundingReport, type BudgetVsActual, type FundingReport } from "./service.server";

/** A cell: text, an amount in cents (shown as euros), a share in basis points, or a count. */
type Cell = string | { cents: number } | { bp: number } | { count: number } | null;
interface Table {
  title: string;
  head: string[];
  rows: Cell[][];
}

function tables(report: FundingReport, locale: Locale): { facts: [string, string][]; tables: Table[] } {
  const t = (key: MessageKey, params?: TranslateParams) => translate(locale, key, params);
  const category = (c: string) => t(`finance.category.${c}` as MessageKey);
  const budgetTable = (title: string, rows: BudgetVsActual[]): Table => ({
    title,
    head: [t("finance.col.category"), t("finance.col.budget"), t("finance.col.actual"), t("finance.col.remaining")],
    rows: rows.map((r) => [category(r.category), { cents: r.budgetCents }, { cents: r.actualCents }, { cents: r.remainingCents }]),
  });
  const p = report.project;
  const facts: [string, string][] = [
    [t("finance.report.project"), `${p.code} – ${p.title}`],
    [t("finance.report.period"), report.year === null ? `${formatDate(p.startDate, locale)} – ${formatDate(p.endDate, locale)}` : String(report.year)],
    [t("finance.settings.flatRate"), p.flatRateModel === "none" ? t("finance.model.none") : t("finance.settings.flatRateValue", { model: t(`finance.model.${p.flatRateModel}` as MessageKey), rate: formatPercentBp(p.flatRateBp, locale) })],
    [t("finance.report.generated", { date: formatDate(new Date(), locale) }), t("finance.report.roundingNote")],
  ];
  const result: Table[] = [budgetTable(t("finance.report.byCategory"), report.rows)];
  if (report.year === null) for (const y of report.byYear) result.push(budgetTable(t("finance.report.byYear", { year: y.year }), y.rows));
  for (const partner of report.byPartner) result.push(budgetTable(t("finance.report.byPartner", { partner: partner.partnerName ?? t("finance.budget.sponsor") }), partner.rows));
  result.push({
    title: t("finance.report.financing"),
    head: [t("finance.plan.kind"), t("finance.plan.name"), t("finance.report.planAmount"), t("finance.plan.share"), t("finance.report.used")],
    rows: [
      ...report.financing.map((f): Cell[] => [t(`finance.kind.${f.kind}` as MessageKey), f.name, { cents: f.planCents }, { bp: f.shareBp }, { cents: f.usedCents }]),
      [t("finance.report.eligible"), "", null, null, { cents: report.eligibleActualCents }],
    ],
  });
  result.push({
    title: t("finance.report.keyFigures"),
    head: ["", ""],
    rows: [
      [t("finance.report.claimed"), { cents: report.claims.claimedCents }],
      [t("finance.report.paid"), { cents: report.claims.paidCents }],
      [t("finance.report.participants"), { count: report.participants }],
      [t("finance.report.costPerParticipant"), report.costPerParticipantCents === null ? "" : { cents: report.costPerParticipantCents }],
    ],
  });
  return { facts, tables: result };
}

function receiptTable(report: FundingReport, locale: Locale): Table {
  const t = (key: MessageKey, params?: TranslateParams) => translate(locale, key, params);
  return {
    title: t("finance.report.receipts"),
    head: [t("finance.expenses.date"), t("finance.expenses.receiptNo"), t("finance.expenses.category"), t("finance.expenses.partner"), t("finance.expenses.payee"), t("finance.expenses.purpose"), t("finance.expenses.amount"), t("finance.expenses.paidAt"), t("finance.expenses.claimed")],
    rows: report.receipts.map((r) => [
      formatDate(r.date, locale),
      r.receiptNo,
      t(`finance.category.${r.category}` as MessageKey),
      r.partnerName ?? "",
      r.payee,
      r.purpose,
      { cents: r.amountCents },
      formatDate(r.paidAt, locale),
      r.claimNumber ? String(r.claimNumber) : "",
    ]),
  };
}

/** 123456 → "1234,56" (de) / "1234.56" (en): integer arithmetic, no floating-point rounding. */
function centsPlain(cents: number, locale: Locale): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${locale === "de" ? "," : "."}${String(abs % 100).padStart(2, "0")}`;
}

/** Plain text of a cell for CSV/PDF (amounts without the € sign in CSV so spreadsheets read numbers). */
function cellText(cell: Cell, locale: Locale, forCsv: boolean): string {
  if (cell === null) return "";
  if (typeof cell === "string") return forCsv ? safeSpreadsheetText(cell) : cell;
  // why: CSV amounts without grouping or € sign ("1234,56"), so German Excel reads them as numbers.
  if ("cents" in cell) return forCsv ? centsPlain(cell.cents, locale) : formatMoney(cell.cents, locale);
  if ("bp" in cell) return formatPercentBp(cell.bp, locale);
  return String(cell.count);
}

export function fundingReportToCsv(report: FundingReport, locale: Locale): string {
  const { facts, tables: list } = tables(report, locale);
  const delimiter = locale === "de" ? ";" : ",";
  const quote = (text: string) => (text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines: string[] = facts.map(([k, v]) => [safeSpreadsheetText(k), safeSpreadsheetText(v)].map(quote).join(delimiter));
  for (const table of [...list, receiptTable(report, locale)]) {
    lines.push("", quote(safeSpreadsheetText(table.title)), table.head.map((h) => quote(safeSpreadsheetText(h))).join(delimiter));
    for (const row of table.rows) lines.push(row.map((c) => quote(cellText(c, locale, true))).join(delimiter));
  }
  return `${locale === "de" ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

const EURO_FORMAT = '#,##0.00 "€"';

export async function fundingReportToXlsx(report: FundingReport, locale: Locale): Promise<Buffer> {
  const t = (key: MessageKey) => translate(locale, key);
  const { facts, tables: list } = tables(report, locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "BIWAQ-Tracker";
  const writeTable = (sheet: ExcelJS.Worksheet, table: Table) => {
    sheet.addRow([safeSpreadsheetText(table.title)]).font = { bold: true };
    const head = sheet.addRow(table.head.map(safeSpreadsheetText));
    head.font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((cell) => {
          if (cell === null) return null;
          if (typeof cell === "string") return safeSpreadsheetText(cell);
          if ("cents" in cell) return cell.cents / 100;
          if ("bp" in cell) return cell.bp / 10_000;
          return cell.count;
        }),
      );
      row.forEach((cell, i) => {
        if (cell && typeof cell === "object" && "cents" in cell) added.getCell(i + 1).numFmt = EURO_FORMAT;
        if (cell && typeof cell === "object" && "bp" in cell) added.getCell(i + 1).numFmt = "0.00%";
      });
    }
    sheet.addRow([]);
  };
  const summary = workbook.addWorksheet(t("finance.report.heading"));
  summary.addRow([safeSpreadsheetText(`${t("finance.report.heading")} ${report.project.code}`)]).font = { bold: true, size: 14 };
  for (const [k, v] of facts) summary.addRow([safeSpreadsheetText(k), safeSpreadsheetText(v)]);
  summary.addRow([]);
  for (const table of list) writeTable(summary, table);
  summary.columns.forEach((column, i) => (column.width = i === 0 ? 44 : 18));
  const receipts = workbook.addWorksheet(t("finance.report.receipts"));
  writeTable(receipts, receiptTable(report, locale));
  receipts.columns.forEach((column, i) => (column.width = [12, 14, 22, 24, 28, 36, 14, 14, 10][i] ?? 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function fundingReportToPdf(report: FundingReport, locale: Locale, options: { compress?: boolean } = {}): Promise<Buffer> {
  const t = (key: MessageKey) => translate(locale, key);
  const { facts, tables: list } = tables(report, locale);
  const doc = new PDFDocument({ size: "A4", margin: 40, compress: options.compress ?? true, lang: locale, info: { Title: `${t("finance.report.heading")} ${report.project.code}`, Author: "BIWAQ-Tracker" } });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = 40;
  const width = doc.page.width - 80;
  const bottom = () => doc.page.height - 50;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  doc.font("Helvetica-Bold").fontSize(15).text(`${t("finance.report.heading")} ${report.project.code}`, left, 40, { width });
  doc.moveDown(0.5).font("Helvetica").fontSize(9);
  for (const [k, v] of facts) doc.text(`${k}: ${v}`, left, doc.y, { width });
  const drawTable = (table: Table, widths: number[]) => {
    doc.moveDown(0.8);
    ensure(40);
    doc.font("Helvetica-Bold").fontSize(10).text(table.title, left, doc.y, { width });
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(7.5);
      const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 4 }));
      const height = Math.max(10, ...heights) + 3;
      ensure(height);
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y + 1, { width: widths[i] - 4, align: i > 0 && /\d/.test(c) && !/[a-zA-Z]/.test(c.replace(/[€%]/g, "")) ? "right" : "left" });
        x += widths[i];
      });
      doc.moveTo(left, y + height).lineTo(left + widths.reduce((a, b) => a + b, 0), y + height).strokeColor("#c9cfd6").lineWidth(0.5).stroke();
      doc.x = left;
      doc.y = y + height;
    };
    doc.moveDown(0.3);
    drawRow(table.head, true);
    for (const row of table.rows) drawRow(row.map((c) => cellText(c, locale, false)), row[0] === translate(locale, "finance.category.total"));
  };
  for (const table of list) {
    const columns = table.head.length;
    const first = columns === 2 ? 300 : 180;
    drawTable(table, [first, ...Array.from({ length: columns - 1 }, () => (width - first) / (columns - 1))]);
  }
  doc.addPage();
  drawTable(receiptTable(report, locale), [48, 50, 56, 56, 70, 89, 52, 48, 46]);
  doc.end();
  return finished;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** Builds, renders and audits one funding-report export ("export", entity FundingReport, format and year in the note). */
export async function exportFundingReport(projectId: string, year: number | null, format: ReportFormat, options: { actorId: string | null; locale: Locale }) {
  const report = await getFundingReport(projectId, year);
  const body =
    format === "csv" ? Buffer.from(fundingReportToCsv(report, options.locale), "utf8") : format === "xlsx" ? await fundingReportToXlsx(report, options.locale) : await fundingReportToPdf(report, options.locale);
  await recordAudit(db, { userId: options.actorId, projectId, action: "export", entity: "FundingReport", note: `format=${format} year=${year ?? "all"}` });
  return { fileName: fundingReportFileName(report.project, year, format), contentType: CONTENT_TYPES[format], body };
}
