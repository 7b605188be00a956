import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  ImportFileError,
  parseParticipantCsv,
  parseParticipantFile,
  type ParsedParticipantRow,
  type ParseResult,
} from "./import-parser";

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const bytes = (text: string) => new TextEncoder().encode(text);

const EN_HEADER =
  "participant_no,first_name,last_name,birth_date,gender,postcode,programme_area,entry_date,employment_status," +
  "long_term_unemployed,education_level,disability,third_country_national,foreign_background,minority,homeless," +
  "rural_area,exit_date,exit_status,qualification_gained,employability_improved,status_6_months," +
  "situation_improved_6_months";

/** A minimal valid CSV (`;`): the four required columns plus the starred ones. */
const SHORT_HEADER = "participant_no;first_name;last_name;birth_date;gender;postcode;entry_date;employment_status;education_level";
const shortRow = (no: string, first: string, last: string, postcode = "03149") =>
  `${no};${first};${last};1990-01-01;female;${postcode};2020-02-01;unemployed;isced_3_4`;

function expectFileError(run: () => unknown, code: ImportFileError["code"], details?: string[]) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe(code);
    if (details) expect((error as ImportFileError).details).toEqual(details);
    return;
  }
  throw new Error(`expected ImportFileError ${code}`);
}

async function expectAsyncFileError(run: Promise<unknown>, code: ImportFileError["code"]) {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  expect((error as ImportFileError).code).toBe(code);
}

const lines = (result: ParseResult) => result.rows.map((r) => r.line);
const issues = (result: ParseResult) => result.rejected.map((i) => [i.line, i.code, i.field]);

