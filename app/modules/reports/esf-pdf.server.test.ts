import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ESF_INDICATORS } from "~/modules/participants/codes";
import { esfReportToPdf } from "./esf-pdf.server";
import { ESF_INDICATOR_LABELS, type EsfReport, type EsfViolation, type IndicatorCell } from "./esf-indicators";

const ZERO: IndicatorCell = { female: 0, male: 0, diverse: 0, total: 0 };

function sampleReport(incomplete: EsfReport["incomplete"] = [{ participant_no: "TN-0042", missing: ["education_level", "birth_date"] }]): EsfReport {
  const indicators = Object.fromEntries(ESF_INDICATORS.map((code) => [code, { ...ZERO }])) as EsfReport["indicators"];
  indicators.EECO01 = { female: 12, male: 10, diverse: 1, total: 23 };
  indicators.EECO02 = { female: 8, male: 7, diverse: 1, total: 16 };
  indicators.EECO04 = { female: 4, male: 3, diverse: 0, total: 7 };
  indicators.EECO19 = { ...ZERO, total: 4 };
  indicators.EECR01 = { female: 3, male: 1, diverse: 0, total: 4 };
  return { project: "FORST-2019", from: "2020-01-01", to: "2020-12-31", indicators, incomplete };
}

/**
 * The text shown by an uncompressed pdfkit document: each `[<hex> kern <hex> …] TJ` array joined into one
 * string (standard fonts use WinAnsi, which matches Latin-1 for German letters).
 */
function uncompressedText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\]\s*TJ/gi)) {
    lines.push([...match[1].matchAll(/<([0-9a-f]*)>/gi)].map((hex) => Buffer.from(hex[1], "hex").toString("latin1")).join(""));
  }
  return lines.join("\n");
}

/** pdftotext's reading of the PDF when poppler is installed, else null. */
function pdftotext(pdf: Buffer): string | null {
  if (spawnSync("pdftotext", ["-v"]).error) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "esf-pdf-"));
  try {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf);
    const result = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    return result.status === 0 ? result.stdout : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const generatedAt = new Date("2021-02-03T10:00:00Z");

describe("esfReportToPdf", () => {
  it("writes a PDF with the table, German labels, the period as TT.MM.JJJJ and a passed consistency check", async () => {
    const pdf = await esfReportToPdf(sampleReport(), [], { locale: "de", compress: false, projectTitle: "Mittendrin statt Außen vor", generatedAt });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = uncompressedText(pdf);
    expect(text).toContain("ESF-Plus-Indikatorenbericht");
    expect(text).toContain("FORST-2019");
    expect(text).toContain("Mittendrin statt Außen vor");
    expect(text).toContain("01.01.2020");
    expect(text).toContain("31.12.2020");
    expect(text).toContain("Erstellt am 03.02.2021");
    for (const header of ["Code", "Indikator", "Frauen", "Männer", "Divers", "Gesamt"]) expect(text).toContain(header);
    for (const code of ESF_INDICATORS) expect(text).toContain(code);
    expect(text).toContain(ESF_INDICATOR_LABELS.de.EECO01);
    expect(text).toContain("Outputindikatoren");
    expect(text).toContain("Ergebnisindikatoren");
    expect(text).toContain("Plausibilitätsprüfung");
    expect(text).toContain("keine Auffälligkeiten");
    expect(text).toContain("TN-0042");
    expect(text).toContain("Bildungsniveau, Geburtsdatum");
  });

  it("lists violations in the consistency check with the figures that disagree", async () => {
    const violations: EsfViolation[] = [
      { rule: "sum_of_statuses", indicators: ["EECO01", "EECO02", "EECO04", "EECO05"], message: "EECO01 differs" },
      { rule: "result_exceeds_output", indicators: ["EECR01"], message: "EECR01 exceeds" },
    ];
    const pdf = await esfReportToPdf(sampleReport(), violations, {
      locale: "de",
      compress: false,
      leavers: { female: 2, male: 1, diverse: 0, total: 3 },
      generatedAt,
    });
    const text = uncompressedText(pdf).replace(/\n/g, " ");
    expect(text).toContain("Plausibilitätsprüfung nicht bestanden: 2 Auffälligkeit(en)");
    expect(text).toContain("EECO01 ist nicht gleich EECO02 + EECO04 + EECO05.");
    // Leavers are 2 women and 3 in total, EECR01 counts 3 women and 4 in total.
    expect(text).toContain("EECR01 ist größer als die Zahl der Austritte im Zeitraum.");
    expect(text).toContain("Frauen: 3 gegenüber 2");
    expect(text).toContain("Gesamt: 4 gegenüber 3");
    expect(text).not.toContain("keine Auffälligkeiten");
  });

  it("says so when nothing is incomplete, and speaks English when asked", async () => {
    const pdf = await esfReportToPdf(sampleReport([]), [], { locale: "en", compress: false, generatedAt });
    const text = uncompressedText(pdf);
    expect(text).toContain("ESF Plus indicator report");
    expect(text).toContain(ESF_INDICATOR_LABELS.en.EECO01);
    expect(text).toContain("Consistency check");
    expect(text).toContain("no issues");
    expect(text).toContain("No incomplete records in the period.");
    expect(text).toContain("01/01/2020");
  });

  it("breaks a long incomplete list over pages and numbers them", async () => {
    const incomplete = Array.from({ length: 150 }, (_, i) => ({ participant_no: `TN-${String(i + 1).padStart(4, "0")}`, missing: ["gender"] }));
    const pdf = await esfReportToPdf(sampleReport(incomplete), [], { locale: "de", compress: false, generatedAt });
    const text = uncompressedText(pdf);
    expect(text).toContain("TN-0001");
    expect(text).toContain("TN-0150");
    const pages = Number(/Seite 1 von (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    // The list's header row is repeated on every page the list continues on.
    const headerRows = text.split("Teilnehmenden-Nr.").length - 1;
    expect(headerRows).toBeGreaterThanOrEqual(2);
    expect(headerRows).toBeLessThanOrEqual(pages);
  });

  it("is compressed by default and still readable by pdftotext when poppler is installed", async () => {
    const pdf = await esfReportToPdf(sampleReport(), [], { locale: "de", generatedAt });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/FlateDecode");
    const text = pdftotext(pdf);
    if (text === null) return;
    expect(text).toContain("EECO01");
    expect(text).toContain("FORST-2019");
    expect(text).toContain("Plausibilitätsprüfung");
    expect(text).toMatch(/EECO01\s+Teilnehmende insgesamt\s+12\s+10\s+1\s+23/);
  });
});
