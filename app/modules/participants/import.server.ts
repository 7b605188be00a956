// Participant import (data contract section 1): plans a parsed file against the project's current
// participants, then writes the plan in one transaction. Rows are keyed by participant_no: a new
// number creates, a known number updates the fields that differ, an identical row is left alone
// (re-importing a file writes nothing). Cell values are personal data: nothing here logs them, and
// audit entries carry field names only.
import { createHash, randomBytes } from "node:crypto";
import { db, type Db, type Tx } from "~/utils/db.server";
import { assertDatesOpen, closedPeriodOf, closedPeriods, type ClosedPeriod } from "~/modules/periods/lock.server";
import { deriveParticipantValues } from "./derive";
import {
  parseParticipantFile,
  type ImportIssue,
  type ImportIssueCode,
  type ParsedParticipantRow,
  type ParseResult,
} from "./import-parser";
import { insertRows, updateRows, type Column, type ColumnType, type Value } from "./bulk-write.server";
import { SPECIAL_CATEGORY_FIELDS } from "./codes";
import { searchNameFor } from "./schema";

// ---------------------------------------------------------------------------------------------
// Types

/** Parser codes plus the ones that need the project's data. */
export type PlanIssueCode = ImportIssueCode | "duplicate_person_in_project" | "anonymised" | "too_long" | "invalid_text" | "period_locked";

export interface PlanIssue {
  line: number;
  code: PlanIssueCode;
  /** Contract column name, e.g. "exit_date". */
  field?: string;
  /** The offending cell (never for special-category columns). */
  value?: string;
  /** duplicate_person_in_project: the participant number already holding that person. */
  existingNo?: string;
  /** period_locked: first and last day (YYYY-MM-DD) of the closed reporting period. */
  period?: { start: string; end: string };
  /** English, "line 7: …" (the CLI prints it as is). */
  message: string;
}

/** The record fields an import can set (Participant model names). */
export interface RecordValues {
  areaId: string | null;
  gender: ParsedParticipantRow["record"]["gender"];
  employmentStatus: ParsedParticipantRow["record"]["employmentStatus"];
  longTermUnemployed: boolean;
  educationLevel: ParsedParticipantRow["record"]["educationLevel"];
  entryDate: Date | null;
  disability: ParsedParticipantRow["record"]["disability"];
  thirdCountryNational: ParsedParticipantRow["record"]["thirdCountryNational"];
  foreignBackground: ParsedParticipantRow["record"]["foreignBackground"];
  minority: ParsedParticipantRow["record"]["minority"];
  homeless: ParsedParticipantRow["record"]["homeless"];
  ruralArea: ParsedParticipantRow["record"]["ruralArea"];
  exitDate: Date | null;
  exitStatus: ParsedParticipantRow["record"]["exitStatus"];
  qualificationGained: boolean | null;
  employabilityImproved: boolean | null;
  status6Months: ParsedParticipantRow["record"]["status6Months"];
  situationImproved6Months: ParsedParticipantRow["record"]["situationImproved6Months"];
}

/** The identity fields an import can set (ParticipantIdentity model names). */
export interface IdentityValues {
  firstName: string;
  lastName: string;
  birthDate: Date | null;
  postcode: string;
}

type Derived = ReturnType<typeof deriveParticipantValues>;

export interface PlannedCreate {
  kind: "create";
  line: number;
  participantNo: string;
  /** "Last, First" as in the file (for the preview, which only importers see). */
  displayName: string;
  record: RecordValues;
  identity: IdentityValues;
  derived: Derived;
  /** Contract names of missing mandatory values; [] = complete. */
  missing: string[];
}

export interface PlannedUpdate {
  kind: "update";
  line: number;
  participantNo: string;
  displayName: string;
  participantId: string;
  /** The version read when planning: the update only applies to exactly that version. */
  version: number;
  hasIdentity: boolean;
  /** The whole record after the update (stored values merged with the file's); written as a set. */
  record: RecordValues;
  /** The whole identity after the update. */
  identity: IdentityValues;
  /** Whether any identity field changes (then the identity is written too). */
  identityChanged: boolean;
  derived: Derived;
  /** Model field names that change (record and identity), for the audit entry and the preview. */
  changedFields: string[];
  missing: string[];
}

