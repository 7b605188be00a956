import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createProject, createUser } from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { checkExpenseRows, importExpenseRows, readExpenseFile } from "./import.server";
import { createExpense } from "./service.server";

let projectId: string;
let userId: string;
const encode = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  projectId = (await createProject({ start: "2021-01-01", end: "2021-12-31" })).id;
  userId = (await createUser("Importeurin")).id;
  await db.partner.create({ data: { projectId, name: "Bildungsträger Süd", type: "education_provider" } });
  await createExpense(projectId, userId, { date: "01.02.2021", category: "staff", payee: "A", purpose: "B", receiptNo: "VORHANDEN", amountCents: 100 });
});

describe("receipt import", () => {
  it("reads a German CSV export, previews and imports all rows with audits", async () => {
    const csv = "\uFEFFDatum;Kategorie;Empfänger;Zweck;Belegnummer;Betrag;Partner\n03.03.2021;Honorare;Dozent GbR;Kurs;IMP-1;1.234,56;Bildungsträger Süd\n04.03.2021;Sachausgaben;Papier AG;Papier;IMP-2;9,99;\n";
    const rows = await readExpenseFile("export.csv", encode(csv));
    const preview = await checkExpenseRows(projectId, rows);
    expect(preview.map((r) => r.errors)).toEqual([[], []]);
    expect(await importExpenseRows(projectId, userId, rows)).toEqual({ imported: 2 });
    const stored = await db.expense.findMany({ where: { projectId, receiptNo: { startsWith: "IMP-" } }, orderBy: { receiptNo: "asc" }, include: { partner: true } });
    expect(stored.map((e) => [e.receiptNo, e.category, e.amountCents, e.partner?.name ?? null])).toEqual([
      ["IMP-1", "fees", 123_456, "Bildungsträger Süd"],
      ["IMP-2", "material", 999, null],
    ]);
    expect(await db.auditEvent.count({ where: { projectId, action: "import", entity: "Expense" } })).toBe(1);
  });

  it("shows every row's problems and imports nothing when one row is bad", async () => {
    const csv = [
      "Datum;Kategorie;Empfänger;Zweck;Belegnummer;Betrag",
      "05.03.2021;Personalausgaben;Erika;Gehalt;NEU-1;100,00",
      "05.03.2020;Catering;Erika;Gehalt;NEU-2;-3,00",
      "06.03.2021;Honorare;X;Y;VORHANDEN;1,00",
      "07.03.2021;Pauschale;X;Y;NEU-1;1,00",
    ].join("\n");
    const rows = await readExpenseFile("export.csv", encode(csv));
    const preview = await checkExpenseRows(projectId, rows);
    expect(preview[0].errors).toEqual([]);
    expect(preview[1].errors.map((e) => e.message).sort()).toEqual(["finance.amountPositive", "finance.unknownCategory"]);
    expect(preview[2].errors.map((e) => e.message)).toEqual(["finance.receiptNoTaken"]);
    expect(preview[3].errors.map((e) => e.message).sort()).toEqual(["finance.import.duplicateInFile", "finance.unknownCategory"]);
    const before = await db.expense.count({ where: { projectId } });
    const error = await importExpenseRows(projectId, userId, rows).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).formErrors).toEqual(["finance.import.hasErrors"]);
    expect(await db.expense.count({ where: { projectId } })).toBe(before);
  });

  it("reads XLSX with date cells and euro numbers; refuses missing columns and other file types", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Buchungen");
    sheet.addRow(["Datum", "Kategorie", "Empfänger", "Zweck", "Belegnummer", "Betrag"]);
    sheet.addRow([new Date(Date.UTC(2021, 5, 30)), "staff", "Erika", "Gehalt Juni", "X-1", 2500.5]);
    const rows = await readExpenseFile("buchungen.xlsx", new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(rows[0]).toMatchObject({ date: "30.06.2021", amountCents: "ct:250050" });
    expect((await checkExpenseRows(projectId, rows))[0].errors).toEqual([]);
    const missing = await readExpenseFile("a.csv", encode("Datum;Betrag\n01.01.2021;1,00")).catch((e: unknown) => e);
    expect((missing as ValidationError).fieldErrors.file).toEqual(["finance.import.missingColumns"]);
    const type = await readExpenseFile("a.pdf", encode("x")).catch((e: unknown) => e);
    expect((type as ValidationError).fieldErrors.file).toEqual(["finance.import.fileType"]);
  });
});
