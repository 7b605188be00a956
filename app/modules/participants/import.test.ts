import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ImportFileError, parseParticipantFile } from "./import-parser";
import { buildPreview, fileErrorMessage, warningText } from "./import-preview.server";
import { applyImport, ImportConflictError, importParticipantFile, planFingerprint, planImport, summaryLine } from "./import.server";
import { bytes, completeRow, contractCsv, createTestProject, createTestUser } from "./io-test-helpers";

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

let project: Awaited<ReturnType<typeof createTestProject>>;
let actorId: string;

beforeEach(async () => {
  project = await createTestProject({ areas: ["Forster Innenstadt", "Forst Nord"] });
  actorId = (await createTestUser({ role: "coordinator", projectId: project.id })).id;
});

async function runImport(text: string | Uint8Array, options: { strict?: boolean; fileName?: string } = {}) {
  const data = typeof text === "string" ? bytes(text) : text;
  return importParticipantFile(project.id, data, options.fileName ?? "teilnehmende.csv", actorId, { strict: options.strict });
}

const participantCount = () => db.participant.count({ where: { projectId: project.id } });
const auditCount = () => db.auditEvent.count({ where: { projectId: project.id } });

describe("import: formats", () => {
  it("reads a German Excel CSV: BOM, `;`, German headers, TT.MM.JJJJ, German codes and an area", async () => {
    const text =
      "\uFEFFTeilnehmenden-Nr;Vorname;Nachname;Geburtsdatum;Geschlecht;PLZ;Programmgebiet;Eintrittsdatum;Erwerbsstatus;" +
      "langzeitarbeitslos;Bildungsniveau;Behinderung;Minderheit;Austrittsdatum;Verbleib\r\n" +
      "TN-0001;Anna;Müller;03.04.1985;W;03149;forster innenstadt;01.02.2020;Arbeitslos;ja;isced_3_4;nein;keine Angabe;30.06.2020;employed\r\n";

    const result = await runImport(text);

    expect(result.applied).toBe(true);
    expect(summaryLine(result.counts)).toBe("imported 1, updated 0, unchanged 0, incomplete 0, rejected 0");
    const participant = await db.participant.findFirstOrThrow({ where: { projectId: project.id }, include: { identity: true } });
    expect(participant).toMatchObject({
      participantNo: "TN-0001",
      areaId: project.areaIds["Forster Innenstadt"],
      gender: "female",
      employmentStatus: "unemployed",
      longTermUnemployed: true,
      educationLevel: "isced_3_4",
      disability: "no",
      minority: "no_answer",
      entryDate: d("2020-02-01"),
      exitDate: d("2020-06-30"),
      exitStatus: "employed",
      ageAtEntry: 34,
      isComplete: true,
      missingFields: "",
      followUpDueDate: d("2020-12-30"),
    });
    expect(participant.identity).toMatchObject({
      firstName: "Anna",
      lastName: "Müller",
      birthDate: d("1985-04-03"),
      postcode: "03149",
      searchName: "müller anna",
      projectId: project.id,
    });
  });

  it("reads a comma CSV with quoted delimiters and newlines, reporting the physical line of later rows", async () => {
    const text =
      "participant_no,first_name,last_name,postcode,gender\n" +
      '1,"Anna, Maria","Müller\nSchmidt",03149,w\n' +
      "2,Ben,Schulz,03149,x\n";
    const result = await runImport(text);
    expect(result.counts).toMatchObject({ imported: 1, rejected: 1, incomplete: 1 });
    expect(result.rejected[0]).toMatchObject({ line: 4, code: "invalid_code", field: "gender" });
    const identity = await db.participantIdentity.findFirstOrThrow({ where: { projectId: project.id } });
    expect(identity.firstName).toBe("Anna, Maria");
    expect(identity.lastName).toBe("Müller\nSchmidt");
  });

  it("reads an XLSX workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Teilnehmende");
    sheet.addRow(["participant_no", "first_name", "last_name", "birth_date", "gender", "postcode", "entry_date", "employment_status", "education_level"]);
    sheet.addRow(["X-1", "Jan", "Nowak", d("2001-12-31"), "m", 3149, "2021-03-15", "employed", "isced_5_8"]);
    const buffer = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await runImport(buffer, { fileName: "liste.xlsx" });
    expect(result.counts).toMatchObject({ imported: 1, rejected: 0, incomplete: 0 });
    const identity = await db.participantIdentity.findFirstOrThrow({ where: { projectId: project.id } });
    expect(identity.postcode).toBe("03149");
    expect(identity.birthDate).toEqual(d("2001-12-31"));
  });
});

