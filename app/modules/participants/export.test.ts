import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { parseDate } from "~/utils/format";
import { exportParticipants, listPseudonymousParticipants, type ExportScope } from "./export.server";
import { importParticipantFile } from "./import.server";
import { bytes, completeRow, contractCsv, createTestProject, createTestUser } from "./io-test-helpers";
import { parseListQuery } from "./schema";

const PEOPLE = [
  { no: "TN-0001", first: "Wiebke", last: "Zarnikow", birth: "1983-09-17" },
  { no: "TN-0002", first: "Ottokar", last: "Quandtberg", birth: "1971-02-28" },
  { no: "TN-0003", first: "Henrike", last: "Yblewski", birth: "1999-12-01" },
];
const ACCOUNTANT: ExportScope = { identity: false, sensitive: false };
const LEAD: ExportScope = { identity: true, sensitive: true };

let project: Awaited<ReturnType<typeof createTestProject>>;
let actorId: string;

beforeAll(async () => {
  project = await createTestProject({ code: "EXP-TEST", areas: ["Forster Innenstadt"] });
  actorId = (await createTestUser({ role: "accountant", projectId: project.id })).id;
  const csv = contractCsv(
    PEOPLE.map((p, i) =>
      completeRow(p.no, {
        first_name: p.first,
        last_name: p.last,
        birth_date: p.birth,
        programme_area: "Forster Innenstadt",
        disability: i === 0 ? "yes" : "no",
        minority: i === 1 ? "yes" : "no_answer",
        education_level: i === 2 ? "" : "isced_3_4",
        exit_date: i === 1 ? "2020-06-30" : "",
        exit_status: i === 1 ? "employed" : "",
      }),
    ),
  );
  const result = await importParticipantFile(project.id, bytes(csv), "a.csv", actorId);
  expect(result.counts.imported).toBe(3);
  await db.participantIdentity.updateMany({
    where: { projectId: project.id, participant: { participantNo: "TN-0001" } },
    data: { street: '=HYPERLINK("http://evil.example","klick")', city: "Forst (Lausitz)", email: "wiebke.zarnikow@example.org", phone: "+49 3562 123456" },
  });
});

async function csvExport(scope: ExportScope, params = "", locale: "de" | "en" = "de") {
  const file = await exportParticipants({
    projectId: project.id,
    projectCode: project.code,
    query: parseListQuery(new URLSearchParams(params)),
    scope,
    format: "csv",
    locale,
    actorId,
  });
  const data = new Uint8Array(await new Response(file.body).arrayBuffer());
  return { file, data, text: new TextDecoder().decode(data) };
}

async function xlsxExport(scope: ExportScope) {
  const file = await exportParticipants({
    projectId: project.id,
    projectCode: project.code,
    query: parseListQuery(new URLSearchParams()),
    scope,
    format: "xlsx",
    locale: "de",
    actorId,
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await new Response(file.body).arrayBuffer()) as never);
  return { file, sheet: workbook.worksheets[0] };
}

const IDENTIFYING = PEOPLE.flatMap((p) => [p.first, p.last, p.birth, parseDate(p.birth)!.toISOString().slice(0, 10).split("-").reverse().join(".")]).concat([
  "wiebke.zarnikow@example.org",
  "3562",
  "HYPERLINK",
  "Forst (Lausitz)",
]);

