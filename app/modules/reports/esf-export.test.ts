import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ESF_INDICATORS } from "~/modules/participants/codes";
import { safeSpreadsheetText } from "~/utils/spreadsheet-safety";
import { esfReportToCsv, esfReportToXlsx } from "./esf-export";
import { ESF_INDICATOR_LABELS, type EsfReport, type IndicatorCell } from "./esf-indicators";

const ZERO: IndicatorCell = { female: 0, male: 0, diverse: 0, total: 0 };

/** A report as computeEsfReport would return it, with a few non-zero figures and hostile participant numbers. */
function sampleReport(incomplete: EsfReport["incomplete"] = defaultIncomplete): EsfReport {
  const indicators = Object.fromEntries(ESF_INDICATORS.map((code) => [code, { ...ZERO }])) as EsfReport["indicators"];
  indicators.EECO01 = { female: 12, male: 10, diverse: 1, total: 23 };
  indicators.EECO02 = { female: 8, male: 7, diverse: 1, total: 16 };
  indicators.EECO19 = { ...ZERO, total: 4 };
  indicators.EECR06 = { female: 2, male: 0, diverse: 1, total: 3 };
  return { project: "FORST-2019", from: "2020-01-01", to: "2020-12-31", indicators, incomplete };
}

const defaultIncomplete: EsfReport["incomplete"] = [
  { participant_no: "=HYPERLINK(\"http://evil\")", missing: ["gender"] },
  { participant_no: "TN-0042", missing: ["education_level", "birth_date"] },
];