describe("import: row rules", () => {
  it("rejects rule breakers with line and reason and still imports the other rows", async () => {
    const text = contractCsv([
      completeRow("1"),
      completeRow("2", { gender: "unbekannt" }),
      completeRow("3", { entry_date: "2020-05-01", exit_date: "2020-04-30" }),
      completeRow("4", { employment_status: "employed", long_term_unemployed: "yes" }),
      completeRow("5", { birth_date: "31.02.1990" }),
      completeRow("6", { postcode: "3149" }),
      completeRow("7", { first_name: "" }),
      completeRow("8"),
    ]);
    const result = await runImport(text);
    expect(result.counts).toMatchObject({ imported: 2, updated: 0, unchanged: 0, rejected: 6, total: 8 });
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [3, "invalid_code"],
      [4, "exit_before_entry"],
      [5, "long_term_not_unemployed"],
      [6, "invalid_date"],
      [7, "invalid_postcode"],
      [8, "missing_required"],
    ]);
    expect(result.rejected[1].message).toBe("line 4: exit_date 2020-04-30 is before entry_date 2020-05-01");
    const numbers = (await db.participant.findMany({ where: { projectId: project.id }, select: { participantNo: true } })).map((p) => p.participantNo);
    expect(numbers.sort()).toEqual(["1", "8"]);
  });

  it("rejects over-long keys and control characters instead of failing in the database", async () => {
    const result = await runImport(
      contractCsv([completeRow("1", { first_name: "A".repeat(101) }), completeRow("2", { last_name: "Null\u0000Byte" }), completeRow("3")]),
    );
    expect(result.rejected.map((r) => [r.line, r.code, r.field])).toEqual([
      [2, "too_long", "first_name"],
      [3, "invalid_text", "last_name"],
    ]);
    expect(result.counts.imported).toBe(1);
  });

  it("never repeats a special-category value in a rejection", async () => {
    const result = await runImport(contractCsv([completeRow("1", { disability: "vielleicht-geheim" })]));
    expect(result.rejected[0]).toMatchObject({ line: 2, code: "invalid_code", field: "disability" });
    expect(JSON.stringify(result.rejected)).not.toContain("vielleicht-geheim");
  });

  it("keeps incomplete rows, counts them and stores what is missing", async () => {
    const result = await runImport(
      contractCsv([completeRow("1"), completeRow("2", { education_level: "" }), completeRow("3", { birth_date: "", gender: "" })]),
    );
    expect(summaryLine(result.counts)).toBe("imported 3, updated 0, unchanged 0, incomplete 2, rejected 0");
    const rows = await db.participant.findMany({ where: { projectId: project.id }, orderBy: { participantNo: "asc" } });
    expect(rows.map((r) => [r.participantNo, r.isComplete, r.missingFields, r.ageAtEntry])).toEqual([
      ["1", true, "", 34],
      ["2", false, "education_level", 34],
      ["3", false, "gender,birth_date", null],
    ]);
  });

  it("rejects duplicates within the file: the same number twice and the same person under two numbers", async () => {
    const result = await runImport(
      contractCsv([
        completeRow("1", { first_name: "Anna", last_name: "Müller" }),
        completeRow("1", { first_name: "Berta" }),
        completeRow("2", { first_name: " anna ", last_name: "MÜLLER" }),
      ]),
    );
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [3, "duplicate_number_in_file"],
      [4, "duplicate_person_in_file"],
    ]);
    expect(await participantCount()).toBe(1);
  });

  it("rejects a person already registered in the project under another number, naming that number", async () => {
    await runImport(contractCsv([completeRow("TN-0007", { first_name: "Anna", last_name: "Müller", postcode: "03149" })]));
    const result = await runImport(contractCsv([completeRow("TN-0099", { first_name: "ANNA", last_name: " müller", postcode: "03149" })]));
    expect(result.counts).toMatchObject({ imported: 0, rejected: 1 });
    expect(result.rejected[0]).toMatchObject({ line: 2, code: "duplicate_person_in_project", existingNo: "TN-0007" });
    expect(result.rejected[0].message).toContain("TN-0007");
    expect(await participantCount()).toBe(1);
  });

  it("allows the same person and number in another project", async () => {
    const other = await createTestProject();
    const text = contractCsv([completeRow("1", { first_name: "Anna", last_name: "Müller" })]);
    await importParticipantFile(other.id, bytes(text), "a.csv", actorId);
    const result = await runImport(text);
    expect(result.counts).toMatchObject({ imported: 1, rejected: 0 });
  });

  it("rejects a programme area that is not one of the project's areas", async () => {
    const other = await createTestProject({ areas: ["Leipziger Osten"] });
    expect(other.areaIds["Leipziger Osten"]).toBeTruthy();
    const result = await runImport(
      contractCsv([completeRow("1", { programme_area: "Leipziger Osten" }), completeRow("2", { programme_area: " FORST NORD " })]),
    );
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: 2, code: "unknown_area", field: "programme_area", value: "Leipziger Osten" }),
    ]);
    const imported = await db.participant.findFirstOrThrow({ where: { projectId: project.id } });
    expect(imported.areaId).toBe(project.areaIds["Forst Nord"]);
  });
});