describe("participant export for accountants and managers", () => {
  it("CSV carries numbers and characteristics only: no name, contact, birth date or special-category column or value", async () => {
    const { text, data, file } = await csvExport(ACCOUNTANT);
    expect(file.fileName).toMatch(/^Teilnehmende-EXP-TEST-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header.split(";")).toEqual([
      "Teilnehmenden-Nr", "Geschlecht", "Programmgebiet", "Eintrittsdatum", "Erwerbsstatus", "langzeitarbeitslos", "Bildungsniveau",
      "Drittstaatsangehörig", "ausländische Herkunft", "obdachlos", "ländlich", "Austrittsdatum", "Verbleib", "Qualifikation erlangt",
      "Beschäftigungsfähigkeit verbessert", "Status nach 6 Monaten", "Situation verbessert nach 6 Monaten", "Alter bei Eintritt",
      "vollständig", "fehlende Angaben",
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe("TN-0001;female;Forster Innenstadt;01.02.2020;unemployed;no;isced_3_4;no;no;no;no;;;;;;;36;yes;");
    const raw = Buffer.from(data).toString("latin1") + Buffer.from(data).toString("utf8");
    for (const value of IDENTIFYING) expect(raw).not.toContain(value);
  });

  it("XLSX carries no identity either, dates as real dates", async () => {
    const { sheet } = await xlsxExport(ACCOUNTANT);
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value instanceof Date ? cell.value.toISOString() : cell.value))));
    const all = cells.join("\n");
    for (const value of IDENTIFYING) expect(all).not.toContain(value);
    expect(sheet.getRow(1).getCell(1).value).toBe("Teilnehmenden-Nr");
    expect(sheet.getRow(2).getCell(1).value).toBe("TN-0001");
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date("2020-02-01T00:00:00Z"));
    expect(sheet.rowCount).toBe(4);
  });

  it("searches participant numbers only: a name search finds nothing without identity access", async () => {
    expect((await csvExport(ACCOUNTANT, "q=Zarnikow")).file.rows).toBe(0);
    expect((await csvExport(LEAD, "q=Zarnikow")).file.rows).toBe(1);
    expect((await csvExport(ACCOUNTANT, "q=tn-0002")).file.rows).toBe(1);
    const list = await listPseudonymousParticipants(project.id, parseListQuery(new URLSearchParams("q=Zarnikow")));
    expect(list.total).toBe(0);
  });

  it("honours the list filters (completeness, status, entry period)", async () => {
    expect((await csvExport(ACCOUNTANT, "completeness=incomplete")).text).toContain("TN-0003");
    expect((await csvExport(ACCOUNTANT, "completeness=incomplete")).file.rows).toBe(1);
    expect((await csvExport(ACCOUNTANT, "status=left")).file.rows).toBe(1);
    expect((await csvExport(ACCOUNTANT, "entryFrom=2020-02-02")).file.rows).toBe(0);
    expect((await csvExport(ACCOUNTANT, "entryFrom=01.02.2020&entryTo=2020-02-01")).file.rows).toBe(3);
  });

  it("writes an export audit event naming the columns, and no read_sensitive event", async () => {
    const before = await db.auditEvent.count({ where: { projectId: project.id, action: "read_sensitive" } });
    await csvExport(ACCOUNTANT);
    const last = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "export" }, orderBy: { at: "desc" } });
    expect(last.userId).toBe(actorId);
    expect(JSON.parse(last.fields)).not.toContain("first_name");
    expect(last.note).toContain("pseudonymous");
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "read_sensitive" } })).toBe(before);
  });

  it("the pseudonymous list page data holds no identity", async () => {
    const list = await listPseudonymousParticipants(project.id, parseListQuery(new URLSearchParams()));
    expect(list.total).toBe(3);
    const text = JSON.stringify(list);
    for (const value of IDENTIFYING) expect(text).not.toContain(value);
    expect(list.rows[0]).not.toHaveProperty("disability");
    expect(list.rows[0]).not.toHaveProperty("minority");
  });
});

describe("participant export for lead and coordinator", () => {
  it("includes identity and special-category columns in import format and audits the sensitive read", async () => {
    const before = await db.auditEvent.count({ where: { projectId: project.id, action: "read_sensitive" } });
    const { text } = await csvExport(LEAD);
    const [header, first] = text.replace(/^\uFEFF/, "").split("\r\n");
    const columns = header.split(";");
    expect(columns.slice(0, 6)).toEqual(["Teilnehmenden-Nr", "Vorname", "Nachname", "Geburtsdatum", "Geschlecht", "PLZ"]);
    expect(columns).toEqual(expect.arrayContaining(["Behinderung", "Minderheit", "Straße", "E-Mail", "Telefon"]));
    const cells = first.split(";");
    expect(cells.slice(0, 6)).toEqual(["TN-0001", "Wiebke", "Zarnikow", "17.09.1983", "female", "03149"]);
    expect(cells[columns.indexOf("Behinderung")]).toBe("yes");
    // Formula injection: cells starting with = + - @ are neutralised with a leading apostrophe.
    expect(cells[columns.indexOf("Straße")]).toBe(`"'=HYPERLINK(""http://evil.example"",""klick"")"`);
    expect(cells[columns.indexOf("Telefon")]).toBe("'+49 3562 123456");
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "read_sensitive" } })).toBe(before + 1);
  });

  it("XLSX: formula-like text is guarded like in CSV, dates and numbers stay typed", async () => {
    const { sheet } = await xlsxExport(LEAD);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const first = sheet.getRow(2);
    expect(first.getCell(header.indexOf("Straße") + 1).value).toBe(`'=HYPERLINK("http://evil.example","klick")`);
    expect(first.getCell(header.indexOf("Telefon") + 1).value).toBe("'+49 3562 123456");
    expect(first.getCell(header.indexOf("Geburtsdatum") + 1).value).toBeInstanceOf(Date);
    expect(typeof first.getCell(header.indexOf("Alter bei Eintritt") + 1).value).toBe("number");
  });

  it("English export: contract column names, `,` and ISO dates — a file the import reads back unchanged", async () => {
    const { text } = await csvExport({ identity: true, sensitive: true }, "", "en");
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0].startsWith("participant_no,first_name,last_name,birth_date,gender,postcode")).toBe(true);
    expect(text).toContain("TN-0001,Wiebke,Zarnikow,1983-09-17,female,03149");
    const again = await importParticipantFile(project.id, bytes(text), "export.csv", actorId);
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejected: 0 });
  });
});
