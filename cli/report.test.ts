// `biwaq report esf` (data contract section 3) through main(argv), against this test file's database.
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ESF_INDICATORS } from "~/modules/participants/codes";
import { importParticipantFile } from "~/modules/participants/import.server";
import { buildEsfReport } from "~/modules/reports/esf.server";
import { db } from "~/utils/db.server";
import { main } from "./main";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const outDir = mkdtempSync(path.join(tmpdir(), "biwaq-report-cli-"));
let projectId: string;

const FILE = [
  "participant_no,first_name,last_name,birth_date,gender,postcode,entry_date,employment_status,long_term_unemployed,education_level,disability,exit_date,exit_status,qualification_gained",
  "TN-1,Anna,Arndt,1990-01-01,female,03149,2020-02-01,unemployed,yes,isced_0_2,yes,2020-06-01,employed,yes",
  "TN-2,Bert,Brandt,2003-05-05,male,03149,2020-03-01,inactive,no,isced_3_4,no_answer,,,",
  "TN-3,Cem,Cakir,1960-01-01,diverse,03149,2021-03-01,employed,,isced_5_8,no,2021-06-01,job_searching,no",
  "TN-4,Dora,Dahl,,female,03149,2020-04-01,unemployed,no,isced_3_4,no,,,",
].join("\n");