describe("import: upsert", () => {
  const file = contractCsv([
    completeRow("1", { programme_area: "Forst Nord" }),
    completeRow("2", { education_level: "" }),
    completeRow("3", { exit_date: "2020-08-31", exit_status: "job_searching" }),
  ]);

  it("re-importing the same file changes nothing: all unchanged, no participant or audit row written but the import entry", async () => {
    await runImport(file);
    const before = await db.participant.findMany({ where: { projectId: project.id }, orderBy: { participantNo: "asc" } });
    const auditBefore = await auditCount();

    const again = await runImport(file);

    expect(summaryLine(again.counts)).toBe("imported 0, updated 0, unchanged 3, incomplete 1, rejected 0");
    const after = await db.participant.findMany({ where: { projectId: project.id }, orderBy: { participantNo: "asc" } });
    expect(after).toEqual(before);
    expect(await auditCount()).toBe(auditBefore + 1);
    const last = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id }, orderBy: { at: "desc" } });
    expect(last).toMatchObject({ action: "import", entity: "Participant" });
    expect(last.note).toContain("imported 0, updated 0, unchanged 3, incomplete 1, rejected 0");
  });

  it("updates a changed row (upsert by participant_no), bumps its version and audits the changed field names only", async () => {
    await runImport(file);
    const changed = contractCsv([
      completeRow("1", { programme_area: "Forst Nord", last_name: "Neumann", minority: "yes" }),
      completeRow("2", { education_level: "isced_0_2" }),
      completeRow("3", { exit_date: "2020-08-31", exit_status: "job_searching" }),
    ]);
    const plan = await planImport(project.id, await parseParticipantFile(bytes(changed), "x.csv"));
    expect(plan.rows.map((r) => [r.participantNo, r.kind])).toEqual([
      ["1", "update"],
      ["2", "update"],
      ["3", "unchanged"],
    ]);
    expect(plan.rows[0].kind === "update" && plan.rows[0].changedFields).toEqual(["minority", "lastName"]);

    const result = await applyImport(project.id, plan, actorId);

    expect(summaryLine(result.counts)).toBe("imported 0, updated 2, unchanged 1, incomplete 0, rejected 0");
    const one = await db.participant.findFirstOrThrow({ where: { projectId: project.id, participantNo: "1" }, include: { identity: true } });
    expect(one.version).toBe(2);
    expect(one.minority).toBe("yes");
    expect(one.identity).toMatchObject({ lastName: "Neumann", searchName: "neumann vorname1" });
    const two = await db.participant.findFirstOrThrow({ where: { projectId: project.id, participantNo: "2" } });
    expect(two).toMatchObject({ isComplete: true, missingFields: "", educationLevel: "isced_0_2" });
    const updates = await db.auditEvent.findMany({ where: { projectId: project.id, action: "update" }, orderBy: { entityId: "asc" } });
    expect(updates.map((u) => JSON.parse(u.fields)).sort()).toEqual([["educationLevel"], ["minority", "lastName"]].sort());
    const allAudit = JSON.stringify(await db.auditEvent.findMany({ where: { projectId: project.id } }));
    expect(allAudit).not.toContain("Neumann");
    expect(allAudit).not.toContain("isced");
    expect(allAudit).not.toMatch(/"yes"|no_answer/);
  });

  it("keeps stored values for empty cells (an empty cell is 'not given')", async () => {
    await runImport(file);
    const sparse = "participant_no;first_name;last_name;postcode\n3;Vorname3;Nachname3;03149\n";
    const result = await runImport(sparse);
    expect(result.counts).toMatchObject({ unchanged: 1, updated: 0 });
    const three = await db.participant.findFirstOrThrow({ where: { projectId: project.id, participantNo: "3" } });
    expect(three).toMatchObject({ exitStatus: "job_searching", educationLevel: "isced_3_4", isComplete: true });
  });

  it("rejects an update whose exit date would fall before the stored entry date", async () => {
    await runImport(file);
    const result = await runImport("participant_no,first_name,last_name,postcode,exit_date\n1,Vorname1,Nachname1,03149,2019-12-31\n");
    expect(result.rejected[0]).toMatchObject({ line: 2, code: "exit_before_entry" });
  });

  it("strict mode writes nothing when any row is rejected", async () => {
    const result = await runImport(contractCsv([completeRow("1"), completeRow("2", { entry_date: "2020-13-01" })]), { strict: true });
    expect(result.applied).toBe(false);
    expect(result.counts).toMatchObject({ imported: 0, rejected: 1 });
    expect(await participantCount()).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it("strict mode imports a clean file", async () => {
    const result = await runImport(file, { strict: true });
    expect(result).toMatchObject({ applied: true, counts: { imported: 3 } });
  });

  it("a plan made stale by an edit in between writes nothing (conflict)", async () => {
    await runImport(file);
    const changed = contractCsv([completeRow("1", { last_name: "Neu" }), completeRow("4")]);
    const plan = await planImport(project.id, await parseParticipantFile(bytes(changed), "x.csv"));
    await db.participant.updateMany({ where: { projectId: project.id, participantNo: "1" }, data: { version: { increment: 1 } } });
    const auditBefore = await auditCount();

    await expect(applyImport(project.id, plan, actorId)).rejects.toBeInstanceOf(ImportConflictError);

    expect(await participantCount()).toBe(3);
    expect(await auditCount()).toBe(auditBefore);
    const one = await db.participantIdentity.findFirstOrThrow({ where: { projectId: project.id, participant: { participantNo: "1" } } });
    expect(one.lastName).toBe("Nachname1");
  });

  it("a number registered by someone else after planning writes nothing (conflict)", async () => {
    const plan = await planImport(project.id, await parseParticipantFile(bytes(contractCsv([completeRow("1"), completeRow("2")])), "x.csv"));
    await db.participant.create({ data: { projectId: project.id, participantNo: "2", updatedAt: new Date() } });
    await expect(applyImport(project.id, plan, actorId)).rejects.toBeInstanceOf(ImportConflictError);
    expect(await participantCount()).toBe(1);
    expect(await auditCount()).toBe(0);
  });

  it("writes one create audit entry per new participant with field names only", async () => {
    await runImport(contractCsv([completeRow("1", { first_name: "Zora", disability: "yes" })]));
    const created = await db.auditEvent.findMany({ where: { projectId: project.id, action: "create" } });
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0].fields)).toEqual(expect.arrayContaining(["participantNo", "firstName", "disability", "entryDate"]));
    expect(created[0].userId).toBe(actorId);
    expect(JSON.stringify(created)).not.toContain("Zora");
  });
});

