// The participant register: all database access for participants. Every query is scoped by project,
// so another project's id is simply not found. Every change writes an audit entry in the same
// transaction, naming fields only — never values (special-category data must not reach any log).
import { recordAudit, listAuditEvents } from "~/modules/audit/service.server";
import { assertDatesOpen } from "~/modules/periods/lock.server";
import { db, getDbHandle, type Db, type Prisma, type Tx } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { ValidationError } from "~/utils/validation";
import { SPECIAL_CATEGORY_FIELDS, type Answer } from "./codes";
import { deriveParticipantValues, parseMissingFields } from "./derive";
import {
  collapseSpaces,
  ENTRY_FIELDS,
  entryInputToFormValues,
  EXIT_FIELDS,
  FOLLOW_UP_FIELDS,
  searchNameFor,
  toEntryFormValues,
  toExitFormValues,
  toFollowUpFormValues,
  type EntryField,
  type EntryFormValues,
  type ExitFormValues,
  type FollowUpFormValues,
  type FormValues,
  type ParticipantEntryInput,
  type ParticipantExitInput,
  type ParticipantFollowUpInput,
  type ParticipantListQuery,
  type ParticipantField,
  type StoredParticipant,
} from "./schema";

/** Who makes a change or a sensitive read; written into the audit log. */
export interface Actor {
  userId: string;
}

/** Audit entity name of participant records (identity and characteristics share the history). */
export const PARTICIPANT_ENTITY = "Participant";

/** The person (first name + last name + postcode) is already registered in the project. */
export class DuplicateParticipantError extends Error {
  constructor(public readonly existing: { id: string; participantNo: string }) {
    super(`person already registered as ${existing.participantNo}`);
    this.name = "DuplicateParticipantError";
  }
}

/** Someone else saved the record after the caller read it; nothing was written. */
export class ConflictError<F extends string = string> extends Error {
  constructor(
    /** The version now stored: saving again against it applies the caller's input on top. */
    public readonly currentVersion: number,
    /** The values now stored, as form strings (special-category fields only for those who may read them). */
    public readonly current: FormValues<F>,
    /** Fields whose stored value changed since the caller's version (or, without a baseline, that differ from the input). */
    public readonly changedFields: F[],
  ) {
    super("participant was changed by someone else");
    this.name = "ConflictError";
  }
}

/** Thrown inside a transaction to roll it back; turned into a ConflictError outside. */
class VersionMismatch extends Error {}

type Client = Tx | Db;

const SENSITIVE = new Set<string>(SPECIAL_CATEGORY_FIELDS);