describe("parseParticipantCsv: format", () => {
  it("reads a German semicolon file with BOM, German headers, codes with spaces and DD.MM.YYYY dates", () => {
    const text =
      "\uFEFFTeilnehmenden-Nr;Vorname;Nachname;Geburtsdatum;Geschlecht;PLZ;Programmgebiet;Eintrittsdatum;" +
      "Erwerbsstatus;langzeitarbeitslos;Bildungsniveau;Behinderung;Drittstaatsangehörig;ausländische Herkunft;" +
      "Minderheit;obdachlos;ländlich;Austrittsdatum;Verbleib;Qualifikation erlangt;" +
      "Beschäftigungsfähigkeit verbessert;Status nach 6 Monaten;Situation verbessert nach 6 Monaten\r\n" +
      "TN-0001; Anna ;Müller;03.04.1985; W ;03149; Forst Nord ;1.2.2020;Arbeitslos;Ja;ISCED_3_4;nein;" +
      "keine Angabe;1;0;NEIN;no_answer;30.06.2020;Employed;ja;0;self_employed;Unknown\r\n";

    const result = parseParticipantCsv(text);

    expect(result).toEqual({
      rows: [
        {
          line: 2,
          participantNo: "TN-0001",
          identity: { firstName: "Anna", lastName: "Müller", birthDate: d("1985-04-03"), postcode: "03149" },
          areaName: "Forst Nord",
          record: {
            gender: "female",
            employmentStatus: "unemployed",
            longTermUnemployed: true,
            educationLevel: "isced_3_4",
            entryDate: d("2020-02-01"),
            disability: "no",
            thirdCountryNational: "no_answer",
            foreignBackground: "yes",
            minority: "no",
            homeless: "no",
            ruralArea: "no_answer",
            exitDate: d("2020-06-30"),
            exitStatus: "employed",
            qualificationGained: true,
            employabilityImproved: false,
            status6Months: "self_employed",
            situationImproved6Months: "unknown",
          },
          missing: [],
        } satisfies ParsedParticipantRow,
      ],
      rejected: [],
      warnings: [],
      totalDataRows: 1,
    });
  });

  it("reads a comma file with mixed-case English headers and ISO dates", () => {
    const text =
      " Participant_No ,FIRST_NAME,Last_Name,Birth_Date,Gender,PostCode,Entry_Date,Employment_Status,Education_Level\n" +
      "7,Jan,Nowak,2001-12-31,m,10115,2021-03-15,EMPLOYED,isced_5_8\n" +
      "8,Mia,Schulz,2000-01-09,Diverse,10117,2021-03-16,nichterwerbstätig,isced_0_2\n";

    const result = parseParticipantCsv(text);

    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(lines(result)).toEqual([2, 3]);
    expect(result.rows[0].participantNo).toBe("7");
    expect(result.rows[0].identity).toEqual({
      firstName: "Jan",
      lastName: "Nowak",
      birthDate: d("2001-12-31"),
      postcode: "10115",
    });
    expect(result.rows[0].record.gender).toBe("male");
    expect(result.rows[0].record.employmentStatus).toBe("employed");
    expect(result.rows[0].record.longTermUnemployed).toBe(false);
    expect(result.rows[0].areaName).toBeNull();
    expect(result.rows[1].record.gender).toBe("diverse");
    expect(result.rows[1].record.employmentStatus).toBe("inactive");
    expect(result.rows[1].record.educationLevel).toBe("isced_0_2");
  });

  it("detects the delimiter from the header line even when data rows contain the other one", () => {
    const text = `${SHORT_HEADER}\n"TN,1";Anna;Müller, geb. Schmidt;1990-01-01;w;03149;2020-02-01;arbeitslos;isced_3_4\n`;
    const result = parseParticipantCsv(text);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].participantNo).toBe("TN,1");
    expect(result.rows[0].identity.lastName).toBe("Müller, geb. Schmidt");
  });

  it("keeps embedded delimiters and newlines in quoted fields and reports physical start lines", () => {
    const text = [
      "participant_no,first_name,last_name,postcode,programme_area",
      '1,"Anna, Maria",Müller,03149,"Forst',
      'Nord"',
      "",
      "2,Ben,Schmidt,03149,",
      '"3","Cem ""CJ""","Yılmaz',
      "",
      'Demir",03149,Süd',
      "   ",
      "4,Dana,Weber,0314,",
      "5,Emil,Fischer,03149,",
    ].join("\r\n");

    const result = parseParticipantCsv(text);

    expect(lines(result)).toEqual([2, 5, 6, 11]);
    expect(result.rows[0].identity.firstName).toBe("Anna, Maria");
    // Line breaks inside fields come back as \n whatever the file used.
    expect(result.rows[0].areaName).toBe("Forst\nNord");
    expect(result.rows[2].identity.firstName).toBe('Cem "CJ"');
    expect(result.rows[2].identity.lastName).toBe("Yılmaz\n\nDemir");
    expect(issues(result)).toEqual([[10, "invalid_postcode", "postcode"]]);
    expect(result.rejected[0].message).toBe('line 10: postcode "0314" is not exactly 5 digits');
    expect(result.totalDataRows).toBe(5);
  });

  it("counts lines correctly with mixed CRLF, LF and CR breaks and blank lines before the header", () => {
    const text = '\r\n\nparticipant_no;first_name;last_name;postcode\r\n1;"A\nB";C;12345\r2;D;E;12345\n\r\n3;F;G;1234\n';
    const result = parseParticipantCsv(text);
    expect(lines(result)).toEqual([4, 6]);
    expect(result.rows[0].identity.firstName).toBe("A\nB");
    expect(result.rows[1].identity.postcode).toBe("12345");
    expect(issues(result)).toEqual([[8, "invalid_postcode", "postcode"]]);
  });

  it("keeps line numbers exact deep into a large file with many quoted newlines", () => {
    const body: string[] = ["participant_no;first_name;last_name;postcode;programme_area"];
    for (let i = 1; i <= 3000; i++) body.push(`${i};Vor${i};Nach${i};12345;"Zeile 1\nZeile 2"`);
    body.push("3001;Last;Person;1234;");
    const result = parseParticipantCsv(body.join("\n"));
    expect(result.rows).toHaveLength(3000);
    expect(result.rows[2999].line).toBe(2 + 2999 * 2);
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: 2 + 3000 * 2, code: "invalid_postcode" }),
    ]);
  });

  it("warns about unknown columns and ignores them", () => {
    const text = "participant_no;first_name;last_name;postcode;Bemerkung;Telefon\n1;Anna;Müller;03149;x;y\n";
    const result = parseParticipantCsv(text);
    expect(result.warnings).toEqual([
      "unknown columns ignored: Bemerkung, Telefon",
      "columns not in the file, every row will be incomplete: birth_date, gender, entry_date, employment_status, education_level",
    ]);
    expect(result.rows).toHaveLength(1);
  });

  it("throws missing_columns listing every absent required column", () => {
    expectFileError(
      () => parseParticipantCsv("Vorname;Geburtsdatum;Geschlecht\nAnna;1990-01-01;w\n"),
      "missing_columns",
      ["participant_no", "last_name", "postcode"],
    );
  });

  it("throws no_header when the first row names no known column, empty_file for an empty file", () => {
    expectFileError(() => parseParticipantCsv("1;Anna;Müller;03149\n"), "no_header");
    expectFileError(() => parseParticipantCsv(""), "empty_file");
    expectFileError(() => parseParticipantCsv("\uFEFF\r\n  \r\n"), "empty_file");
    expectFileError(() => parseParticipantCsv(";;;\n"), "empty_file");
  });

  it("returns no rows for a header-only file", () => {
    expect(parseParticipantCsv(`${SHORT_HEADER}\n`)).toEqual({ rows: [], rejected: [], warnings: [], totalDataRows: 0 });
  });

  it("throws unreadable for a quoted field that is never closed", () => {
    expectFileError(
      () => parseParticipantCsv(`${SHORT_HEADER}\n${shortRow("1", "A", "B")}\n2;"Ben;X;1990-01-01;m;03149;;;\n`),
      "unreadable",
      ["line 3: a quoted field starts here and is never closed"],
    );
  });

  it("throws too_many_rows above maxRows, not at it", () => {
    const text = [SHORT_HEADER, shortRow("1", "A", "B"), "", shortRow("2", "C", "D")].join("\n");
    expect(parseParticipantCsv(text, { maxRows: 2 }).rows).toHaveLength(2);
    expectFileError(() => parseParticipantCsv(text, { maxRows: 1 }), "too_many_rows");
  });
});