export interface PlannedUnchanged {
  kind: "unchanged";
  line: number;
  participantNo: string;
  displayName: string;
  participantId: string;
  missing: string[];
}

export type PlannedRow = PlannedCreate | PlannedUpdate | PlannedUnchanged;

export interface ImportCounts {
  /** Rows that create a participant. */
  imported: number;
  updated: number;
  unchanged: number;
  /** Rows (created, updated or unchanged) whose record stays incomplete; overlaps the three above. */
  incomplete: number;
  rejected: number;
  /** Non-empty data rows in the file. */
  total: number;
}

export interface ImportPlan {
  projectId: string;
  rows: PlannedRow[];
  rejected: PlanIssue[];
  /** File-level remarks from the parser (unknown columns …), English. */
  warnings: string[];
  counts: ImportCounts;
}

export interface ImportResult {
  /** false when nothing was written (strict mode with rejected rows). */
  applied: boolean;
  counts: ImportCounts;
  rejected: PlanIssue[];
  warnings: string[];
}

/** The project's data changed between planning and applying; nothing was written. */
export class ImportConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportConflictError";
  }
}

/** The project code or id does not exist. */
export class UnknownProjectError extends Error {
  constructor(reference: string) {
    super(`unknown project: ${reference}`);
    this.name = "UnknownProjectError";
  }
}

export { MAX_IMPORT_FILE_BYTES } from "./io-schema";

// ---------------------------------------------------------------------------------------------
// Planning

const RECORD_FIELDS = [
  "areaId",
  "gender",
  "employmentStatus",
  "longTermUnemployed",
  "educationLevel",
  "entryDate",
  "disability",
  "thirdCountryNational",
  "foreignBackground",
  "minority",
  "homeless",
  "ruralArea",
  "exitDate",
  "exitStatus",
  "qualificationGained",
  "employabilityImproved",
  "status6Months",
  "situationImproved6Months",
] as const satisfies readonly (keyof RecordValues)[];

const IDENTITY_FIELDS = ["firstName", "lastName", "birthDate", "postcode"] as const satisfies readonly (keyof IdentityValues)[];

/** Model field name → contract column name (for messages and the preview). */
export const CONTRACT_NAME: Record<(typeof RECORD_FIELDS)[number] | (typeof IDENTITY_FIELDS)[number], string> = {
  areaId: "programme_area",
  gender: "gender",
  employmentStatus: "employment_status",
  longTermUnemployed: "long_term_unemployed",
  educationLevel: "education_level",
  entryDate: "entry_date",
  disability: "disability",
  thirdCountryNational: "third_country_national",
  foreignBackground: "foreign_background",
  minority: "minority",
  homeless: "homeless",
  ruralArea: "rural_area",
  exitDate: "exit_date",
  exitStatus: "exit_status",
  qualificationGained: "qualification_gained",
  employabilityImproved: "employability_improved",
  status6Months: "status_6_months",
  situationImproved6Months: "situation_improved_6_months",
  firstName: "first_name",
  lastName: "last_name",
  birthDate: "birth_date",
  postcode: "postcode",
};

const EXISTING_SELECT = {
  id: true,
  participantNo: true,
  version: true,
  areaId: true,
  gender: true,
  employmentStatus: true,
  longTermUnemployed: true,
  educationLevel: true,
  entryDate: true,
  disability: true,
  thirdCountryNational: true,
  foreignBackground: true,
  minority: true,
  homeless: true,
  ruralArea: true,
  exitDate: true,
  exitStatus: true,
  qualificationGained: true,
  employabilityImproved: true,
  status6Months: true,
  situationImproved6Months: true,
  identity: { select: { firstName: true, lastName: true, birthDate: true, postcode: true, anonymisedAt: true } },
} as const;

/** Fields of the exit record: changing one of them is governed by the exit date. */
const EXIT_RECORD_FIELDS = ["exitDate", "exitStatus", "qualificationGained", "employabilityImproved", "status6Months", "situationImproved6Months"] as const;