/** Entry-form fields the caller may write: special-category fields only with `participant:readSensitive`. */
function writableEntryFields(includeSensitive: boolean): EntryField[] {
  return ENTRY_FIELDS.filter((field) => includeSensitive || !SENSITIVE.has(field));
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

// ---------------------------------------------------------------------------------------------- helpers shared with the import

/** The person key of the duplicate check: case- and space-insensitive names, postcode without spaces. */
function personKey(firstName: string, lastName: string) {
  return `${collapseSpaces(firstName).toLowerCase()}\u0000${collapseSpaces(lastName).toLowerCase()}`;
}

/**
 * The participant of `projectId` registered as the same person (first name + last name + postcode,
 * case- and space-insensitive), or null. `excludeId` skips the record being edited.
 */
export async function findDuplicatePerson(
  client: Client,
  projectId: string,
  person: { firstName: string; lastName: string; postcode: string },
  excludeId?: string,
): Promise<{ id: string; participantNo: string } | null> {
  const candidates = await client.participantIdentity.findMany({
    where: {
      projectId,
      searchName: searchNameFor(person.firstName, person.lastName),
      postcode: person.postcode.replace(/\s/g, ""),
      ...(excludeId ? { participantId: { not: excludeId } } : {}),
    },
    select: { participantId: true, firstName: true, lastName: true, participant: { select: { participantNo: true } } },
    take: 20,
  });
  // why: searchName joins last and first name with a space, so "Anna Maria|Berg" and "Anna|Maria Berg" share
  // a key; comparing the parts keeps them apart.
  const key = personKey(person.firstName, person.lastName);
  const match = candidates.find((c) => personKey(c.firstName, c.lastName) === key);
  return match ? { id: match.participantId, participantNo: match.participant.participantNo } : null;
}

/** The next free number in the project's "TN-0001" series (the user may choose another). */
export async function suggestParticipantNo(projectId: string, client: Client = db): Promise<string> {
  const rows = await client.participant.findMany({ where: { projectId, participantNo: { startsWith: "TN-" } }, select: { participantNo: true } });
  let max = 0;
  for (const { participantNo } of rows) {
    const match = /^TN-(\d{1,9})$/.exec(participantNo);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return `TN-${String(max + 1).padStart(4, "0")}`;
}

/** The project's programme areas (for the form's select and the list filter), by name. */
export async function listProjectAreas(projectId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.projectArea.findMany({ where: { projectId }, select: { area: { select: { id: true, name: true } } } });
  return rows.map((r) => r.area).sort((a, b) => a.name.localeCompare(b.name, "de"));
}

async function assertAreaOfProject(client: Client, projectId: string, areaId: string | null): Promise<void> {
  if (!areaId) return;
  const link = await client.projectArea.findUnique({ where: { projectId_areaId: { projectId, areaId } }, select: { areaId: true } });
  if (!link) throw new ValidationError({ areaId: ["participants.error.unknownArea"] });
}

async function assertNumberFree(client: Client, projectId: string, participantNo: string, excludeId?: string): Promise<void> {
  const taken = await client.participant.findFirst({
    where: { projectId, participantNo, ...(excludeId ? { id: { not: excludeId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new ValidationError({ participantNo: ["participants.error.numberTaken"] });
}

/** Participant columns written from the entry form. */
function recordData(input: ParticipantEntryInput, includeSensitive: boolean) {
  return {
    participantNo: input.participantNo,
    areaId: input.areaId,
    gender: input.gender,
    entryDate: input.entryDate,
    employmentStatus: input.employmentStatus,
    longTermUnemployed: input.longTermUnemployed,
    educationLevel: input.educationLevel,
    thirdCountryNational: input.thirdCountryNational,
    foreignBackground: input.foreignBackground,
    homeless: input.homeless,
    ruralArea: input.ruralArea,
    ...(includeSensitive ? { disability: input.disability, minority: input.minority } : {}),
  };
}

function identityData(input: ParticipantEntryInput) {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    searchName: searchNameFor(input.firstName, input.lastName),
    birthDate: input.birthDate,
    postcode: input.postcode,
    street: input.street,
    city: input.city,
    email: input.email,
    phone: input.phone,
    privacyNoticeDate: input.privacyNoticeDate,
  };
}

// ---------------------------------------------------------------------------------------------- reads

const DETAIL_SELECT = {
  id: true,
  participantNo: true,
  areaId: true,
  area: { select: { id: true, name: true } },
  gender: true,
  ageAtEntry: true,
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
  followUpDueDate: true,
  status6Months: true,
  situationImproved6Months: true,
  followUpRecordedAt: true,
  missingFields: true,
  isComplete: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  identity: {
    select: {
      firstName: true, lastName: true, birthDate: true, postcode: true, street: true, city: true, email: true, phone: true,
      privacyNoticeDate: true, anonymisedAt: true,
    },
  },
} satisfies Prisma.ParticipantSelect;

type DetailRow = Prisma.ParticipantGetPayload<{ select: typeof DETAIL_SELECT }>;

/** A participant as the pages see it; `disability`/`minority` are absent unless read with permission. */
export type ParticipantDetail = Omit<DetailRow, "disability" | "minority"> & {
  disability?: Answer | null;
  minority?: Answer | null;
  missing: string[];
};

export type ReadOptions = { includeSensitive: false } | { includeSensitive: true; actor: Actor };

/**
 * One participant of the project (404 otherwise). Special-category fields (disability, minority) are
 * returned only with `includeSensitive`, and each such read writes a `read_sensitive` audit event.
 */
export async function getParticipant(projectId: string, id: string, options: ReadOptions): Promise<ParticipantDetail> {
  const row = await db.participant.findFirst({ where: { id, projectId }, select: DETAIL_SELECT });
  if (!row) notFound();
  const { disability, minority, ...rest } = row;
  const detail: ParticipantDetail = { ...rest, missing: parseMissingFields(row.missingFields) };
  if (!options.includeSensitive) return detail;
  await recordAudit(db, {
    userId: options.actor.userId,
    projectId,
    action: "read_sensitive",
    entity: PARTICIPANT_ENTITY,
    entityId: id,
    fields: [...SPECIAL_CATEGORY_FIELDS],
  });
  return { ...detail, disability: disability as Answer | null, minority: minority as Answer | null };
}

export interface ParticipantListRow {
  id: string;
  participantNo: string;
  firstName: string | null;
  lastName: string | null;
  areaName: string | null;
  entryDate: Date | null;
  exitDate: Date | null;
  ageAtEntry: number | null;
  followUpDueDate: Date | null;
  followUpRecordedAt: Date | null;
  isComplete: boolean;
  missing: string[];
}

export interface ParticipantList {
  rows: ParticipantListRow[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

function endOfTodayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 59, 59, 999));
}

/**
 * A search first collects the matching ids (name on the identity index, number on the number index); up
 * to this many are looked up as a list, more run as one joined query. why: SQLite through Prisma binds at
 * most 999 values per statement.
 */
const SEARCH_ID_LIMIT = 900;

/** Number prefixes to try: as typed and upper-cased ("tn-00" finds "TN-0042" on PostgreSQL too). */
function numberPrefixFilters(q: string): Prisma.ParticipantWhereInput[] {
  // why: the range lets both databases walk the (projectId, participantNo) index; startsWith keeps it exact
  // under collations that would put other strings inside the range.
  return [...new Set([q, q.toUpperCase()])].map((prefix) => ({ participantNo: { gte: prefix, lt: `${prefix}\uffff`, startsWith: prefix } }));
}

/** Lower-case words of the query; LIKE wildcards are dropped (names do not contain them). */
function nameTokens(q: string): string[] {
  return q.toLowerCase().replace(/[%_\\]/g, "").split(" ").filter(Boolean).slice(0, 5);
}

/** Identity filter: the name contains every word (null when there is no word to look for). */
function nameFilter(tokens: string[]): Prisma.ParticipantIdentityWhereInput | null {
  return tokens.length ? { AND: tokens.map((token) => ({ searchName: { contains: token } })) } : null;
}

/**
 * Ids of the project's participants whose number starts with `q` or whose name contains every word of
 * `q`; null when there are more than SEARCH_ID_LIMIT.
 */
async function searchIds(projectId: string, q: string): Promise<string[] | null> {
  const nameMatch = nameFilter(nameTokens(q));
  const [byName, byNumber] = await Promise.all([
    nameMatch
      ? db.participantIdentity.findMany({
          where: { projectId, ...nameMatch },
          // why: on SQLite the order makes the planner scan the (projectId, searchName) index instead of the
          // table; PostgreSQL scans the table either way and would only sort every hit for nothing.
          ...(getDbHandle().provider === "sqlite" ? { orderBy: { searchName: "asc" as const } } : {}),
          select: { participantId: true },
          take: SEARCH_ID_LIMIT + 1,
        })
      : [],
    db.participant.findMany({ where: { projectId, OR: numberPrefixFilters(q) }, select: { id: true }, take: SEARCH_ID_LIMIT + 1 }),
  ]);
  const ids = new Set([...byName.map((r) => r.participantId), ...byNumber.map((r) => r.id)]);
  return ids.size > SEARCH_ID_LIMIT ? null : [...ids];
}

function filterConditions(query: ParticipantListQuery): Prisma.ParticipantWhereInput[] {
  const and: Prisma.ParticipantWhereInput[] = [];
  if (query.area) and.push({ areaId: query.area });
  if (query.status === "active") and.push({ exitDate: null });
  if (query.status === "left") and.push({ exitDate: { not: null } });
  if (query.status === "follow_up_due") and.push({ followUpDueDate: { lte: endOfTodayUtc() }, followUpRecordedAt: null });
  if (query.completeness) and.push({ isComplete: query.completeness === "complete" });
  if (query.entryFrom || query.entryTo) and.push({ entryDate: { ...(query.entryFrom ? { gte: query.entryFrom } : {}), ...(query.entryTo ? { lte: query.entryTo } : {}) } });
  return and;
}

function listOrder(query: ParticipantListQuery): Prisma.ParticipantOrderByWithRelationInput[] {
  const dir = query.dir;
  const tieBreak: Prisma.ParticipantOrderByWithRelationInput = { participantNo: "asc" };
  // why: no explicit NULLS FIRST/LAST on dates, so the (projectId, date) indexes serve the order; records
  // without a date come last ascending on PostgreSQL and first on SQLite (and the other way descending).
  switch (query.sort) {
    case "name":
      return [{ identity: { searchName: dir } }, tieBreak];
    case "entry":
      return [{ entryDate: dir }, tieBreak];
    case "exit":
      return [{ exitDate: dir }, tieBreak];
    default:
      return [{ participantNo: dir }];
  }
}

const LIST_SELECT = {
  id: true,
  participantNo: true,
  entryDate: true,
  exitDate: true,
  ageAtEntry: true,
  followUpDueDate: true,
  followUpRecordedAt: true,
  isComplete: true,
  missingFields: true,
  area: { select: { name: true } },
  identity: { select: { firstName: true, lastName: true } },
} satisfies Prisma.ParticipantSelect;

type ListRecord = Prisma.ParticipantGetPayload<{ select: typeof LIST_SELECT }>;

/** The full rows of `ids` (taken from a project-scoped query), in that order. */
async function rowsInOrder(ids: string[]): Promise<ListRecord[]> {
  if (ids.length === 0) return [];
  const found = await db.participant.findMany({ where: { id: { in: ids } }, select: LIST_SELECT });
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ListRecord => Boolean(r));
}

/**
 * One page of the project's participants with the total count. Search matches the start of the
 * number or every word inside "last first" name; filters by area, status, completeness, entry period.
 * Reads only the columns the list shows (never special-category data).
 */
export async function listParticipants(projectId: string, query: ParticipantListQuery): Promise<ParticipantList> {
  const conditions = filterConditions(query);
  let where: Prisma.ParticipantWhereInput = { projectId, ...(conditions.length ? { AND: conditions } : {}) };
  let knownTotal: number | null = null;
  if (query.q) {
    const ids = await searchIds(projectId, query.q);
    if (ids) {
      // why: the ids come from project-scoped queries; naming projectId again would make SQLite (which has no
      // statistics unless ANALYZE ran) walk the whole project instead of looking the ids up.
      where = { id: { in: ids }, ...(conditions.length ? { AND: conditions } : {}) };
      if (conditions.length === 0) knownTotal = ids.length;
    } else {
      const nameMatch = nameFilter(nameTokens(query.q));
      const numberMatch = numberPrefixFilters(query.q);
      where = { projectId, AND: [{ OR: [...numberMatch, ...(nameMatch ? [{ identity: { is: nameMatch } }] : [])] }, ...conditions] };
      if (conditions.length === 0 && nameMatch) {
        // why: counting a broad search through the join reads every row; the name part counts on the
        // (projectId, searchName) index alone (selecting searchName keeps the count on that index).
        const [byName, byNumberOnly] = await Promise.all([
          db.participantIdentity.count({ where: { projectId, ...nameMatch }, select: { searchName: true } }),
          db.participant.count({ where: { projectId, OR: numberMatch, NOT: { identity: { is: nameMatch } } } }),
        ]);
        knownTotal = byName.searchName + byNumberOnly;
      }
    }
  }
  const total = knownTotal ?? (await db.participant.count({ where }));
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pages);
  const skip = (page - 1) * query.pageSize;
  let rows: ListRecord[];
  if (query.sort === "name" && !query.q && conditions.length === 0) {
    // why: the whole register by name walks the (projectId, searchName) index instead of sorting every row.
    const order = await db.participantIdentity.findMany({
      where: { projectId },
      orderBy: [{ searchName: query.dir }, { participantId: query.dir }],
      skip,
      take: query.pageSize,
      select: { participantId: true },
    });
    rows = await rowsInOrder(order.map((o) => o.participantId));
  } else {
    rows = await db.participant.findMany({ where, orderBy: listOrder(query), skip, take: query.pageSize, select: LIST_SELECT });
  }
  return {
    total,
    page,
    pages,
    pageSize: query.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      participantNo: r.participantNo,
      firstName: r.identity?.firstName ?? null,
      lastName: r.identity?.lastName ?? null,
      areaName: r.area?.name ?? null,
      entryDate: r.entryDate,
      exitDate: r.exitDate,
      ageAtEntry: r.ageAtEntry,
      followUpDueDate: r.followUpDueDate,
      followUpRecordedAt: r.followUpRecordedAt,
      isComplete: r.isComplete,
      missing: parseMissingFields(r.missingFields),
    })),
  };
}

/** Activities the participant attended (project-scoped), newest first. */
export async function listAttendances(projectId: string, participantId: string) {
  const rows = await db.attendance.findMany({
    where: { participantId, participant: { projectId }, activity: { projectId } },
    orderBy: { activity: { startsAt: "desc" } },
    select: { id: true, present: true, minutes: true, activity: { select: { id: true, title: true, startsAt: true, durationMinutes: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity.id,
    title: r.activity.title,
    startsAt: r.activity.startsAt,
    durationMinutes: r.activity.durationMinutes,
    present: r.present,
    minutes: r.minutes,
  }));
}

/** The participant's change history from the audit log, newest first (field names, never values). */
export async function listParticipantHistory(projectId: string, participantId: string) {
  const events = await listAuditEvents({ projectId, entity: PARTICIPANT_ENTITY, entityId: participantId, take: 200 });
  return events.map((e) => {
    let fields: string[] = [];
    try {
      const parsed = JSON.parse(e.fields) as unknown;
      if (Array.isArray(parsed)) fields = parsed.filter((f): f is string => typeof f === "string");
    } catch {
      fields = [];
    }
    return { id: e.id, at: e.at, action: e.action, fields, note: e.note, userName: e.user?.name ?? null };
  });
}

// ---------------------------------------------------------------------------------------------- writes

async function loadForWrite(client: Client, projectId: string, id: string) {
  const row = await client.participant.findFirst({ where: { id, projectId }, select: DETAIL_SELECT });
  if (!row) notFound();
  return row;
}

function asStored(row: DetailRow): StoredParticipant {
  return row;
}

/** Reads the record as it is now and describes the conflict for `fields`. */
async function buildConflict<F extends ParticipantField>(
  projectId: string,
  id: string,
  fields: readonly F[],
  toValues: (p: StoredParticipant) => FormValues<F>,
  input: FormValues<F>,
  baseline: Partial<FormValues<F>> | undefined,
  read: ReadOptions,
): Promise<ConflictError<F>> {
  const current = await getParticipant(projectId, id, read);
  const values = toValues(current as StoredParticipant);
  const currentValues = Object.fromEntries(fields.map((f) => [f, values[f]])) as FormValues<F>;
  const changed = fields.filter((f) => (baseline ? (baseline[f] ?? "") : input[f]) !== currentValues[f]);
  return new ConflictError<F>(current.version, currentValues, changed);
}

export interface WriteOptions {
  /** The caller holds `participant:readSensitive`: only then are disability/minority written. */
  includeSensitive: boolean;
}

/**
 * Registers a participant (identity + characteristics at entry) with derived values. Refuses a
 * number already used in the project (ValidationError) and a person already registered
 * (DuplicateParticipantError carrying the existing record). Missing mandatory answers are allowed:
 * the record is then stored as incomplete. With `autoNumber` (the user kept the suggested number), a
 * number taken meanwhile by someone else is replaced by the next free one instead of refused.
 */
export async function createParticipant(
  projectId: string,
  input: ParticipantEntryInput,
  actor: Actor,
  options: WriteOptions & { autoNumber?: boolean },
): Promise<{ id: string; participantNo: string; isComplete: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        let participantNo = input.participantNo;
        if (options.autoNumber && (await tx.participant.findFirst({ where: { projectId, participantNo }, select: { id: true } }))) {
          participantNo = await suggestParticipantNo(projectId, tx);
        }
        await assertNumberFree(tx, projectId, participantNo);
        await assertAreaOfProject(tx, projectId, input.areaId);
        await assertDatesOpen(tx, projectId, [input.entryDate]);
        const duplicate = await findDuplicatePerson(tx, projectId, input);
        if (duplicate) throw new DuplicateParticipantError(duplicate);
        const derived = deriveParticipantValues({ ...input, exitDate: null });
        const created = await tx.participant.create({
          data: {
            projectId,
            ...recordData({ ...input, participantNo }, options.includeSensitive),
            ...derived,
            identity: { create: { projectId, ...identityData(input) } },
          },
          select: { id: true, participantNo: true, isComplete: true },
        });
        const values = entryInputToFormValues(input);
        await recordAudit(tx, {
          userId: actor.userId,
          projectId,
          action: "create",
          entity: PARTICIPANT_ENTITY,
          entityId: created.id,
          fields: writableEntryFields(options.includeSensitive).filter((f) => values[f] !== ""),
        });
        return created;
      });
    } catch (error) {
      // why: two registrations at the same moment can both see a number as free; the loser retries.
      if (isUniqueViolation(error) && options.autoNumber && attempt < 3) continue;
      if (isUniqueViolation(error)) throw new ValidationError({ participantNo: ["participants.error.numberTaken"] });
      throw error;
    }
  }
}

