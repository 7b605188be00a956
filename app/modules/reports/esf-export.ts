// Renders an ESF indicator report (see esf-indicators.ts) as CSV or XLSX for people and spreadsheets.

import ExcelJS from "exceljs";
import Papa from "papaparse";
import { ESF_INDICATORS } from "~/modules/participants/codes";
import { safeSpreadsheetText } from "~/utils/spreadsheet-safety";
import { ESF_INDICATOR_LABELS, type EsfLocale, type EsfReport } from "./esf-indicators";

/** Rendering options shared by the CSV and XLSX exports. */
export interface EsfExportOptions {
  locale: EsfLocale;
}

interface ExportTexts {
  title: string;
  project: string;
  period: string;
  indicatorHeader: [string, string, string, string, string, string];
  incompleteHeader: [string, string];
  incompleteTitle: string;
  noIncomplete: string;
  indicatorSheet: string;
  incompleteSheet: string;
  missingFields: Record<string, string>;
}

const TEXTS: Record<EsfLocale, ExportTexts> = {
  de: {
    title: "ESF-Plus-Indikatorenbericht",
    project: "Projekt",
    period: "Zeitraum",
    indicatorHeader: ["Code", "Indikator", "Frauen", "Männer", "Divers", "Insgesamt"],
    incompleteHeader: ["Teilnehmenden-Nr", "Fehlende Pflichtangaben"],
    incompleteTitle: "Unvollständige Datensätze (in keiner Zahl enthalten)",
    noIncomplete: "Keine unvollständigen Datensätze.",
    indicatorSheet: "ESF-Indikatoren",
    incompleteSheet: "Unvollständig",
    missingFields: {
      gender: "Geschlecht",
      birth_date: "Geburtsdatum",
      employment_status: "Erwerbsstatus",
      education_level: "Bildungsniveau",
      entry_date: "Eintrittsdatum",
    },
  },
  en: {
    title: "ESF Plus indicator report",
    project: "Project",
    period: "Period",
    indicatorHeader: ["Code", "Indicator", "Women", "Men", "Non-binary", "Total"],
    incompleteHeader: ["Participant no.", "Missing mandatory values"],
    incompleteTitle: "Incomplete records (not included in any figure)",
    noIncomplete: "No incomplete records.",
    indicatorSheet: "ESF indicators",
    incompleteSheet: "Incomplete",
    missingFields: {},
  },
};

const CSV_FORMAT: Record<EsfLocale, { delimiter: string; bom: string }> = {
  de: { delimiter: ";", bom: "\uFEFF" },
  en: { delimiter: ",", bom: "" },
};

/** YYYY-MM-DD as TT.MM.JJJJ for German, unchanged for English. */
function formatDay(isoDay: string, locale: EsfLocale): string {
  if (locale !== "de") return isoDay;
  const [year, month, day] = isoDay.split("-");
  return `${day}.${month}.${year}`;
}

function missingText(missing: string[], locale: EsfLocale): string {
  const names = TEXTS[locale].missingFields;
  return missing.map((field) => names[field] ?? field).join(", ");
}

/**
 * The report as CSV: a header row, one row per indicator (code, label, women, men, non-binary, total),
 * a blank line, then the incomplete participants. German: `;` and a UTF-8 BOM for Excel; English: `,`.
 */
export function esfReportToCsv(report: EsfReport, options: EsfExportOptions): string {
  const { locale } = options;
  const texts = TEXTS[locale];
  const labels = ESF_INDICATOR_LABELS[locale];
  const { delimiter, bom } = CSV_FORMAT[locale];
  const unparse = (rows: (string | number)[][]) => Papa.unparse(rows, { delimiter, newline: "\r\n" });

  const indicatorRows = ESF_INDICATORS.map((code) => {
    const cell = report.indicators[code];
    return [safeSpreadsheetText(code), safeSpreadsheetText(labels[code]), cell.female, cell.male, cell.diverse, cell.total];
  });
  const incompleteRows = report.incomplete.map((entry) => [
    safeSpreadsheetText(entry.participant_no),
    safeSpreadsheetText(missingText(entry.missing, locale)),
  ]);

  const table = unparse([texts.indicatorHeader, ...indicatorRows]);
  const incomplete = unparse([texts.incompleteHeader, ...incompleteRows]);
  return `${bom}${table}\r\n\r\n${incomplete}\r\n`;
}

/**
 * The report as an XLSX workbook: an indicator sheet (title, project, period, table with numeric cells)
 * and a sheet listing incomplete participants. Text typed by people (project title, participant numbers) is
 * neutralised like in CSV: a string cell is not evaluated on opening, but becomes a formula once edited.
 */
export async function esfReportToXlsx(report: EsfReport, options: EsfExportOptions): Promise<Buffer> {
  const { locale } = options;
  const texts = TEXTS[locale];
  const labels = ESF_INDICATOR_LABELS[locale];

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "biwaq-tracker";

  const sheet = workbook.addWorksheet(texts.indicatorSheet);
  sheet.columns = [{ width: 10 }, { width: 90 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }];
  sheet.addRow([texts.title]).font = { bold: true, size: 14 };
  sheet.addRow([texts.project, safeSpreadsheetText(report.project)]);
  sheet.addRow([texts.period, `${formatDay(report.from, locale)} – ${formatDay(report.to, locale)}`]);
  sheet.getCell("A2").font = { bold: true };
  sheet.getCell("A3").font = { bold: true };
  sheet.addRow([]);
  const header = sheet.addRow(texts.indicatorHeader);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7ECF2" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const code of ESF_INDICATORS) {
    const cell = report.indicators[code];
    const row = sheet.addRow([code, labels[code], cell.female, cell.male, cell.diverse, cell.total]);
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
    for (let column = 3; column <= 6; column++) row.getCell(column).numFmt = "0";
  }
  sheet.views = [{ state: "frozen", ySplit: header.number }];

  const incompleteSheet = workbook.addWorksheet(texts.incompleteSheet);
  incompleteSheet.columns = [{ width: 22 }, { width: 60 }];
  incompleteSheet.addRow([texts.incompleteTitle]).font = { bold: true, size: 12 };
  incompleteSheet.addRow(texts.incompleteHeader).font = { bold: true };
  for (const entry of report.incomplete) {
    incompleteSheet.addRow([safeSpreadsheetText(entry.participant_no), missingText(entry.missing, locale)]);
  }
  if (report.incomplete.length === 0) incompleteSheet.addRow([texts.noIncomplete]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