/** A row error when one of the dates lies in a closed reporting period, else null. */
function lockedDateIssue(line: number, closed: ClosedPeriod[], dates: readonly (readonly ["entryDate" | "exitDate", Date | null])[]): PlanIssue | null {
  for (const [field, date] of dates) {
    const period = closedPeriodOf(closed, date);
    if (!period || !date) continue;
    const column = CONTRACT_NAME[field];
    const [start, end] = [isoDay(period.start), isoDay(period.end)];
    return {
      line,
      code: "period_locked",
      field: column,
      value: isoDay(date),
      period: { start, end },
      message: `line ${line}: ${column} ${isoDay(date)} lies in the closed reporting period ${start} to ${end}`,
    };
  }
  return null;
}

/** Same normalisation as the parser's in-file duplicate check: NFC, trimmed, single spaces, lower case. */
export function personKey(person: { firstName: string; lastName: string; postcode: string }): string {
  return [person.firstName, person.lastName, person.postcode]
    .map((v) => v.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase())
    .join("\u0000");
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? null) === (b ?? null);
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** ParticipantIdentity.searchName, exactly as the register writes it. */
const searchName = (identity: { firstName: string; lastName: string }) => searchNameFor(identity.firstName, identity.lastName);

/** Longest values the register accepts (the entry form's limits). */
const MAX_LENGTH = { participant_no: 40, first_name: 100, last_name: 100 } as const;
// why: NUL and other control characters cannot be stored in PostgreSQL text and mean nothing in a name;
// line breaks and tabs inside quoted cells are allowed by the contract.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Length and character checks of the free-text keys of a row; null when they pass. */
function checkText(line: number, row: ParsedParticipantRow): PlanIssue | null {
  const values = { participant_no: row.participantNo, first_name: row.identity.firstName, last_name: row.identity.lastName };
  for (const [field, value] of Object.entries(values) as [keyof typeof MAX_LENGTH, string][]) {
    if (value.length > MAX_LENGTH[field]) {
      return { line, code: "too_long", field, message: `line ${line}: ${field} is longer than ${MAX_LENGTH[field]} characters` };
    }
    if (CONTROL_CHARACTERS.test(value)) {
      return { line, code: "invalid_text", field, message: `line ${line}: ${field} contains control characters` };
    }
  }
  return null;
}

/**
 * Compares every parsed row with the project's participants (read once, compared in memory) and
 * decides create / update / unchanged / rejected. Empty cells mean "not given": they never clear a
 * stored value. Rejects rows whose programme_area is not one of the project's areas, rows naming a
 * person (first + last name + postcode) already registered under another number, and rows for
 * anonymised records. Writes nothing.
 */
