import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createProject, createUser } from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import { exportFundingReport, fundingReportToCsv, fundingReportToXlsx } from "./export.server";
import { createBudgetLine, createExpense, createFinancingSource, getFundingReport } from "./service.server";

let projectId: string;
let userId: string;

beforeAll(async () => {
  projectId = (await createProject({ start: "2021-01-01", end: "2021-12-31" })).id;
  await db.project.update({ where: { id: projectId }, data: { flatRateModel: "indirect_on_staff", flatRateBp: 1500 } });
  userId = (await createUser("Exporteurin")).id;
  await createFinancingSource(projectId, userId, { kind: "esf_plus", name: "ESF Plus", amountCents: 900_000 });
  await createFinancingSource(projectId, userId, { kind: "own_share", name: "Eigenanteil", amountCents: 100_000 });
  await createBudgetLine(projectId, userId, { year: 2021, category: "staff", amountCents: 800_000 });
  await createExpense(projectId, userId, { date: "15.03.2021", category: "staff", payee: "=HYPERLINK(\"http://x\")", purpose: "Gehalt", receiptNo: "B-1", amountCents: "1.000,50" });
});

describe("funding report export", () => {
  it("CSV: semicolons, BOM, plain German amounts, formula-safe text", async () => {
    const csv = fundingReportToCsv(await getFundingReport(projectId, 2021), "de");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("Personalausgaben;8000,00;1000,50;6999,50");
    // 1.000,50 × 15 % = 150,075 → 150,08
    expect(csv).toContain("Pauschale (berechnet);1200,00;150,08;1049,92");
    expect(csv).toContain("Summe;9200,00;1150,58;8049,42");
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
  });

  it("XLSX: the total row holds euro numbers; the receipt list is formula-safe", async () => {
    const buffer = await fundingReportToXlsx(await getFundingReport(projectId, 2021), "de");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Förderbericht")!;
    let total: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (!total && row.getCell(1).value === "Summe") total = row;
    });
    expect(total!.getCell(2).value).toBe(9200);
    expect(total!.getCell(3).value).toBe(1150.58);
    const receipts = workbook.getWorksheet("Belegliste")!;
    expect(receipts.getRow(3).getCell(5).value).toBe(`'=HYPERLINK("http://x")`);
  });

  it("audits every export without values", async () => {
    const file = await exportFundingReport(projectId, 2021, "pdf", { actorId: userId, locale: "de" });
    expect(file.body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(file.fileName).toMatch(/^Finanzbericht-P-[a-f0-9]+-2021\.pdf$/);
    const audit = await db.auditEvent.findFirst({ where: { projectId, action: "export", entity: "FundingReport" } });
    expect(audit?.note).toBe("format=pdf year=2021");
  });
});