/**
 * Saves the entry form over version `expectedVersion`. When someone else saved in between, nothing is
 * written and a ConflictError names the fields changed since `baseline` (the values the form was
 * loaded with). Derived values are recomputed; an unchanged form writes nothing.
 */
export async function updateParticipant(
  projectId: string,
  id: string,
  input: ParticipantEntryInput,
  expectedVersion: number,
  actor: Actor,
  options: WriteOptions & { baseline?: Partial<EntryFormValues> },
): Promise<{ version: number; changed: EntryField[] }> {
  const fields = writableEntryFields(options.includeSensitive);
  const inputValues = entryInputToFormValues(input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await loadForWrite(tx, projectId, id);
      if (before.version !== expectedVersion) throw new VersionMismatch();
      if (before.identity?.anonymisedAt) throw new ValidationError({}, ["participants.error.anonymised"]);
      const beforeValues = toEntryFormValues(asStored(before));
      const changed = fields.filter((f) => beforeValues[f] !== inputValues[f]);
      if (changed.length === 0) return { version: before.version, changed };
      await assertDatesOpen(tx, projectId, [before.entryDate, input.entryDate]);
      await assertNumberFree(tx, projectId, input.participantNo, id);
      await assertAreaOfProject(tx, projectId, input.areaId);
      if (before.exitDate && input.entryDate && input.entryDate > before.exitDate) {
        throw new ValidationError({ entryDate: ["participants.error.entryAfterExit"] });
      }
      const duplicate = await findDuplicatePerson(tx, projectId, input, id);
      if (duplicate) throw new DuplicateParticipantError(duplicate);
      const derived = deriveParticipantValues({ ...input, exitDate: before.exitDate });
      const updated = await tx.participant.updateMany({
        where: { id, projectId, version: expectedVersion },
        data: { ...recordData(input, options.includeSensitive), ...derived, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new VersionMismatch();
      const identity = identityData(input);
      await tx.participantIdentity.upsert({ where: { participantId: id }, update: identity, create: { participantId: id, projectId, ...identity } });
      await recordAudit(tx, { userId: actor.userId, projectId, action: "update", entity: PARTICIPANT_ENTITY, entityId: id, fields: changed });
      return { version: expectedVersion + 1, changed };
    });
  } catch (error) {
    if (error instanceof VersionMismatch) {
      throw await buildConflict(projectId, id, fields, toEntryFormValues, inputValues, options.baseline,
        options.includeSensitive ? { includeSensitive: true, actor } : { includeSensitive: false });
    }
    if (isUniqueViolation(error)) throw new ValidationError({ participantNo: ["participants.error.numberTaken"] });
    throw error;
  }
}

/**
 * Runs `write` against the current version when the record moved on since `expectedVersion` but none
 * of `fields` changed since `baseline` (someone edited other parts: nothing of theirs is overwritten);
 * otherwise throws VersionMismatch. Returns the version the write must guard on.
 */
function guardVersion<F extends ParticipantField>(
  before: DetailRow,
  expectedVersion: number,
  fields: readonly F[],
  toValues: (p: StoredParticipant) => FormValues<F>,
  compareWith: Partial<FormValues<F>>,
): number {
  if (before.version === expectedVersion) return expectedVersion;
  const values = toValues(asStored(before));
  if (fields.some((f) => (compareWith[f] ?? "") !== values[f])) throw new VersionMismatch();
  return before.version;
}

function exitInputToFormValues(input: ParticipantExitInput): ExitFormValues {
  return toExitFormValues(input);
}

/**
 * Records or corrects the exit: date (not before entry), the one status upon leaving, qualification
 * gained, employability improved; derives the six-month follow-up due date. Concurrent edits of other
 * parts of the record are kept; a concurrent change of the exit itself is a ConflictError.
 */
export async function recordExit(
  projectId: string,
  id: string,
  input: ParticipantExitInput,
  expectedVersion: number,
  actor: Actor,
  options: { baseline?: Partial<ExitFormValues> } = {},
): Promise<{ version: number; changed: string[] }> {
  const inputValues = exitInputToFormValues(input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await loadForWrite(tx, projectId, id);
      const guard = guardVersion(before, expectedVersion, EXIT_FIELDS, toExitFormValues, options.baseline ?? inputValues);
      if (before.entryDate && input.exitDate < before.entryDate) throw new ValidationError({ exitDate: ["participants.error.exitBeforeEntry"] });
      const beforeValues = toExitFormValues(asStored(before));
      const changed: string[] = EXIT_FIELDS.filter((f) => beforeValues[f] !== inputValues[f]);
      if (changed.length === 0) return { version: before.version, changed };
      await assertDatesOpen(tx, projectId, [before.exitDate, input.exitDate]);
      const derived = deriveParticipantValues({
        birthDate: before.identity?.birthDate ?? null,
        gender: before.gender,
        employmentStatus: before.employmentStatus,
        educationLevel: before.educationLevel,
        entryDate: before.entryDate,
        exitDate: input.exitDate,
      });
      const updated = await tx.participant.updateMany({
        where: { id, projectId, version: guard },
        data: {
          exitDate: input.exitDate,
          exitStatus: input.exitStatus,
          qualificationGained: input.qualificationGained,
          employabilityImproved: input.employabilityImproved,
          followUpDueDate: derived.followUpDueDate,
          version: { increment: 1 },
        },
      });
      if (updated.count !== 1) throw new VersionMismatch();
      if (before.followUpDueDate?.getTime() !== derived.followUpDueDate?.getTime()) changed.push("followUpDueDate");
      await recordAudit(tx, { userId: actor.userId, projectId, action: "update", entity: PARTICIPANT_ENTITY, entityId: id, fields: changed, note: "exit" });
      return { version: guard + 1, changed };
    });
  } catch (error) {
    if (error instanceof VersionMismatch) {
      throw await buildConflict(projectId, id, EXIT_FIELDS, toExitFormValues, inputValues, options.baseline, { includeSensitive: false });
    }
    throw error;
  }
}