export async function planImport(projectId: string, parsed: ParseResult, client: Db | Tx = db): Promise<ImportPlan> {
  const [areas, existing, closed] = await Promise.all([
    client.projectArea.findMany({ where: { projectId }, select: { area: { select: { id: true, name: true } } } }),
    client.participant.findMany({ where: { projectId }, select: EXISTING_SELECT }),
    closedPeriods(client, projectId),
  ]);
  const areaByName = new Map(areas.map(({ area }) => [area.name.normalize("NFC").trim().toLowerCase(), area.id]));
  const byNumber = new Map(existing.map((p) => [p.participantNo, p]));
  const numberByPerson = new Map<string, string>();
  for (const p of existing) {
    if (p.identity && !p.identity.anonymisedAt) numberByPerson.set(personKey(p.identity), p.participantNo);
  }

  const rows: PlannedRow[] = [];
  const rejected: PlanIssue[] = parsed.rejected.map((issue: ImportIssue) => ({ ...issue }));

  for (const row of parsed.rows) {
    const line = row.line;
    const displayName = `${row.identity.lastName}, ${row.identity.firstName}`;
    const textIssue = checkText(line, row);
    if (textIssue) {
      rejected.push(textIssue);
      continue;
    }
    let areaId: string | null = null;
    if (row.areaName !== null) {
      const found = areaByName.get(row.areaName.normalize("NFC").trim().toLowerCase());
      if (!found) {
        rejected.push({
          line,
          code: "unknown_area",
          field: "programme_area",
          value: row.areaName,
          message: `line ${line}: programme_area "${row.areaName}" is not an area of this project`,
        });
        continue;
      }
      areaId = found;
    }

    const holder = numberByPerson.get(personKey(row.identity));
    if (holder !== undefined && holder !== row.participantNo) {
      rejected.push({
        line,
        code: "duplicate_person_in_project",
        existingNo: holder,
        message:
          `line ${line}: same first_name, last_name and postcode as participant_no ${holder} already in the project, ` +
          `probably the same person`,
      });
      continue;
    }

    const current = byNumber.get(row.participantNo);
    if (current?.identity?.anonymisedAt) {
      rejected.push({
        line,
        code: "anonymised",
        field: "participant_no",
        value: row.participantNo,
        message: `line ${line}: participant_no ${row.participantNo} belongs to an anonymised record and cannot be changed`,
      });
      continue;
    }

    if (!current) {
      const record: RecordValues = { areaId, ...row.record };
      const locked = lockedDateIssue(line, closed, [["entryDate", record.entryDate], ["exitDate", record.exitDate]]);
      if (locked) {
        rejected.push(locked);
        continue;
      }
      const identity: IdentityValues = { ...row.identity };
      const derived = deriveParticipantValues({ ...record, birthDate: identity.birthDate });
      rows.push({
        kind: "create",
        line,
        participantNo: row.participantNo,
        displayName,
        record,
        identity,
        derived,
        missing: row.missing,
      });
      continue;
    }

    // Merge: a value given in the file wins, an empty cell keeps what is stored.
    const given: Partial<RecordValues> = { areaId, ...row.record };
    const merged = {} as RecordValues;
    for (const field of RECORD_FIELDS) {
      const value = given[field];
      (merged as unknown as Record<string, unknown>)[field] = value === null || value === undefined ? current[field] : value;
    }
    // why: long_term_unemployed is a sub-flag of the employment status; when the file states the
    // status, its flag (empty = no) goes with it, otherwise the stored pair stays as it is.
    merged.longTermUnemployed = row.record.employmentStatus !== null ? row.record.longTermUnemployed : current.longTermUnemployed;
    const mergedIdentity: IdentityValues = {
      firstName: row.identity.firstName,
      lastName: row.identity.lastName,
      postcode: row.identity.postcode,
      birthDate: row.identity.birthDate ?? current.identity?.birthDate ?? null,
    };

    if (merged.entryDate && merged.exitDate && merged.exitDate.getTime() < merged.entryDate.getTime()) {
      rejected.push({
        line,
        code: "exit_before_entry",
        field: "exit_date",
        value: isoDay(merged.exitDate),
        message: `line ${line}: exit_date ${isoDay(merged.exitDate)} is before entry_date ${isoDay(merged.entryDate)}`,
      });
      continue;
    }

    const recordChanges: Partial<RecordValues> = {};
    for (const field of RECORD_FIELDS) {
      if (!sameValue(current[field], merged[field])) (recordChanges as Record<string, unknown>)[field] = merged[field];
    }
    const identityChanges: Partial<IdentityValues> = {};
    for (const field of IDENTITY_FIELDS) {
      if (!current.identity || !sameValue(current.identity[field], mergedIdentity[field])) {
        (identityChanges as Record<string, unknown>)[field] = mergedIdentity[field];
      }
    }
    const derived = deriveParticipantValues({ ...merged, birthDate: mergedIdentity.birthDate });
    const missing = derived.missingFields ? derived.missingFields.split(",") : [];
    const changedFields = [...Object.keys(recordChanges), ...Object.keys(identityChanges)];
    if (changedFields.length === 0) {
      rows.push({ kind: "unchanged", line, participantNo: row.participantNo, displayName, participantId: current.id, missing });
      continue;
    }
    // why: as in the forms, an entry change is governed by the entry date and an exit change by the
    // exit date, each old and new; an unchanged row (a re-imported file) is never refused.
    const exitChanged = changedFields.some((field) => (EXIT_RECORD_FIELDS as readonly string[]).includes(field));
    const locked = lockedDateIssue(line, closed, [
      ["entryDate", current.entryDate],
      ["entryDate", merged.entryDate],
      ...(exitChanged ? ([["exitDate", current.exitDate], ["exitDate", merged.exitDate]] as const) : []),
    ]);
    if (locked) {
      rejected.push(locked);
      continue;
    }
    rows.push({
      kind: "update",
      line,
      participantNo: row.participantNo,
      displayName,
      participantId: current.id,
      version: current.version,
      hasIdentity: Boolean(current.identity),
      record: merged,
      identity: mergedIdentity,
      identityChanged: Object.keys(identityChanges).length > 0,
      derived,
      changedFields,
      missing,
    });
  }

  rejected.sort((a, b) => a.line - b.line);
  const counts: ImportCounts = {
    imported: rows.filter((r) => r.kind === "create").length,
    updated: rows.filter((r) => r.kind === "update").length,
    unchanged: rows.filter((r) => r.kind === "unchanged").length,
    incomplete: rows.filter((r) => r.missing.length > 0).length,
    rejected: rejected.length,
    total: parsed.totalDataRows,
  };
  return { projectId, rows, rejected, warnings: parsed.warnings, counts };
}

