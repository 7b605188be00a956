// The progress report's DOCX and PDF: the DOCX is unzipped (jszip) and its Word XML read — heading styles,
// header rows, the narrative text and German figures; the PDF's uncompressed text is read the way
// esf-pdf.server.test.ts does. The export through the service writes one audit event.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ESF_INDICATORS } from "~/modules/participants/codes";
import { createProject, createUser, day } from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import type { EsfReport, IndicatorCell } from "../esf-indicators";
import { progressReportToDocx } from "./progress-docx.server";
import { progressReportToPdf } from "./progress-pdf.server";
import { exportProgressReport, progressExportFileName, saveNarrative, type ActivitySummaryRow, type ProgressReport } from "./progress.server";

const ZERO: IndicatorCell = { female: 0, male: 0, diverse: 0, total: 0 };
const row = (id: string | null, label: string, values: [number, number, number, number], code: string | null = null): ActivitySummaryRow => ({
  id,
  label,
  actionFieldCode: code,
  activities: values[0],
  durationMinutes: values[1],
  attendanceMinutes: values[2],
  participants: values[3],
});

function sampleReport(withEsf = true): ProgressReport {
  const indicators = Object.fromEntries(ESF_INDICATORS.map((code) => [code, { ...ZERO }])) as EsfReport["indicators"];
  indicators.EECO01 = { female: 700, male: 534, diverse: 0, total: 1234 };
  const narrative = (key: string, section: "summary" | "action_field" | "challenges" | "outlook", body: string, actionField: { id: string; code: string; name: string } | null = null) => ({
    key,
    section,
    actionField,
    body,
    version: body ? 1 : 0,
    updatedAt: null,
    updatedByName: null,
  });
  const hf1 = { id: "hf1", code: "HF1", name: "Beschäftigung" };
  return {
    project: {
      id: "p1",
      code: "FORST-2019",
      title: "Mittendrin statt Außen vor",
      sponsor: "Stadt Forst (Lausitz)",
      fundingRound: "2019–2022",
      startDate: "2019-01-01",
      endDate: "2022-12-31",
      areas: [{ id: "a1", name: "Forst-Nordstadt", municipality: "Forst (Lausitz)", isCore: true }],
      actionFields: [hf1],
    },
    from: "2020-01-01",
    to: "2020-12-31",
    generatedAt: "2021-02-03T10:00:00.000Z",
    narratives: [
      narrative("summary", "summary", "Das Projekt hat 2020 trotz Pandemie über Erwartung gearbeitet.\n\nZweiter Absatz mit Ümlauten."),
      narrative("action_field:hf1", "action_field", "Bewerbungstrainings liefen digital weiter.", hf1),
      narrative("challenges", "challenges", ""),
      narrative("outlook", "outlook", "2021 folgt die Verstetigung."),
    ],
    activities: {
      total: row(null, "Gesamt", [1500, 90_000, 81_045, 2345]),
      byType: [row("t1", "Bewerbungstraining", [1500, 90_000, 81_045, 2345], "HF1")],
      byArea: [row("a1", "Forst-Nordstadt", [1500, 90_000, 81_045, 2345])],
      byActionField: [row("hf1", "HF1 – Beschäftigung", [1500, 90_000, 81_045, 2345], "HF1")],
    },
    milestones: [{ id: "m1", title: "Kooperationsvertrag Jobcenter", dueDate: "2020-05-01", status: "done", completedAt: "2020-04-28", actionFieldCode: "HF1", dueInPeriod: true, doneInPeriod: true }],
    targets: [{ id: "t", label: "Durchgeführte Aktivitäten", year: 2020, areaName: null, targetValue: 2000, actual: 1500, percent: 75, status: "behind" }],
    esf: withEsf ? { report: { project: "FORST-2019", from: "2020-01-01", to: "2020-12-31", indicators, incomplete: [] }, leavers: { ...ZERO }, violations: [] } : null,
  };
}

async function docxXml(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = (name: string) => zip.file(name)!.async("string");
  return { document: await read("word/document.xml"), styles: await read("word/styles.xml"), footer: await read("word/footer1.xml") };
}

/** The visible text of Word XML: the w:t runs joined (tests look for phrases across run boundaries). */
const wordText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

/** The text of an uncompressed pdfkit document (see esf-pdf.server.test.ts). */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\]\s*TJ/gi)) {
    lines.push([...match[1].matchAll(/<([0-9a-f]*)>/gi)].map((hex) => Buffer.from(hex[1], "hex").toString("latin1")).join(""));
  }
  return lines.join("\n");
}

