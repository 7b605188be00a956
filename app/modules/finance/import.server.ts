// Import of receipts from a bookkeeping export (CSV with ";" or XLSX, first sheet). German columns
// Datum;Kategorie;Empfänger;Zweck;Belegnummer;Betrag (optional Zahlungsdatum, Partner). A preview checks
// every row exactly as the entry form does (same schema, same service checks) without writing; the import
// writes all rows in one transaction or none (any invalid row refuses the whole file).
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { recordAudit } from "~/modules/audit/service.server";
import { catalogues } from "~/locales";
import { db, type Tx } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import type { MessageKey } from "~/utils/i18n";
import { assertDatesOpen, PeriodLockedError } from "~/modules/periods/lock.server";
import { ValidationError } from "~/utils/validation";
import { DIRECT_CATEGORIES } from "./money";
import { ExpenseSchema } from "./schema";
import { checkExpense, expenseValues, getFinanceProject } from "./service.server";

export const MAX_EXPENSE_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_EXPENSE_IMPORT_ROWS = 2000;

const COLUMNS = {
  datum: "date",
  kategorie: "category",
  empfänger: "payee",
  zweck: "purpose",
  belegnummer: "receiptNo",
  betrag: "amountCents",
  zahlungsdatum: "paidAt",
  partner: "partner",
} as const;
const REQUIRED = ["date", "category", "payee", "purpose", "receiptNo", "amountCents"] as const;

export interface ImportRowValues {
  date: string;
  category: string;
  payee: string;
  purpose: string;
  receiptNo: string;
  /** As typed ("1.234,56") or, from XLSX numbers, cents as a string of digits prefixed "ct:". */
  amountCents: string;
  paidAt: string;
  partner: string;
}

export interface ImportRow {
  line: number;
  values: ImportRowValues;
  errors: { field: string; message: MessageKey }[];
}

/** Category as written in bookkeeping exports (German or English label, or the key) → key; otherwise unchanged. */
function categoryKey(raw: string): string {
  const value = raw.trim().toLowerCase();
  for (const category of DIRECT_CATEGORIES) {
    const labels = [category, catalogues.de[`finance.category.${category}`], catalogues.en[`finance.category.${category}`]].map((l) => l.toLowerCase());
    if (labels.includes(value)) return category;
  }
  const aliases: Record<string, string> = { personal: "staff", personalkosten: "staff", honorar: "fees", sachkosten: "material", sachausgabe: "material" };
  return aliases[value] ?? raw.trim();
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return formatDate(value);
  if (typeof value === "object" && "text" in value) return String(value.text);
  if (typeof value === "object" && "result" in value) return cellText(value.result as ExcelJS.CellValue);
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  return String(value);
}

/** Reads the file into raw rows (header → field); throws a ValidationError for unreadable files or missing columns. */
export async function readExpenseFile(fileName: string, data: Uint8Array): Promise<ImportRowValues[]> {
  if (data.byteLength > MAX_EXPENSE_IMPORT_BYTES) throw new ValidationError({ file: ["finance.import.tooLarge"] });
  const lower = fileName.toLowerCase();
  let table: { header: string[]; rows: Record<string, string>[] };
  if (lower.endsWith(".csv")) {
    const text = new TextDecoder("utf-8").decode(data).replace(/^\uFEFF/, "");
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy", delimiter: "" });
    const [header = [], ...body] = parsed.data;
    table = { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]))) };
  } else if (lower.endsWith(".xlsx")) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
    } catch {
      throw new ValidationError({ file: ["finance.import.unreadable"] });
    }
    const sheet = workbook.worksheets[0];
    const header: string[] = [];
    const rows: Record<string, string>[] = [];
    sheet?.eachRow((row, number) => {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1);
      if (number === 1) header.push(...cells.map(cellText));
      else
        rows.push(
          Object.fromEntries(
            header.map((h, i) => {
              const value = cells[i];
              // why: an Excel number in the amount column is euros; exact cents, rounded half up.
              if (h.trim().toLowerCase() === "betrag" && typeof value === "number") return [h, `ct:${Math.round(value * 100)}`];
              return [h, cellText(value ?? null)];
            }),
          ),
        );
    });
    table = { header, rows };
  } else throw new ValidationError({ file: ["finance.import.fileType"] });

  const mapping = new Map<string, keyof ImportRowValues>();
  for (const h of table.header) {
    const field = COLUMNS[h.trim().toLowerCase() as keyof typeof COLUMNS];
    if (field) mapping.set(h, field);
  }
  const present = new Set(mapping.values());
  if (REQUIRED.some((f) => !present.has(f))) throw new ValidationError({ file: ["finance.import.missingColumns"] });
  if (table.rows.length === 0) throw new ValidationError({ file: ["finance.import.empty"] });
  if (table.rows.length > MAX_EXPENSE_IMPORT_ROWS) throw new ValidationError({ file: ["finance.import.tooManyRows"] });
  return table.rows.map((row) => {
    const values: ImportRowValues = { date: "", category: "", payee: "", purpose: "", receiptNo: "", amountCents: "", paidAt: "", partner: "" };
    for (const [header, field] of mapping) values[field] = String(row[header] ?? "").trim();
    return values;
  });
}