/**
 * A short hash of what a plan would do (per row: kind, number, changed fields; rejections). The
 * preview shows it to the confirm step; when applying re-plans to something else, nothing is written
 * until the user has seen the new preview.
 */
export function planFingerprint(plan: ImportPlan): string {
  const hash = createHash("sha256");
  for (const row of plan.rows) {
    hash.update(`${row.kind}\u0000${row.participantNo}\u0000${row.kind === "update" ? row.changedFields.join(",") : ""}\u0001`);
  }
  for (const issue of plan.rejected) hash.update(`${issue.line}\u0000${issue.code}\u0001`);
  return hash.digest("base64url").slice(0, 22);
}

// ---------------------------------------------------------------------------------------------
// Applying

const ENUM = (name: string): ColumnType => ({ enum: name });

/** Participant columns an import writes, in RECORD_FIELDS order. */
const RECORD_COLUMNS: Column[] = [
  ["areaId", "text"],
  ["gender", ENUM("Gender")],
  ["employmentStatus", ENUM("EmploymentStatus")],
  ["longTermUnemployed", "bool"],
  ["educationLevel", ENUM("EducationLevel")],
  ["entryDate", "timestamp"],
  ["disability", ENUM("Answer")],
  ["thirdCountryNational", ENUM("Answer")],
  ["foreignBackground", ENUM("Answer")],
  ["minority", ENUM("Answer")],
  ["homeless", ENUM("Answer")],
  ["ruralArea", ENUM("Answer")],
  ["exitDate", "timestamp"],
  ["exitStatus", ENUM("ExitStatus")],
  ["qualificationGained", "bool"],
  ["employabilityImproved", "bool"],
  ["status6Months", ENUM("FollowUpStatus")],
  ["situationImproved6Months", ENUM("YesNoUnknown")],
];
const DERIVED_COLUMNS: Column[] = [
  ["ageAtEntry", "int"],
  ["missingFields", "text"],
  ["isComplete", "bool"],
  ["followUpDueDate", "timestamp"],
];
const IDENTITY_COLUMNS: Column[] = [
  ["firstName", "text"],
  ["lastName", "text"],
  ["searchName", "text"],
  ["birthDate", "timestamp"],
  ["postcode", "text"],
];
const AUDIT_COLUMNS: Column[] = [
  ["id", "text"],
  ["at", "timestamp"],
  ["userId", "text"],
  ["projectId", "text"],
  ["action", "text"],
  ["entity", "text"],
  ["entityId", "text"],
  ["fields", "text"],
  ["note", "text"],
];