describe("parseParticipantCsv: row rules", () => {
  const parseRows = (...rows: string[]) => parseParticipantCsv([SHORT_HEADER, ...rows].join("\n"));

  it("rejects unknown codes with line, field and value", () => {
    const result = parseRows(
      "1;Anna;A;1990-01-01;x;03149;2020-02-01;unemployed;isced_3_4",
      "2;Ben;B;1990-01-01;m;03149;2020-02-01;student;isced_3_4",
      "3;Cem;C;1990-01-01;m;03149;2020-02-01;employed;isced_9",
      "4;Dana;D;1990-01-01;d;03149;2020-02-01;employed;isced_5_8",
    );
    expect(result.rejected).toEqual([
      {
        line: 2,
        code: "invalid_code",
        field: "gender",
        value: "x",
        message: 'line 2: gender "x" is not a valid value (allowed: female, male, diverse)',
      },
      {
        line: 3,
        code: "invalid_code",
        field: "employment_status",
        value: "student",
        message: 'line 3: employment_status "student" is not a valid value (allowed: unemployed, inactive, employed)',
      },
      {
        line: 4,
        code: "invalid_code",
        field: "education_level",
        value: "isced_9",
        message: 'line 4: education_level "isced_9" is not a valid value (allowed: isced_0_2, isced_3_4, isced_5_8)',
      },
    ]);
    expect(lines(result)).toEqual([5]);
    expect(result.totalDataRows).toBe(4);
  });

  it("rejects impossible and malformed dates", () => {
    const result = parseRows(
      "1;Anna;A;31.02.2020;w;03149;2020-02-01;unemployed;isced_3_4",
      "2;Ben;B;1990-01-01;m;03149;2020-13-01;unemployed;isced_3_4",
      "3;Cem;C;01/02/1990;m;03149;2020-02-01;unemployed;isced_3_4",
      "4;Dana;D;29.02.2020;w;03149;2020-02-01;unemployed;isced_3_4",
    );
    expect(result.rejected).toEqual([
      {
        line: 2,
        code: "invalid_date",
        field: "birth_date",
        value: "31.02.2020",
        message: 'line 2: birth_date "31.02.2020" is not a valid date (use YYYY-MM-DD or DD.MM.YYYY)',
      },
      expect.objectContaining({ line: 3, code: "invalid_date", field: "entry_date", value: "2020-13-01" }),
      expect.objectContaining({ line: 4, code: "invalid_date", field: "birth_date", value: "01/02/1990" }),
    ]);
    expect(result.rows.map((r) => r.identity.birthDate)).toEqual([d("2020-02-29")]);
  });

  it("rejects an exit date before the entry date", () => {
    const text = `${SHORT_HEADER};exit_date\n${shortRow("1", "A", "B")};2020-01-31\n${shortRow("2", "C", "D")};01.02.2020\n`;
    const result = parseParticipantCsv(text);
    expect(result.rejected).toEqual([
      {
        line: 2,
        code: "exit_before_entry",
        field: "exit_date",
        value: "2020-01-31",
        message: "line 2: exit_date 2020-01-31 is before entry_date 2020-02-01",
      },
    ]);
    expect(result.rows[0].record.exitDate).toEqual(d("2020-02-01"));
  });

  it("rejects long-term unemployed for anyone not unemployed; empty long_term_unemployed is false", () => {
    const header = `${SHORT_HEADER};long_term_unemployed`;
    const result = parseParticipantCsv(
      [
        header,
        "1;Anna;A;1990-01-01;w;03149;2020-02-01;employed;isced_3_4;ja",
        "2;Ben;B;1990-01-01;m;03149;2020-02-01;;isced_3_4;yes",
        "3;Cem;C;1990-01-01;m;03149;2020-02-01;unemployed;isced_3_4;1",
        "4;Dana;D;1990-01-01;w;03149;2020-02-01;employed;isced_3_4;",
        "5;Emil;E;1990-01-01;m;03149;2020-02-01;employed;isced_3_4;nein",
      ].join("\n"),
    );
    expect(result.rejected).toEqual([
      {
        line: 2,
        code: "long_term_not_unemployed",
        field: "long_term_unemployed",
        value: "yes",
        message: "line 2: long_term_unemployed is yes but employment_status is employed (only allowed when unemployed)",
      },
      expect.objectContaining({ line: 3, code: "long_term_not_unemployed" }),
    ]);
    expect(result.rows.map((r) => [r.line, r.record.longTermUnemployed])).toEqual([
      [4, true],
      [5, false],
      [6, false],
    ]);
  });

  it("keeps a row missing starred values as incomplete, listing them in contract order", () => {
    const result = parseRows(
      "1;Anna;A;;w;03149;2020-02-01;unemployed;",
      "2;Ben;B;1990-01-01;;03149;;;isced_3_4",
    );
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.missing])).toEqual([
      [2, ["birth_date", "education_level"]],
      [3, ["gender", "entry_date", "employment_status"]],
    ]);
    expect(result.rows[0].identity.birthDate).toBeNull();
    expect(result.rows[0].record.educationLevel).toBeNull();
    expect(result.rows[1].record.gender).toBeNull();
  });

  it("rejects rows missing participant_no, names or postcode and postcodes that are not 5 digits", () => {
    const result = parseRows(
      shortRow("", "Anna", "A"),
      shortRow("2", " ", "B"),
      shortRow("3", "Cem", ""),
      shortRow("4", "Dana", "D", ""),
      shortRow("5", "Emil", "E", "1234"),
      shortRow("6", "Fay", "F", "D-03149"),
      shortRow("7", "Gus", "G", " 03149 "),
    );
    expect(result.rejected.map((i) => [i.line, i.code, i.field, i.message])).toEqual([
      [2, "missing_required", "participant_no", "line 2: participant_no is missing"],
      [3, "missing_required", "first_name", "line 3: first_name is missing"],
      [4, "missing_required", "last_name", "line 4: last_name is missing"],
      [5, "missing_required", "postcode", "line 5: postcode is missing"],
      [6, "invalid_postcode", "postcode", 'line 6: postcode "1234" is not exactly 5 digits'],
      [7, "invalid_postcode", "postcode", 'line 7: postcode "D-03149" is not exactly 5 digits'],
    ]);
    expect(result.rows.map((r) => [r.line, r.identity.postcode])).toEqual([[8, "03149"]]);
  });

  it("rejects a repeated participant_no and a probable duplicate person, naming the first line", () => {
    const result = parseRows(
      shortRow("TN-1", "Anna", "Müller"),
      shortRow("TN-2", "Ben", "Schmidt"),
      "",
      shortRow("TN-1", "Carla", "Weber"),
      shortRow("TN-3", " anna ", "MÜLLER"),
      shortRow("TN-4", "Anna", "Müller", "10115"),
      shortRow("TN-2", "Ben", "Schmidt"),
    );
    expect(result.rejected).toEqual([
      {
        line: 5,
        code: "duplicate_number_in_file",
        field: "participant_no",
        value: "TN-1",
        message: "line 5: participant_no TN-1 already appears on line 2",
      },
      {
        line: 6,
        code: "duplicate_person_in_file",
        message:
          "line 6: same first_name, last_name and postcode as line 2 (participant_no TN-1), probably the same person",
      },
      expect.objectContaining({ line: 8, code: "duplicate_number_in_file", message: expect.stringContaining("line 3") }),
    ]);
    expect(result.rows.map((r) => r.participantNo)).toEqual(["TN-1", "TN-2", "TN-4"]);
  });

  it("counts a rejected row as the first occurrence of its participant_no", () => {
    const result = parseRows(shortRow("TN-1", "Anna", "A", "1"), shortRow("TN-1", "Ben", "B"));
    expect(issues(result)).toEqual([
      [2, "invalid_postcode", "postcode"],
      [3, "duplicate_number_in_file", "participant_no"],
    ]);
  });

  it("accepts the yes/no spellings and refuses no_answer for boolean columns", () => {
    const header = "participant_no;first_name;last_name;postcode;qualification_gained;employability_improved;disability;minority";
    const result = parseParticipantCsv(
      [
        header,
        "1;A;A;03149;Ja;NEIN;Keine Angabe;1",
        "2;B;B;03149;1;0;;",
        "3;C;C;03149;no_answer;;;",
        "4;D;D;03149;;keine Angabe;;",
        "5;E;E;03149;;;vielleicht;",
        "6;F;F;03149;;;;unklar",
      ].join("\n"),
    );
    expect(result.rows.map((r) => [r.record.qualificationGained, r.record.employabilityImproved])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(result.rows.map((r) => [r.record.disability, r.record.minority])).toEqual([
      ["no_answer", "yes"],
      [null, null],
    ]);
    expect(issues(result)).toEqual([
      [4, "invalid_code", "qualification_gained"],
      [5, "invalid_code", "employability_improved"],
      [6, "invalid_code", "disability"],
      [7, "invalid_code", "minority"],
    ]);
    // Special-category columns: the cell content is not repeated in the issue.
    expect(result.rejected[2]).toEqual({
      line: 6,
      code: "invalid_code",
      field: "disability",
      message: "line 6: disability is not a valid value (allowed: yes, no, no_answer)",
    });
    expect(result.rejected[3].value).toBeUndefined();
  });
});