function parseCsv(csv: string, delimiter: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { delimiter, skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

describe("safeSpreadsheetText", () => {
  it.each(["=1+1", "+49 30 123", "-5", "@SUM(A1)", "\tcmd", "\rcmd"])("prefixes %j with an apostrophe", (text) => {
    expect(safeSpreadsheetText(text)).toBe(`'${text}`);
  });

  it.each(["", "TN-0042", "a=b", "Müller", " =1", "'quoted"])("leaves %j unchanged", (text) => {
    expect(safeSpreadsheetText(text)).toBe(text);
  });
});

describe("esfReportToCsv", () => {
  it("writes German CSV with BOM, semicolons and German labels", () => {
    const csv = esfReportToCsv(sampleReport(), { locale: "de" });
    expect(csv.startsWith("\uFEFFCode;Indikator;")).toBe(true);
    const rows = parseCsv(csv.slice(1), ";");

    expect(rows[0]).toEqual(["Code", "Indikator", "Frauen", "Männer", "Divers", "Insgesamt"]);
    expect(rows[1]).toEqual(["EECO01", "Teilnehmende insgesamt", "12", "10", "1", "23"]);
    expect(rows[2]).toEqual(["EECO02", "Arbeitslose, einschl. Langzeitarbeitslose", "8", "7", "1", "16"]);
    expect(rows[19]).toEqual(["EECO19", ESF_INDICATOR_LABELS.de.EECO19, "0", "0", "0", "4"]);
    expect(rows[25]).toEqual(["EECR06", ESF_INDICATOR_LABELS.de.EECR06, "2", "0", "1", "3"]);
    expect(rows.slice(1, 26).map((row) => row[0])).toEqual([...ESF_INDICATORS]);

    expect(rows[26]).toEqual([""]);
    expect(rows[27]).toEqual(["Teilnehmenden-Nr", "Fehlende Pflichtangaben"]);
    expect(rows[28]).toEqual(["'=HYPERLINK(\"http://evil\")", "Geschlecht"]);
    expect(rows[29]).toEqual(["TN-0042", "Bildungsniveau, Geburtsdatum"]);
    expect(rows.slice(30)).toEqual([[""]]);
  });

  it("writes English CSV without BOM, with commas and English labels", () => {
    const csv = esfReportToCsv(sampleReport(), { locale: "en" });
    expect(csv.startsWith("Code,Indicator,")).toBe(true);
    const rows = parseCsv(csv, ",");

    expect(rows[0]).toEqual(["Code", "Indicator", "Women", "Men", "Non-binary", "Total"]);
    expect(rows[1]).toEqual(["EECO01", "Total number of participants", "12", "10", "1", "23"]);
    expect(rows[2]).toEqual(["EECO02", "Unemployed, including long-term unemployed", "8", "7", "1", "16"]);
    expect(rows[27]).toEqual(["Participant no.", "Missing mandatory values"]);
    expect(rows[28]).toEqual(["'=HYPERLINK(\"http://evil\")", "gender"]);
    expect(rows[29]).toEqual(["TN-0042", "education_level, birth_date"]);
  });

  it("uses CRLF line endings and keeps the incomplete header when nothing is incomplete", () => {
    const csv = esfReportToCsv(sampleReport([]), { locale: "en" });
    expect(csv.endsWith("\r\n\r\nParticipant no.,Missing mandatory values\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(29);
  });

  it("neutralises every formula trigger in participant numbers", () => {
    const report = sampleReport([
      { participant_no: "+1", missing: ["gender"] },
      { participant_no: "-1", missing: ["gender"] },
      { participant_no: "@x", missing: ["gender"] },
    ]);
    const rows = parseCsv(esfReportToCsv(report, { locale: "en" }), ",");
    expect(rows.slice(28, 31).map((row) => row[0])).toEqual(["'+1", "'-1", "'@x"]);
  });
});

describe("esfReportToXlsx", () => {
  it("writes a German workbook with header block, numeric table and incomplete sheet", async () => {
    const buffer = await esfReportToXlsx(sampleReport(), { locale: "de" });
    expect(Buffer.isBuffer(buffer)).toBe(true);
    const workbook = await loadWorkbook(buffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["ESF-Indikatoren", "Unvollständig"]);

    const sheet = workbook.getWorksheet("ESF-Indikatoren")!;
    expect(sheet.getCell("A1").value).toBe("ESF-Plus-Indikatorenbericht");
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A2").value).toBe("Projekt");
    expect(sheet.getCell("B2").value).toBe("FORST-2019");
    expect(sheet.getCell("A3").value).toBe("Zeitraum");
    expect(sheet.getCell("B3").value).toBe("01.01.2020 – 31.12.2020");

    expect(sheet.getRow(5).values).toEqual([undefined, "Code", "Indikator", "Frauen", "Männer", "Divers", "Insgesamt"]);
    for (let column = 1; column <= 6; column++) expect(sheet.getRow(5).getCell(column).font?.bold).toBe(true);

    expect(sheet.getCell("A6").value).toBe("EECO01");
    expect(sheet.getCell("B6").value).toBe("Teilnehmende insgesamt");
    expect(sheet.getCell("C6").value).toBe(12);
    expect(sheet.getCell("D6").value).toBe(10);
    expect(sheet.getCell("E6").value).toBe(1);
    expect(sheet.getCell("F6").value).toBe(23);
    expect(sheet.getCell("F6").type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell("A24").value).toBe("EECO19");
    expect(sheet.getCell("C24").value).toBe(0);
    expect(sheet.getCell("F24").value).toBe(4);
    expect(sheet.getCell("A30").value).toBe("EECR06");
    expect(sheet.getCell("F30").value).toBe(3);
    expect(sheet.getCell("A31").value).toBeNull();
    for (let row = 6; row <= 30; row++) {
      expect(sheet.getRow(row).getCell(3).type).toBe(ExcelJS.ValueType.Number);
    }

    expect(sheet.getColumn(1).width).toBe(10);
    expect(sheet.getColumn(2).width).toBe(90);
    expect(sheet.getColumn(6).width).toBe(12);

    const incomplete = workbook.getWorksheet("Unvollständig")!;
    expect(incomplete.getCell("A2").value).toBe("Teilnehmenden-Nr");
    expect(incomplete.getCell("A2").font?.bold).toBe(true);
    // A plain string cell, never a formula, and guarded like in CSV (editing the cell would make it one).
    expect(incomplete.getCell("A3").value).toBe("'=HYPERLINK(\"http://evil\")");
    expect(incomplete.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(incomplete.getCell("B3").value).toBe("Geschlecht");
    expect(incomplete.getCell("A4").value).toBe("TN-0042");
    expect(incomplete.getCell("B4").value).toBe("Bildungsniveau, Geburtsdatum");
  });

  it("writes an English workbook with ISO dates and a note when nothing is incomplete", async () => {
    const workbook = await loadWorkbook(await esfReportToXlsx(sampleReport([]), { locale: "en" }));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["ESF indicators", "Incomplete"]);

    const sheet = workbook.getWorksheet("ESF indicators")!;
    expect(sheet.getCell("A2").value).toBe("Project");
    expect(sheet.getCell("B3").value).toBe("2020-01-01 – 2020-12-31");
    expect(sheet.getCell("B5").value).toBe("Indicator");
    expect(sheet.getCell("B7").value).toBe("Unemployed, including long-term unemployed");
    expect(sheet.getCell("C7").value).toBe(8);

    const incomplete = workbook.getWorksheet("Incomplete")!;
    expect(incomplete.getCell("A2").value).toBe("Participant no.");
    expect(incomplete.getCell("A3").value).toBe("No incomplete records.");
  });
});