describe("progressReportToDocx", () => {
  it("writes headings in Word's heading styles, tables with header rows, the narratives and German figures", async () => {
    const { document, styles, footer } = await docxXml(await progressReportToDocx(sampleReport(), { locale: "de" }));
    const text = wordText(document);
    expect(text).toContain("Sachbericht 01.01.2020 – 31.12.2020");
    expect(text).toContain("Das Projekt hat 2020 trotz Pandemie über Erwartung gearbeitet.");
    expect(text).toContain("Zweiter Absatz mit Ümlauten.");
    expect(text).toContain("Bewerbungstrainings liefen digital weiter.");
    expect(text).toContain("Noch kein Text erfasst.");
    // 81,045 minutes = 1.350,8 hours; 90,000 minutes = 1.500,0 hours; figures with German grouping.
    expect(text).toContain("1.350,8");
    expect(text).toContain("1.500,0");
    expect(text).toContain("2.345");
    expect(text).toContain("1.234");
    expect(text).toContain("28.04.2020");
    expect(text).toContain("75 %");
    expect(document).toContain('<w:pStyle w:val="Heading1"/>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(document).toContain("<w:tblHeader/>");
    expect(styles).toMatch(/w:styleId="Heading1"><w:name w:val="Heading 1"\/>.*?<w:outlineLvl w:val="0"\/>/);
    expect(footer).toContain("PAGE");
    expect(wordText(footer)).toContain("Seite ");
  });

  it("leaves the ESF table out for readers without report:esf and says so", async () => {
    const text = wordText((await docxXml(await progressReportToDocx(sampleReport(false), { locale: "de" }))).document);
    expect(text).not.toContain("EECO01");
    expect(text).toContain("nicht freigegeben");
  });

  it("speaks English for English users", async () => {
    const text = wordText((await docxXml(await progressReportToDocx(sampleReport(), { locale: "en" }))).document);
    expect(text).toContain("Progress report 01/01/2020 – 31/12/2020");
    expect(text).toContain("1,350.8");
  });
});

describe("progressReportToPdf", () => {
  it("writes an A4 PDF with chapters, narratives, table values and page numbers", async () => {
    const pdf = await progressReportToPdf(sampleReport(), { locale: "de", compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    const text = pdfText(pdf);
    // why: the en dash is WinAnsi 0x96, which Latin-1 decoding does not show as "–".
    expect(text).toContain("Sachbericht 01.01.2020");
    expect(text).toContain("31.12.2020");
    expect(text).toContain("1. Projektdaten");
    expect(text).toContain("Bewerbungstrainings liefen digital weiter.");
    expect(text).toContain("Zweiter Absatz mit Ümlauten.");
    expect(text).toContain("Noch kein Text erfasst.");
    expect(text).toContain("1.350,8");
    expect(text).toContain("EECO01");
    expect(text).toContain("Kooperationsvertrag Jobcenter");
    expect(text).toMatch(/Seite 1 von \d/);
  });
});

describe("exportProgressReport", () => {
  it("renders the saved narrative into the DOCX, names the file and audits the export", async () => {
    const project = await createProject({ start: "2020-01-01", end: "2022-12-31" });
    const user = await createUser("Lea Leitung");
    await saveNarrative(project.id, user, { from: "2021-01-01", to: "2021-12-31", section: "summary", body: "Jahresbilanz 2021 des Projekts.", version: 0 });
    const file = await exportProgressReport(project.id, { from: day("2021-01-01"), to: day("2021-12-31") }, "docx", { actorId: user.id, locale: "de", includeEsf: false });
    expect(file.fileName).toBe(`Sachbericht-${project.code}-2021-01-01-2021-12-31.docx`);
    expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(wordText((await docxXml(file.body)).document)).toContain("Jahresbilanz 2021 des Projekts.");
    const audit = await db.auditEvent.findMany({ where: { projectId: project.id, entity: "ProgressReport" } });
    expect(audit.map((a) => [a.action, a.userId, a.note])).toEqual([["export", user.id, "format=docx from=2021-01-01 to=2021-12-31 esf=omitted"]]);

    const pdf = await exportProgressReport(project.id, { from: day("2021-01-01"), to: day("2021-12-31") }, "pdf", { actorId: user.id, locale: "de", includeEsf: true });
    expect(pdf.fileName).toBe(`Sachbericht-${project.code}-2021-01-01-2021-12-31.pdf`);
    expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(progressExportFileName({ project: { ...pdf.report.project, code: "A/B C" }, from: "2021-01-01", to: "2021-12-31" }, "pdf")).toBe("Sachbericht-A_B_C-2021-01-01-2021-12-31.pdf");
  });
});