/** Takes a recorded exit back (with its follow-up), e.g. when it was entered by mistake. */
export async function undoExit(
  projectId: string,
  id: string,
  expectedVersion: number,
  actor: Actor,
  options: { baseline?: Partial<ExitFormValues> } = {},
): Promise<{ version: number; changed: string[] }> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await loadForWrite(tx, projectId, id);
      const guard = guardVersion(before, expectedVersion, EXIT_FIELDS, toExitFormValues, options.baseline ?? toExitFormValues(asStored(before)));
      const cleared = { exitDate: null, exitStatus: null, qualificationGained: null, employabilityImproved: null, followUpDueDate: null, status6Months: null, situationImproved6Months: null, followUpRecordedAt: null };
      const changed = (Object.keys(cleared) as (keyof typeof cleared)[]).filter((key) => before[key] !== null);
      if (changed.length === 0) return { version: before.version, changed };
      // why: undoing also clears a recorded follow-up, which belongs to the period of its due day.
      await assertDatesOpen(tx, projectId, [before.exitDate, before.followUpRecordedAt ? before.followUpDueDate : null]);
      const updated = await tx.participant.updateMany({ where: { id, projectId, version: guard }, data: { ...cleared, version: { increment: 1 } } });
      if (updated.count !== 1) throw new VersionMismatch();
      await recordAudit(tx, { userId: actor.userId, projectId, action: "update", entity: PARTICIPANT_ENTITY, entityId: id, fields: changed, note: "exit_undone" });
      return { version: guard + 1, changed };
    });
  } catch (error) {
    if (error instanceof VersionMismatch) {
      const emptied: ExitFormValues = { exitDate: "", exitStatus: "", qualificationGained: "", employabilityImproved: "" };
      throw await buildConflict(projectId, id, EXIT_FIELDS, toExitFormValues, emptied, options.baseline, { includeSensitive: false });
    }
    throw error;
  }
}