describe("parseParticipantFile", () => {
  it("decodes CSV bytes with a BOM, whatever the case of the extension", async () => {
    const data = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(`${SHORT_HEADER}\r\n${shortRow("1", "Jürgen", "Groß")}\r\n`)]);
    const result = await parseParticipantFile(data, "Teilnehmende.CSV");
    expect(result.rows.map((r) => [r.line, r.participantNo, r.identity.firstName, r.identity.lastName])).toEqual([
      [2, "1", "Jürgen", "Groß"],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("takes an export's formula guard off again ('= + - @), and leaves other apostrophes alone", async () => {
    const csv = `${SHORT_HEADER}\r\n${shortRow("1", "'+Anna", "'=Groß")}\r\n${shortRow("2", "'t Hooft", "O'Neill")}\r\n`;
    const result = await parseParticipantFile(bytes(csv), "export.csv");
    expect(result.rows.map((r) => [r.identity.firstName, r.identity.lastName])).toEqual([
      ["+Anna", "=Groß"],
      ["'t Hooft", "O'Neill"],
    ]);
  });

  it("throws unsupported_type for other extensions and non-workbook .xlsx files", async () => {
    const csv = bytes(`${SHORT_HEADER}\n`);
    await expectAsyncFileError(parseParticipantFile(csv, "teilnehmende.txt"), "unsupported_type");
    await expectAsyncFileError(parseParticipantFile(csv, "teilnehmende"), "unsupported_type");
    await expectAsyncFileError(parseParticipantFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), "alt.xls"), "unsupported_type");
    await expectAsyncFileError(parseParticipantFile(csv, "teilnehmende.xlsx"), "unsupported_type");
  });

  it("throws unreadable for text that is not UTF-8 and for a broken zip, empty_file for no bytes", async () => {
    const latin1 = new Uint8Array([...bytes("participant_no;first_name;last_name;postcode\n1;J"), 0xfc, ...bytes("rgen;X;03149\n")]);
    await expectAsyncFileError(parseParticipantFile(latin1, "a.csv"), "unreadable");
    await expectAsyncFileError(parseParticipantFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "a.xlsx"), "unreadable");
    await expectAsyncFileError(parseParticipantFile(new Uint8Array(), "a.csv"), "empty_file");
  });
});