/** Form input of one row (amount from XLSX as cents). */
function rowInput(values: ImportRowValues, partnerId: string | null) {
  const amount = values.amountCents.startsWith("ct:") ? Number(values.amountCents.slice(3)) : values.amountCents;
  return { ...values, category: categoryKey(values.category), amountCents: amount, partnerId };
}

/**
 * Checks every row as the entry form would (schema, date within the project, category, partner by name,
 * receipt number free in the project and in the file). Writes nothing.
 */
export async function checkExpenseRows(projectId: string, rows: ImportRowValues[], client: Tx | typeof db = db): Promise<ImportRow[]> {
  const project = await getFinanceProject(projectId, client);
  const partners = await client.partner.findMany({ where: { projectId }, select: { id: true, name: true } });
  const byName = new Map(partners.map((p) => [p.name.trim().toLowerCase(), p.id]));
  const seen = new Map<string, number>();
  const result: ImportRow[] = [];
  for (const [index, values] of rows.entries()) {
    const errors: ImportRow["errors"] = [];
    const partnerId = values.partner ? (byName.get(values.partner.toLowerCase()) ?? null) : null;
    if (values.partner && !partnerId) errors.push({ field: "partner", message: "finance.partnerUnknown" });
    const parsed = ExpenseSchema.safeParse(rowInput(values, partnerId));
    if (!parsed.success) for (const issue of parsed.error.issues) errors.push({ field: String(issue.path[0]), message: issue.message as MessageKey });
    else {
      try {
        await checkExpense(client as Tx, project, expenseValues(parsed.data));
        await assertDatesOpen(client, projectId, [parsed.data.date]);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        for (const [field, keys] of Object.entries(error.fieldErrors)) for (const key of keys) errors.push({ field, message: key });
        if (error instanceof PeriodLockedError) errors.push({ field: "date", message: error.formErrors[0] });
      }
    }
    const receipt = values.receiptNo.toLowerCase();
    if (receipt && seen.has(receipt)) errors.push({ field: "receiptNo", message: "finance.import.duplicateInFile" });
    seen.set(receipt, index);
    result.push({ line: index + 2, values, errors });
  }
  return result;
}

/** Imports all rows in one transaction (each audited as a create, plus one import event), or none when any row is invalid. */
export async function importExpenseRows(projectId: string, userId: string, rows: ImportRowValues[]) {
  if (rows.length === 0 || rows.length > MAX_EXPENSE_IMPORT_ROWS) throw new ValidationError({}, ["finance.import.empty"]);
  return db.$transaction(async (tx) => {
    const checked = await checkExpenseRows(projectId, rows, tx);
    if (checked.some((r) => r.errors.length)) throw new ValidationError({}, ["finance.import.hasErrors"]);
    const partners = await tx.partner.findMany({ where: { projectId }, select: { id: true, name: true } });
    const byName = new Map(partners.map((p) => [p.name.trim().toLowerCase(), p.id]));
    for (const values of rows) {
      const data = expenseValues(ExpenseSchema.parse(rowInput(values, values.partner ? (byName.get(values.partner.toLowerCase()) ?? null) : null)));
      const created = await tx.expense.create({ data: { ...data, projectId }, select: { id: true } });
      await recordAudit(tx, { userId, projectId, action: "create", entity: "Expense", entityId: created.id, fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== null), note: "import" });
    }
    await recordAudit(tx, { userId, projectId, action: "import", entity: "Expense", note: `rows=${rows.length}` });
    return { imported: rows.length };
  });
}