/**
 * Records the six-month follow-up (EECR05/06) once the exit's follow-up is due; sets the date it was
 * recorded. A concurrent change of the follow-up itself is a ConflictError.
 */
export async function recordFollowUp(
  projectId: string,
  id: string,
  input: ParticipantFollowUpInput,
  expectedVersion: number,
  actor: Actor,
  options: { baseline?: Partial<FollowUpFormValues>; now?: Date } = {},
): Promise<{ version: number; changed: string[] }> {
  const inputValues = toFollowUpFormValues(input);
  const now = options.now ?? new Date();
  try {
    return await db.$transaction(async (tx) => {
      const before = await loadForWrite(tx, projectId, id);
      const guard = guardVersion(before, expectedVersion, FOLLOW_UP_FIELDS, toFollowUpFormValues, options.baseline ?? inputValues);
      if (!before.exitDate || !before.followUpDueDate) throw new ValidationError({}, ["participants.error.followUpWithoutExit"]);
      if (before.followUpDueDate > endOfTodayUtc(now)) throw new ValidationError({}, ["participants.error.followUpNotDue"]);
      const beforeValues = toFollowUpFormValues(asStored(before));
      const changed: string[] = FOLLOW_UP_FIELDS.filter((f) => beforeValues[f] !== inputValues[f]);
      if (changed.length === 0 && before.followUpRecordedAt) return { version: before.version, changed };
      // why: the six-month status describes the day the follow-up was due; that day's period governs.
      await assertDatesOpen(tx, projectId, [before.followUpDueDate]);
      const updated = await tx.participant.updateMany({
        where: { id, projectId, version: guard },
        data: { ...input, followUpRecordedAt: now, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new VersionMismatch();
      changed.push("followUpRecordedAt");
      await recordAudit(tx, { userId: actor.userId, projectId, action: "update", entity: PARTICIPANT_ENTITY, entityId: id, fields: changed, note: "follow_up" });
      return { version: guard + 1, changed };
    });
  } catch (error) {
    if (error instanceof VersionMismatch) {
      throw await buildConflict(projectId, id, FOLLOW_UP_FIELDS, toFollowUpFormValues, inputValues, options.baseline, { includeSensitive: false });
    }
    throw error;
  }
}

/** The stored record as entry-form values (for the edit page); sensitive values only when read with permission. */
export function entryFormValuesOf(participant: ParticipantDetail): EntryFormValues {
  return toEntryFormValues(participant as StoredParticipant);
}