describe("parseParticipantFile: XLSX", () => {
  async function workbook(build: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    build(book.addWorksheet("Teilnehmende"), book);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it("reads date cells, string dates, numbers, rich text and formula results from the first sheet", async () => {
    const data = await workbook((sheet, book) => {
      sheet.addRow(["Teilnehmenden-Nr", "Vorname", "Nachname", "Geburtsdatum", "Geschlecht", "PLZ", "Eintrittsdatum",
        "Erwerbsstatus", "Bildungsniveau", "Austrittsdatum", "Qualifikation erlangt"]);
      sheet.addRow([101, "Anna", "Müller", new Date(Date.UTC(1985, 3, 3)), "W", 3149, "01.02.2020", "arbeitslos",
        "isced_3_4", new Date(Date.UTC(2020, 5, 30)), true]);
      sheet.addRow([]);
      sheet.addRow([
        { formula: '"TN-"&"102"', result: "TN-102" },
        { richText: [{ text: "Be", font: { bold: true } }, { text: "n" }] },
        "Schmidt",
        "1990-12-24",
        "m",
        "10115",
        // a millisecond before midnight: floating-point noise in a serial, read as 1 Feb
        new Date(Date.UTC(2020, 1, 1) - 0.4),
        "employed",
        "isced_5_8",
        null,
        false,
      ]);
      sheet.addRow([103, "Cem", "Yılmaz", new Date(Date.UTC(1990, 0, 1)), "m", "03149", "31.02.2020", "employed", "isced_5_8"]);
      book.addWorksheet("Notizen").addRow(["ignored"]);
    });

    const result = await parseParticipantFile(data, "Teilnehmende.XLSX");

    expect(result.warnings).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.participantNo, r.identity, r.record.entryDate, r.record.exitDate])).toEqual([
      [2, "101", { firstName: "Anna", lastName: "Müller", birthDate: d("1985-04-03"), postcode: "03149" }, d("2020-02-01"), d("2020-06-30")],
      [4, "TN-102", { firstName: "Ben", lastName: "Schmidt", birthDate: d("1990-12-24"), postcode: "10115" }, d("2020-02-01"), null],
    ]);
    expect(result.rows.map((r) => [r.record.gender, r.record.qualificationGained, r.missing])).toEqual([
      ["female", true, []],
      ["male", false, []],
    ]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: 5, code: "invalid_date", field: "entry_date", value: "31.02.2020" }),
    ]);
    expect(result.totalDataRows).toBe(3);
  });

  it("uses sheet row numbers when the table starts lower down, and applies the header checks", async () => {
    const data = await workbook((sheet) => {
      sheet.getCell("A3").value = "participant_no";
      sheet.getCell("B3").value = "first_name";
      sheet.getCell("C3").value = "last_name";
      sheet.getCell("D3").value = "postcode";
      sheet.getCell("E3").value = "Kommentar";
      sheet.getRow(6).values = ["1", "Anna", "Müller", "1234"];
      sheet.getRow(7).values = ["2", "Ben", "Schmidt", "03149"];
    });
    const result = await parseParticipantFile(data, "liste.xlsx");
    expect(result.warnings[0]).toBe("unknown columns ignored: Kommentar");
    expect(issues(result)).toEqual([[6, "invalid_postcode", "postcode"]]);
    expect(lines(result)).toEqual([7]);

    const noPostcode = await workbook((sheet) => sheet.addRow(["participant_no", "first_name", "last_name"]));
    await expectAsyncFileError(parseParticipantFile(noPostcode, "liste.xlsx"), "missing_columns");
    await expectAsyncFileError(parseParticipantFile(await workbook(() => {}), "leer.xlsx"), "empty_file");
  });

  it("throws too_many_rows for a workbook above maxRows", async () => {
    const data = await workbook((sheet) => {
      sheet.addRow(["participant_no", "first_name", "last_name", "postcode"]);
      for (let i = 1; i <= 3; i++) sheet.addRow([i, `V${i}`, `N${i}`, "03149"]);
    });
    expect((await parseParticipantFile(data, "a.xlsx", { maxRows: 3 })).rows).toHaveLength(3);
    await expectAsyncFileError(parseParticipantFile(data, "a.xlsx", { maxRows: 2 }), "too_many_rows");
  });
});