describe("import preview texts", () => {
  it("gives every rejection a German reason with its line, never a special-category value", async () => {
    await runImport(contractCsv([completeRow("TN-7", { first_name: "Anna", last_name: "Berg" })]));
    const text = contractCsv([
      completeRow("1", { first_name: "Cora", last_name: "Dahl" }),
      completeRow("1", { first_name: "Emil" }),
      completeRow("2", { first_name: "cora", last_name: "DAHL" }),
      completeRow("3", { first_name: "Anna", last_name: "Berg" }),
      completeRow("4", { minority: "geheimwert" }),
      completeRow("5", { programme_area: "Atlantis" }),
      completeRow("6", { education_level: "" }),
    ]);
    const plan = await planImport(project.id, await parseParticipantFile(bytes(text), "x.csv"));
    const preview = buildPreview(plan, "x.csv", "de");
    expect(preview.rejected).toEqual([
      { line: 3, reason: "Die Teilnehmenden-Nr. 1 steht bereits in Zeile 2." },
      { line: 4, reason: "Dieselbe Person (Vorname, Nachname, PLZ) steht bereits in Zeile 2 unter der Nr. 1." },
      { line: 5, reason: "Diese Person (Vorname, Nachname, PLZ) ist im Projekt bereits unter der Nr. TN-7 erfasst." },
      { line: 6, reason: "„Minderheit“: Der Wert ist nicht zulässig (ja, nein oder keine Angabe)." },
      { line: 7, reason: "„Atlantis“ ist kein Programmgebiet dieses Projekts." },
    ]);
    expect(preview.creates.map((r) => [r.line, r.participantNo, r.name])).toEqual([
      [2, "1", "Dahl, Cora"],
      [8, "6", "Nachname6, Vorname6"],
    ]);
    expect(preview.incomplete).toEqual([{ line: 8, participantNo: "6", name: "Nachname6, Vorname6", fields: ["Bildungsniveau"] }]);
    expect(JSON.stringify(preview)).not.toContain("geheimwert");
    expect(preview.fingerprint).toBe(planFingerprint(plan));
    expect(buildPreview(plan, "x.csv", "en").rejected[4].reason).toBe('"Atlantis" is not a programme area of this project.');
  });

  it("translates file errors and warnings", async () => {
    const error = await parseParticipantFile(bytes("Vorname;Geschlecht\nA;w\n"), "x.csv").catch((e: unknown) => e);
    expect(fileErrorMessage(error as ImportFileError, "de")).toBe("Es fehlen Pflichtspalten: Teilnehmenden-Nr, Nachname, PLZ.");
    const parsed = await parseParticipantFile(bytes("participant_no;first_name;last_name;postcode;Bemerkung\n1;A;B;03149;x\n"), "x.csv");
    expect(parsed.warnings.map((w) => warningText(w, "de"))).toEqual([
      "Unbekannte Spalten werden ignoriert: Bemerkung",
      "Diese Spalten fehlen in der Datei, daher ist jede Zeile unvollständig: Geburtsdatum, Geschlecht, Eintrittsdatum, Erwerbsstatus, Bildungsniveau",
    ]);
  });
});