/** Runs `biwaq …` in-process; returns the exit code and what went to stdout and stderr. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  });
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    stdout += `${args.join(" ")}\n`;
  });
  const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    stderr += `${args.join(" ")}\n`;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    write.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  const project = await db.project.create({
    data: { code: "CLI-ESF", title: "Berichtsprojekt", startDate: day("2019-01-01"), endDate: day("2022-12-31") },
    select: { id: true },
  });
  projectId = project.id;
  const result = await importParticipantFile(projectId, new TextEncoder().encode(FILE), "tn.csv", null);
  expect(result.rejected).toEqual([]);
  await db.organisation.create({ data: { projectId, name: "Bäckerei", kind: "business", sizeClass: "micro", firstSupportDate: day("2020-05-05") } });
});

afterEach(() => {
  // why: main() disconnects the process-wide client when it finishes, like the real command; start afresh.
  delete (globalThis as { __biwaqDb?: unknown }).__biwaqDb;
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("biwaq report esf", () => {
  it("prints the contract JSON for the whole project duration to stdout, pretty-printed, and nothing else", async () => {
    const { code, stdout, stderr } = await run("report", "esf", "--project", "CLI-ESF");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const json = JSON.parse(stdout);
    expect(stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(json.project).toBe("CLI-ESF");
    expect(json.from).toBe("2019-01-01");
    expect(json.to).toBe("2022-12-31");
    expect(Object.keys(json.indicators)).toEqual([...ESF_INDICATORS]);
    expect(json.indicators.EECO01).toEqual({ female: 1, male: 1, diverse: 1, total: 3 });
    expect(json.indicators.EECO06).toEqual({ female: 0, male: 1, diverse: 0, total: 1 }); // TN-2 is 16
    expect(json.indicators.EECO08).toEqual({ female: 0, male: 0, diverse: 1, total: 1 }); // TN-3 is 61
    expect(json.indicators.EECO12).toEqual({ female: 1, male: 0, diverse: 0, total: 1 }); // no_answer not counted
    expect(json.indicators.EECO19).toEqual({ female: 0, male: 0, diverse: 0, total: 1 });
    expect(json.indicators.EECR04).toEqual({ female: 1, male: 0, diverse: 0, total: 1 });
    expect(json.incomplete).toEqual([{ participant_no: "TN-4", missing: ["birth_date"] }]);
    const { report } = await buildEsfReport(projectId);
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("takes --from/--to in both date formats", async () => {
    const { code, stdout } = await run("report", "esf", "--project", "CLI-ESF", "--from", "01.01.2021", "--to", "2021-12-31");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect([json.from, json.to]).toEqual(["2021-01-01", "2021-12-31"]);
    expect(json.indicators.EECO01).toEqual({ female: 0, male: 0, diverse: 1, total: 1 });
    expect(json.indicators.EECR01).toEqual({ female: 0, male: 0, diverse: 1, total: 1 });
    expect(json.incomplete).toEqual([]);
  });

  it("writes CSV to stdout (German: BOM and semicolons) or to --out", async () => {
    const piped = await run("report", "esf", "--project", "CLI-ESF", "--format", "csv");
    expect(piped.code).toBe(0);
    expect(piped.stdout.startsWith("\uFEFFCode;Indikator;Frauen;Männer;Divers;Insgesamt\r\n")).toBe(true);
    expect(piped.stdout).toContain("EECO01;Teilnehmende insgesamt;1;1;1;3\r\n");

    const file = path.join(outDir, "esf.csv");
    const written = await run("report", "esf", "--project", "CLI-ESF", "--format", "csv", "--out", file, "--locale", "en");
    expect(written.code).toBe(0);
    expect(written.stdout).toBe("");
    expect(written.stderr).toContain(`written to ${file}`);
    const csv = readFileSync(file, "utf8");
    expect(csv.startsWith("Code,Indicator,Women,Men,Non-binary,Total\r\n")).toBe(true);
    expect(csv).toContain("EECO01,Total number of participants,1,1,1,3");
  });

  it("writes XLSX to --out, which opens with the figures in numeric cells", async () => {
    const file = path.join(outDir, "esf.xlsx");
    const { code, stdout } = await run("report", "esf", "--project", "CLI-ESF", "--from", "2020-01-01", "--to", "2020-12-31", "--format", "xlsx", "--out", file);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("ESF-Indikatoren")!;
    expect(sheet.getCell("B2").value).toBe("CLI-ESF");
    expect(sheet.getCell("B3").value).toBe("01.01.2020 – 31.12.2020");
    const row = sheet.getRow(6);
    expect(row.getCell(1).value).toBe("EECO01");
    expect([3, 4, 5, 6].map((column) => row.getCell(column).value)).toEqual([1, 1, 0, 2]);
    const incomplete = workbook.getWorksheet("Unvollständig")!;
    expect(incomplete.getCell("A3").value).toBe("TN-4");
    expect(incomplete.getCell("B3").value).toBe("Geburtsdatum");
  });

  it("writes PDF to --out", async () => {
    const file = path.join(outDir, "esf.pdf");
    const { code } = await run("report", "esf", "--project", "CLI-ESF", "--format", "pdf", "--out", file);
    expect(code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("records every export in the audit log without values", async () => {
    const before = await db.auditEvent.count({ where: { projectId, action: "export", entity: "EsfReport" } });
    await run("report", "esf", "--project", "CLI-ESF");
    const events = await db.auditEvent.findMany({ where: { projectId, action: "export", entity: "EsfReport" }, orderBy: { at: "desc" } });
    expect(events).toHaveLength(before + 1);
    expect(events[0].note).toBe("cli format=json from=2019-01-01 to=2022-12-31");
    expect(events[0].fields).toBe("[]");
  });

  it.each([
    [["--project", "NOPE"], 1, "unknown project: NOPE"],
    [[], 2, "--project is required"],
    [["--project", "CLI-ESF", "--from", "2020-02-30"], 2, '--from "2020-02-30" is not a valid date'],
    [["--project", "CLI-ESF", "--to", "gestern"], 2, '--to "gestern" is not a valid date'],
    [["--project", "CLI-ESF", "--from", "2020-12-31", "--to", "2020-01-01"], 2, "the period starts after it ends"],
    [["--project", "CLI-ESF", "--from", "2023-01-01"], 2, "the period starts after it ends"],
    [["--project", "CLI-ESF", "--format", "docx"], 2, 'unknown --format "docx"'],
    [["--project", "CLI-ESF", "--format", "xlsx"], 2, "--format xlsx writes a binary file: give --out FILE"],
    [["--project", "CLI-ESF", "--locale", "fr"], 2, 'unknown --locale "fr"'],
    [["--project", "CLI-ESF", "--colour"], 2, "Unknown option '--colour'"],
  ])("refuses %j with exit code %i", async (args, exitCode, message) => {
    const { code, stdout, stderr } = await run("report", "esf", ...(args as string[]));
    expect(code).toBe(exitCode);
    expect(stdout).toBe("");
    expect(stderr).toContain(message as string);
  });

  it("refuses an unknown report", async () => {
    const { code, stderr } = await run("report", "quarterly");
    expect(code).toBe(2);
    expect(stderr).toContain("unknown report: quarterly");
  });

  it("leaves nothing half-written when the file cannot be written", async () => {
    const file = path.join(outDir, "missing-dir", "esf.xlsx");
    const { code, stderr } = await run("report", "esf", "--project", "CLI-ESF", "--format", "xlsx", "--out", file);
    expect(code).toBe(1);
    expect(stderr).toContain("cannot write");
    expect(existsSync(path.dirname(file))).toBe(false);
    expect(readdirSync(outDir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("pipes into a JSON parser as a real process (bin/biwaq.js)", () => {
    const result = spawnSync(process.execPath, [path.resolve("bin", "biwaq.js"), "report", "esf", "--project", "CLI-ESF", "--to", "2020-12-31"], {
      encoding: "utf8",
      env: { ...process.env },
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.to).toBe("2020-12-31");
    expect(json.indicators.EECO01.total).toBe(2);
  });
});