const recordValues = (record: RecordValues): Value[] => RECORD_FIELDS.map((field) => record[field]);
const derivedValues = (derived: Derived): Value[] => [derived.ageAtEntry, derived.missingFields, derived.isComplete, derived.followUpDueDate];
const identityValues = (identity: IdentityValues): Value[] => [
  identity.firstName,
  identity.lastName,
  searchName(identity),
  identity.birthDate,
  identity.postcode,
];

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string }; message?: string } | null;
  return e?.code === "P2002" || e?.meta?.code === "23505" || /UNIQUE constraint failed|duplicate key value/i.test(e?.message ?? "");
}

/** cuid-like ids (lower-case alphanumerics, 25 characters), generated here so identities can link at once. */
function newId(): string {
  const time = Date.now().toString(36).padStart(9, "0");
  const random = [...randomBytes(15)].map((b) => (b % 36).toString(36)).join("");
  return `c${time}${random}`.slice(0, 25);
}

/** Names of the fields a new record sets (non-empty values only). */
function setFields(create: PlannedCreate): string[] {
  const fields: string[] = ["participantNo"];
  for (const field of RECORD_FIELDS) {
    const value = create.record[field];
    if (value !== null && value !== undefined && !(field === "longTermUnemployed" && value === false)) fields.push(field);
  }
  for (const field of IDENTITY_FIELDS) if (create.identity[field] !== null) fields.push(field);
  return fields;
}

/**
 * Writes a plan in ONE transaction with set-based statements (bulk-write.server.ts): inserts the new
 * participants and identities, updates changed records only in exactly the version that was planned (a
 * record edited or a number registered meanwhile aborts everything with ImportConflictError), leaves
 * unchanged rows untouched. Audit: one "import" entry with the counts, one create/update entry
 * per changed participant (field names only). Strict mode writes nothing when any row was rejected.
 */
export async function applyImport(
  projectId: string,
  plan: ImportPlan,
  actorId: string | null,
  options: { strict?: boolean; source?: string } = {},
): Promise<ImportResult> {
  if (plan.projectId !== projectId) throw new Error("the import plan belongs to another project");
  const base = { rejected: plan.rejected, warnings: plan.warnings };
  if (options.strict && plan.rejected.length > 0) {
    return { ...base, applied: false, counts: { ...plan.counts, imported: 0, updated: 0, unchanged: 0, incomplete: 0 } };
  }
  const creates = plan.rows.filter((r): r is PlannedCreate => r.kind === "create");
  const updates = plan.rows.filter((r): r is PlannedUpdate => r.kind === "update");
  const now = new Date();

  try {
    await db.$transaction(
      async (tx) => {
        // why: a period closed between planning and writing still refuses the whole import.
        await assertDatesOpen(tx, projectId, [...creates.flatMap((c) => [c.record.entryDate, c.record.exitDate]), ...updates.map((u) => u.record.entryDate)]);
        const ids = creates.map(() => newId());
        await insertRows(
          tx,
          "Participant",
          [["id", "text"], ["projectId", "text"], ["participantNo", "text"], ...RECORD_COLUMNS, ...DERIVED_COLUMNS, ["createdAt", "timestamp"], ["updatedAt", "timestamp"]],
          creates.map((c, i) => [ids[i], projectId, c.participantNo, ...recordValues(c.record), ...derivedValues(c.derived), now, now]),
        );
        await insertRows(
          tx,
          "ParticipantIdentity",
          [["participantId", "text"], ["projectId", "text"], ...IDENTITY_COLUMNS],
          creates.map((c, i) => [ids[i], projectId, ...identityValues(c.identity)]),
        );

        // Each update applies only to the version that was planned: a record edited meanwhile does
        // not match, the count falls short and everything rolls back.
        const updated = await updateRows(
          tx,
          "Participant",
          [["id", "text"], ["version", "int"]],
          [...RECORD_COLUMNS, ...DERIVED_COLUMNS],
          updates.map((u) => [u.participantId, u.version, ...recordValues(u.record), ...derivedValues(u.derived)]),
          { scope: ["projectId", projectId], extraSet: [{ column: "version", expression: "increment" }, { column: "updatedAt", expression: now }] },
        );
        if (updated !== updates.length) {
          throw new ImportConflictError("a participant of the file was changed meanwhile; nothing was imported");
        }
        const identityUpdates = updates.filter((u) => u.identityChanged && u.hasIdentity);
        const identityWritten = await updateRows(
          tx,
          "ParticipantIdentity",
          [["participantId", "text"]],
          IDENTITY_COLUMNS,
          identityUpdates.map((u) => [u.participantId, ...identityValues(u.identity)]),
          { scope: ["projectId", projectId] },
        );
        if (identityWritten !== identityUpdates.length) {
          throw new ImportConflictError("a participant of the file was changed meanwhile; nothing was imported");
        }
        const identityInserts = updates.filter((u) => u.identityChanged && !u.hasIdentity);
        await insertRows(
          tx,
          "ParticipantIdentity",
          [["participantId", "text"], ["projectId", "text"], ...IDENTITY_COLUMNS],
          identityInserts.map((u) => [u.participantId, projectId, ...identityValues(u.identity)]),
        );

        const note = options.source ? `import ${options.source}` : "import";
        const c = plan.counts;
        const summary =
          `${note}: imported ${c.imported}, updated ${c.updated}, unchanged ${c.unchanged}, ` +
          `incomplete ${c.incomplete}, rejected ${c.rejected}${options.strict ? " (strict)" : ""}`;
        const audit: Value[][] = [
          ...creates.map((create, i) => [newId(), now, actorId, projectId, "create", "Participant", ids[i], JSON.stringify(setFields(create)), note]),
          ...updates.map((u) => [newId(), now, actorId, projectId, "update", "Participant", u.participantId, JSON.stringify(u.changedFields), note]),
          [newId(), now, actorId, projectId, "import", "Participant", null, "[]", summary],
        ];
        await insertRows(tx, "AuditEvent", AUDIT_COLUMNS, audit);
      },
      // why: a 10,000-row file takes a few seconds; the default 5 s interactive-transaction limit is too tight.
      { timeout: 300_000, maxWait: 20_000 },
    );
  } catch (error) {
    // A participant number created by someone else since planning hits the unique index.
    if (isUniqueViolation(error)) {
      throw new ImportConflictError("a participant number of the file was registered meanwhile; nothing was imported");
    }
    throw error;
  }
  return { ...base, applied: true, counts: plan.counts };
}

// ---------------------------------------------------------------------------------------------
// Convenience for the CLI, tests and other modules

/** Parses, plans and applies a participant file in one go (see planImport / applyImport). */
export async function importParticipantFile(
  projectId: string,
  data: Uint8Array,
  fileName: string,
  actorId: string | null,
  options: { strict?: boolean } = {},
): Promise<ImportResult> {
  const parsed = await parseParticipantFile(data, fileName);
  const plan = await planImport(projectId, parsed);
  return applyImport(projectId, plan, actorId, { ...options, source: fileType(fileName) });
}

/** "csv" or "xlsx" from a file name (for audit notes; the name itself may contain personal data). */
export function fileType(fileName: string): string {
  return /\.xlsx$/i.test(fileName.trim()) ? "xlsx" : "csv";
}

/** The project id for a project code; UnknownProjectError when there is none. */
export async function projectIdByCode(code: string): Promise<string> {
  const project = await db.project.findUnique({ where: { code }, select: { id: true } });
  if (!project) throw new UnknownProjectError(code);
  return project.id;
}

/** The summary line of the data contract: `imported N, updated N, unchanged N, incomplete N, rejected N`. */
export function summaryLine(counts: ImportCounts): string {
  return `imported ${counts.imported}, updated ${counts.updated}, unchanged ${counts.unchanged}, incomplete ${counts.incomplete}, rejected ${counts.rejected}`;
}

/** True for fields whose values must never appear in messages or logs (GDPR Art. 9). */
export function isSpecialCategoryColumn(field: string | undefined): boolean {
  return field !== undefined && (SPECIAL_CATEGORY_FIELDS as readonly string[]).includes(field);
}
