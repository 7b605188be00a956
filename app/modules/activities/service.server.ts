// Activities and attendance: the coordinators' daily path. Every query is scoped by project, so an id
// of another project is simply not found (404) — or, for ids inside a form (type, area, partner, staff,
// attendees), a validation error: nothing is dropped silently. Every change writes an audit entry in
// the same transaction (field names only; attendance changes are counted, never listed).
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { assertDatesOpen } from "~/modules/periods/lock.server";
import { db, type Tx } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import type { MessageKey } from "~/utils/i18n";
import { ValidationError, type FieldErrors } from "~/utils/validation";
import {
  ACTIVITY_PAGE_SIZE,
  activitySchema,
  activityTypeCreateSchema,
  activityTypeUpdateSchema,
  attendeesSchema,
  berlinDayStart,
  berlinToInstant,
  instantToBerlin,
  parseParts,
  SEARCH_LIMIT,
  seriesDays,
  seriesSchema,
  type ActivityInput,
  type ActivityListQuery,
  type ActivityTypeCreateInput,
  type ActivityTypeUpdateInput,
  type ActivityValues,
  type AttendeeInput,
  type AttendeeValues,
  type SeriesInput,
} from "./schema";

export interface Actor {
  id: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** Thrown when an update names a version that is no longer current (someone saved meanwhile). */
export class ActivityConflictError extends Error {
  constructor() {
    super("activity was changed meanwhile");
    this.name = "ActivityConflictError";
  }
}

// ---------------------------------------------------------------------------------------------- activity types

/** The built-in catalogue per kind of action field, from the activities seen in BIWAQ projects (domain.md). */
export const DEFAULT_ACTIVITY_TYPES: Record<"employment" | "economy" | "neighbourhood", string[]> = {
  employment: [
    "Individuelle Kompetenzanalyse",
    "Coaching (Einzelgespräch)",
    "Bewerbungstraining",
    "Berufswegeplanung",
    "Anerkennung ausländischer Berufsabschlüsse",
    "Vermittlung in Praktikum, Ausbildung oder Arbeit",
    "Nachbetreuung nach Vermittlung",
    "Soft-Skill-Kurs",
    "Kreativkurs",
    "Mobilitätstraining",
    "Suchtprävention",
    "Grundbildungskurs",
    "Digitalkurs",
    "Peer-to-Peer-Angebot",
    "Schnuppertraining",
  ],
  economy: [
    "Beratung lokaler Unternehmen",
    "Veranstaltung für lokale Unternehmen",
    "Beratung von Solo-Selbstständigen",
    "Online-Marktplatz",
    "Leerstands- und Schaufensterbelebung",
    "Netzwerktreffen",
  ],
  neighbourhood: ["Stadtteiltreff", "Nachbarschaftstisch", "Stadtteilfest / Quartiersveranstaltung"],
};

/** Which default list fits an action field: HF 1 employment, HF 2 local economy, anything else neighbourhood. */
export function defaultCatalogueKind(field: { code: string; name: string }): keyof typeof DEFAULT_ACTIVITY_TYPES {
  const code = field.code.toLowerCase().replace(/[\s_.-]/g, "");
  if (code === "hf1" || /beschäftigung|employment/i.test(field.name)) return "employment";
  if (code === "hf2" || /ökonomie|wirtschaft|economy/i.test(field.name)) return "economy";
  return "neighbourhood";
}

/**
 * Seeds the default catalogue for every action field of the project that has no activity type yet.
 * Idempotent; returns how many types it created (0 when every field already has its catalogue).
 */
export async function ensureDefaultActivityTypes(projectId: string, actor: Actor | null = null): Promise<number> {
  return db.$transaction((tx) => seedDefaultActivityTypes(tx, projectId, actor?.id ?? null));
}

/**
 * Inside the caller's transaction: the default catalogue for the project's action fields (only those in
 * `actionFieldIds` when given) that have no activity type yet; one audit entry per field. Returns the count.
 */
export async function seedDefaultActivityTypes(tx: Tx, projectId: string, userId: string | null, actionFieldIds?: string[]): Promise<number> {
  const fields = await tx.projectActionField.findMany({
    where: {
      projectId,
      ...(actionFieldIds ? { actionFieldId: { in: actionFieldIds } } : {}),
      actionField: { activityTypes: { none: { projectId } } },
    },
    select: { actionField: { select: { id: true, code: true, name: true } } },
  });
  let created = 0;
  for (const { actionField } of fields) {
    const names = DEFAULT_ACTIVITY_TYPES[defaultCatalogueKind(actionField)];
    const result = await tx.activityType.createMany({
      data: names.map((name, index) => ({ projectId, actionFieldId: actionField.id, name, sortOrder: (index + 1) * 10 })),
    });
    created += result.count;
    await recordAudit(tx, {
      userId,
      projectId,
      action: "create",
      entity: "ActivityType",
      fields: ["actionFieldId", "name", "sortOrder"],
      note: `default catalogue: ${result.count}`,
    });
  }
  return created;
}

/** The project's activity types with their action field and how often each is used. */
export async function listActivityTypes(projectId: string, options: { includeInactive?: boolean } = {}) {
  const types = await db.activityType.findMany({
    where: { projectId, ...(options.includeInactive ? {} : { active: true }) },
    orderBy: [{ actionField: { sortOrder: "asc" } }, { sortOrder: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      active: true,
      sortOrder: true,
      actionFieldId: true,
      actionField: { select: { code: true, name: true, nameEn: true } },
      _count: { select: { activities: true } },
    },
  });
  return types.map(({ _count, ...type }) => ({ ...type, usage: _count.activities }));
}

async function requireProjectActionField(tx: Tx, projectId: string, actionFieldId: string): Promise<void> {
  const link = await tx.projectActionField.findUnique({ where: { projectId_actionFieldId: { projectId, actionFieldId } } });
  if (!link) throw new ValidationError({ actionFieldId: ["activities.error.actionFieldUnknown"] });
}

async function requireUniqueTypeName(tx: Tx, projectId: string, actionFieldId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.activityType.findFirst({ where: { projectId, actionFieldId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new ValidationError({ name: ["activities.error.typeExists"] });
}

/** Adds a type to the catalogue of one of the project's action fields; names are unique per field. */
export async function createActivityType(projectId: string, input: ActivityTypeCreateInput, actor: Actor) {
  const parsed = parseParts({ type: [activityTypeCreateSchema, input] });
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const values = parsed.data.type;
  return db.$transaction(async (tx) => {
    await requireProjectActionField(tx, projectId, values.actionFieldId);
    await requireUniqueTypeName(tx, projectId, values.actionFieldId, values.name);
    const type = await tx.activityType.create({ data: { projectId, ...values }, select: { id: true } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "create", entity: "ActivityType", entityId: type.id, fields: ["actionFieldId", "name", "sortOrder"] });
    return type;
  });
}

/** Renames, reorders, deactivates or reactivates a type. */
export async function updateActivityType(projectId: string, typeId: string, input: ActivityTypeUpdateInput, actor: Actor) {
  const parsed = parseParts({ type: [activityTypeUpdateSchema, input] });
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const values = parsed.data.type;
  return db.$transaction(async (tx) => {
    const current = await tx.activityType.findFirst({ where: { id: typeId, projectId } });
    if (!current) notFound();
    await requireUniqueTypeName(tx, projectId, current.actionFieldId, values.name, typeId);
    const fields = changedFields(current, values);
    if (!fields.length) return { id: typeId };
    await tx.activityType.update({ where: { id: typeId }, data: values });
    await recordAudit(tx, { userId: actor.id, projectId, action: "update", entity: "ActivityType", entityId: typeId, fields });
    return { id: typeId };
  });
}

/** Deletes an unused type; a type in use is deactivated instead (its activities keep it). */
export async function deleteActivityType(projectId: string, typeId: string, actor: Actor): Promise<{ deactivated: boolean }> {
  return db.$transaction(async (tx) => {
    const current = await tx.activityType.findFirst({ where: { id: typeId, projectId }, select: { id: true, active: true, _count: { select: { activities: true } } } });
    if (!current) notFound();
    if (current._count.activities > 0) {
      if (current.active) {
        await tx.activityType.update({ where: { id: typeId }, data: { active: false } });
        await recordAudit(tx, { userId: actor.id, projectId, action: "update", entity: "ActivityType", entityId: typeId, fields: ["active"], note: "in use: deactivated instead of deleted" });
      }
      return { deactivated: true };
    }
    await tx.activityType.delete({ where: { id: typeId } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "delete", entity: "ActivityType", entityId: typeId });
    return { deactivated: false };
  });
}

// ---------------------------------------------------------------------------------------------- validation helpers

function addError(errors: FieldErrors, field: string, message: MessageKey) {
  (errors[field] ??= []).push(message);
}

interface ReferenceCheck {
  typeId: string;
  /** The type the activity had before (an inactive type may stay on an existing activity). */
  previousTypeId?: string;
  areaId: string | null;
  partnerId: string | null;
  staffUserId: string | null;
  days: Date[];
  dateField: string;
  participantIds: string[];
}

/**
 * Checks every id of a form against the project (inside the writing transaction): type, area, partner,
 * staff member, attendees, and that every date lies in the project's duration. Returns the type's
 * action field and name; throws a ValidationError listing every problem.
 */
async function checkReferences(tx: Tx, projectId: string, check: ReferenceCheck) {
  const [project, type, area, partner, staff, participants] = await Promise.all([
    tx.project.findUnique({ where: { id: projectId }, select: { startDate: true, endDate: true } }),
    tx.activityType.findFirst({ where: { id: check.typeId, projectId }, select: { id: true, actionFieldId: true, name: true, active: true } }),
    check.areaId ? tx.projectArea.findUnique({ where: { projectId_areaId: { projectId, areaId: check.areaId } }, select: { areaId: true } }) : null,
    check.partnerId ? tx.partner.findFirst({ where: { id: check.partnerId, projectId }, select: { id: true } }) : null,
    check.staffUserId
      ? tx.projectMembership.findUnique({ where: { projectId_userId: { projectId, userId: check.staffUserId } }, select: { userId: true } })
      : null,
    check.participantIds.length
      ? tx.participant.findMany({ where: { projectId, id: { in: check.participantIds } }, select: { id: true } })
      : [],
  ]);
  if (!project) notFound();
  const errors: FieldErrors = {};
  if (!type) addError(errors, "typeId", "activities.error.typeUnknown");
  else if (!type.active && type.id !== check.previousTypeId) addError(errors, "typeId", "activities.error.typeInactive");
  if (check.areaId && !area) addError(errors, "areaId", "activities.error.areaUnknown");
  if (check.partnerId && !partner) addError(errors, "partnerId", "activities.error.partnerUnknown");
  if (check.staffUserId && !staff) addError(errors, "staffUserId", "activities.error.staffUnknown");
  if (participants.length !== check.participantIds.length) {
    const known = new Set(participants.map((p) => p.id));
    for (const id of check.participantIds) if (!known.has(id)) addError(errors, `attendee.${id}`, "activities.error.attendeeUnknown");
    addError(errors, "attendees", "activities.error.attendeeUnknown");
  }
  if (check.days.some((day) => day < project.startDate || day > project.endDate)) addError(errors, check.dateField, "activities.error.outsideProject");
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return type!;
}

/** The attendance rows to store: present rows default to the activity's duration; absent ones count 0 minutes. */
function attendanceRows(attendees: AttendeeValues[], durationMinutes: number) {
  return attendees.map((a) => ({
    participantId: a.participantId,
    present: a.present,
    minutes: a.present ? (a.minutes ?? durationMinutes) : 0,
  }));
}

function activityData(values: ActivityValues, typeName: string, actionFieldId: string) {
  return {
    typeId: values.typeId,
    actionFieldId,
    format: values.format,
    title: values.title ?? typeName,
    notes: values.notes,
    startsAt: berlinToInstant(values.date, values.time),
    durationMinutes: values.duration,
    areaId: values.areaId,
    partnerId: values.partnerId,
    staffUserId: values.staffUserId,
  };
}

const AUDITED_ACTIVITY_FIELDS = ["typeId", "actionFieldId", "format", "title", "notes", "startsAt", "durationMinutes", "areaId", "partnerId", "staffUserId"] as const;

function setFields(row: Record<string, unknown>): string[] {
  return AUDITED_ACTIVITY_FIELDS.filter((f) => row[f] !== null && row[f] !== undefined);
}

// ---------------------------------------------------------------------------------------------- log, series

/**
 * Logs one activity with its attendance in one transaction: the activity, one row per attendee
 * (createMany) and the audit entry. Throws a ValidationError — and writes nothing — when a value is
 * invalid, a date lies outside the project, or an id (type, area, partner, staff, attendee) is not
 * the project's.
 */
export async function logActivity(projectId: string, input: ActivityInput, attendees: AttendeeInput[], actor: Actor): Promise<{ id: string }> {
  const parsed = parseParts({ activity: [activitySchema, input], attendees: [attendeesSchema, attendees] });
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const { activity: values, attendees: rows } = parsed.data;
  return db.$transaction(async (tx) => {
    const type = await checkReferences(tx, projectId, {
      ...values,
      days: [values.date],
      dateField: "date",
      participantIds: rows.map((r) => r.participantId),
    });
    await assertDatesOpen(tx, projectId, [values.date]);
    const row = activityData(values, type.name, type.actionFieldId);
    const activity = await tx.activity.create({ data: { projectId, ...row }, select: { id: true } });
    if (rows.length) {
      await tx.attendance.createMany({ data: attendanceRows(rows, values.duration).map((a) => ({ activityId: activity.id, ...a })) });
    }
    await recordAudit(tx, {
      userId: actor.id,
      projectId,
      action: "create",
      entity: "Activity",
      entityId: activity.id,
      fields: [...setFields(row), ...(rows.length ? ["attendance"] : [])],
      note: rows.length ? `attendance +${rows.length}` : undefined,
    });
    return activity;
  });
}

/**
 * Creates a series (e.g. a course with 12 weekly dates) at once: the series and one activity per date,
 * all with the same fields; with `copyAttendees` the given attendees are recorded for every date.
 * One transaction; validation as logActivity (every date must lie in the project).
 */
export async function createSeries(
  projectId: string,
  input: ActivityInput & SeriesInput,
  attendees: AttendeeInput[],
  actor: Actor,
): Promise<{ seriesId: string; activityIds: string[] }> {
  const parsed = parseParts({ activity: [activitySchema, input], series: [seriesSchema, input], attendees: [attendeesSchema, attendees] });
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const { activity: values, series, attendees: allRows } = parsed.data;
  const days = seriesDays(values.date, series);
  if (days.length < 2) throw new ValidationError({ [series.repeat === "weekly" ? "weeks" : "dates"]: ["activities.error.seriesTooShort"] });
  if (days.length > 100) throw new ValidationError({ dates: ["activities.error.seriesTooLong"] });
  const rows = series.copyAttendees ? allRows : [];
  return db.$transaction(async (tx) => {
    const type = await checkReferences(tx, projectId, {
      ...values,
      days,
      dateField: series.repeat === "weekly" ? "weeks" : "dates",
      participantIds: rows.map((r) => r.participantId),
    });
    await assertDatesOpen(tx, projectId, days);
    const base = activityData(values, type.name, type.actionFieldId);
    const created = await tx.activitySeries.create({ data: { projectId, title: series.seriesTitle ?? base.title }, select: { id: true } });
    await recordAudit(tx, { userId: actor.id, projectId, action: "create", entity: "ActivitySeries", entityId: created.id, fields: ["title"], note: `dates: ${days.length}` });
    const activityIds: string[] = [];
    for (const day of days) {
      const row = { ...base, startsAt: berlinToInstant(day, values.time), seriesId: created.id };
      const activity = await tx.activity.create({ data: { projectId, ...row }, select: { id: true } });
      activityIds.push(activity.id);
      await recordAudit(tx, {
        userId: actor.id,
        projectId,
        action: "create",
        entity: "Activity",
        entityId: activity.id,
        fields: [...setFields(row), "seriesId", ...(rows.length ? ["attendance"] : [])],
        note: rows.length ? `attendance +${rows.length}` : undefined,
      });
    }
    if (rows.length) {
      const attendance = attendanceRows(rows, values.duration);
      await tx.attendance.createMany({ data: activityIds.flatMap((activityId) => attendance.map((a) => ({ activityId, ...a }))) });
    }
    return { seriesId: created.id, activityIds };
  });
}

// ---------------------------------------------------------------------------------------------- update, delete

/**
 * Saves an edited activity and its attendance grid. `version` is the version the form was loaded with:
 * when someone saved in between, nothing is written and ActivityConflictError is thrown. Attendance is
 * diffed: new rows are added, missing rows removed, changed rows updated; one audit entry names the
 * changed fields (plus "attendance" with counts). Returns the new version.
 */
export async function updateActivity(
  projectId: string,
  activityId: string,
  input: ActivityInput,
  attendees: AttendeeInput[],
  version: number,
  actor: Actor,
): Promise<{ id: string; version: number }> {
  const parsed = parseParts({ activity: [activitySchema, input], attendees: [attendeesSchema, attendees] });
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const { activity: values, attendees: rows } = parsed.data;
  return db.$transaction(async (tx) => {
    const current = await tx.activity.findFirst({
      where: { id: activityId, projectId },
      select: {
        version: true,
        typeId: true,
        actionFieldId: true,
        format: true,
        title: true,
        notes: true,
        startsAt: true,
        durationMinutes: true,
        areaId: true,
        partnerId: true,
        staffUserId: true,
        attendances: { select: { id: true, participantId: true, present: true, minutes: true } },
      },
    });
    if (!current) notFound();
    if (current.version !== version) throw new ActivityConflictError();
    const type = await checkReferences(tx, projectId, {
      ...values,
      previousTypeId: current.typeId,
      days: [values.date],
      dateField: "date",
      participantIds: rows.map((r) => r.participantId),
    });
    const row = activityData(values, type.name, type.actionFieldId);
    const fields = changedFields(current, row);

    const wanted = attendanceRows(rows, values.duration);
    const existing = new Map(current.attendances.map((a) => [a.participantId, a]));
    const added = wanted.filter((a) => !existing.has(a.participantId));
    const wantedIds = new Set(wanted.map((a) => a.participantId));
    const removed = current.attendances.filter((a) => !wantedIds.has(a.participantId));
    const changed = wanted.filter((a) => {
      const before = existing.get(a.participantId);
      return before && (before.present !== a.present || before.minutes !== a.minutes);
    });
    const attendanceChanged = added.length + removed.length + changed.length > 0;
    if (!fields.length && !attendanceChanged) return { id: activityId, version: current.version };
    // why: the Berlin calendar day of the stored instant; neither the old nor the new day may be closed.
    await assertDatesOpen(tx, projectId, [instantToBerlin(current.startsAt).day, values.date]);

    // why: the version in the WHERE makes a concurrent save lose cleanly even between our read and write.
    const result = await tx.activity.updateMany({ where: { id: activityId, projectId, version }, data: { ...row, version: { increment: 1 } } });
    if (result.count !== 1) throw new ActivityConflictError();
    if (removed.length) await tx.attendance.deleteMany({ where: { activityId, id: { in: removed.map((a) => a.id) } } });
    if (added.length) await tx.attendance.createMany({ data: added.map((a) => ({ activityId, ...a })) });
    for (const a of changed) {
      await tx.attendance.update({ where: { activityId_participantId: { activityId, participantId: a.participantId } }, data: { present: a.present, minutes: a.minutes } });
    }
    await recordAudit(tx, {
      userId: actor.id,
      projectId,
      action: "update",
      entity: "Activity",
      entityId: activityId,
      fields: [...fields, ...(attendanceChanged ? ["attendance"] : [])],
      note: attendanceChanged ? `attendance +${added.length} -${removed.length} ~${changed.length}` : undefined,
    });
    return { id: activityId, version: version + 1 };
  });
}

/** Deletes an activity with its attendance (supports linked to it stay, unlinked). Version-checked, audited. */
export async function deleteActivity(projectId: string, activityId: string, version: number | null, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.activity.findFirst({ where: { id: activityId, projectId }, select: { version: true, startsAt: true, _count: { select: { attendances: true } } } });
    if (!current) notFound();
    if (version !== null && current.version !== version) throw new ActivityConflictError();
    await assertDatesOpen(tx, projectId, [instantToBerlin(current.startsAt).day]);
    const result = await tx.activity.deleteMany({ where: { id: activityId, projectId, ...(version !== null ? { version } : {}) } });
    if (result.count !== 1) throw new ActivityConflictError();
    await recordAudit(tx, { userId: actor.id, projectId, action: "delete", entity: "Activity", entityId: activityId, note: `attendance -${current._count.attendances}` });
  });
}

// ---------------------------------------------------------------------------------------------- reads

/** One page of the project's activities, newest first, filtered by period, type, action field and area. */
export async function listActivities(projectId: string, query: Partial<ActivityListQuery> = {}) {
  const page = query.page ?? 1;
  const startsAt: { gte?: Date; lt?: Date } = {};
  if (query.from) startsAt.gte = berlinDayStart(query.from);
  if (query.to) startsAt.lt = berlinDayStart(new Date(query.to.getTime() + DAY_MS));
  const where = {
    projectId,
    ...(query.from || query.to ? { startsAt } : {}),
    ...(query.typeId ? { typeId: query.typeId } : {}),
    ...(query.actionFieldId ? { actionFieldId: query.actionFieldId } : {}),
    ...(query.areaId ? { areaId: query.areaId } : {}),
  };
  const [total, items] = await Promise.all([
    db.activity.count({ where }),
    db.activity.findMany({
      where,
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        format: true,
        startsAt: true,
        durationMinutes: true,
        type: { select: { name: true } },
        actionField: { select: { code: true } },
        area: { select: { name: true } },
        series: { select: { title: true } },
        _count: { select: { attendances: { where: { present: true } } } },
      },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)),
    items: items.map(({ _count, ...a }) => ({ ...a, presentCount: _count.attendances })),
  };
}

export interface AttendeeOption {
  id: string;
  participantNo: string;
  /** "Last, First" for roles that may see identities; null otherwise. */
  name: string | null;
  areaName: string | null;
}

const participantOptionSelect = (withNames: boolean) =>
  ({
    id: true,
    participantNo: true,
    area: { select: { name: true } },
    ...(withNames ? { identity: { select: { firstName: true, lastName: true } } } : {}),
  }) as const;

function toOption(p: { id: string; participantNo: string; area: { name: string } | null; identity?: { firstName: string; lastName: string } | null }, withNames: boolean): AttendeeOption {
  return {
    id: p.id,
    participantNo: p.participantNo,
    name: withNames && p.identity ? `${p.identity.lastName}, ${p.identity.firstName}` : null,
    areaName: p.area?.name ?? null,
  };
}

/** One activity with its attendance (names only `withNames`) and the organisations' supports linked to it; 404 when not the project's. */
export async function getActivity(projectId: string, activityId: string, options: { withNames: boolean }) {
  const activity = await db.activity.findFirst({
    where: { id: activityId, projectId },
    select: {
      id: true,
      typeId: true,
      format: true,
      title: true,
      notes: true,
      startsAt: true,
      durationMinutes: true,
      areaId: true,
      partnerId: true,
      staffUserId: true,
      seriesId: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      type: { select: { name: true, active: true } },
      actionField: { select: { code: true, name: true, nameEn: true } },
      area: { select: { name: true } },
      partner: { select: { name: true } },
      staffUser: { select: { name: true } },
      series: { select: { id: true, title: true, _count: { select: { activities: true } } } },
      attendances: {
        select: { participantId: true, present: true, minutes: true, participant: { select: participantOptionSelect(options.withNames) } },
        orderBy: { participant: { participantNo: "asc" } },
      },
      supports: { select: { id: true, type: true, organisation: { select: { id: true, name: true } } }, orderBy: { date: "asc" } },
    },
  });
  if (!activity) notFound();
  const { attendances, ...rest } = activity;
  return {
    ...rest,
    attendances: attendances.map((a) => ({ present: a.present, minutes: a.minutes, participant: toOption(a.participant, options.withNames) })),
    presentCount: attendances.filter((a) => a.present).length,
  };
}

/** Participants of the project by number or name (case-insensitive), optionally of one area and active on a day; at most `limit`. */
export async function searchParticipantsForAttendance(
  projectId: string,
  query: { q?: string; areaId?: string | null; onDate?: Date | null; withNames: boolean; limit?: number },
): Promise<AttendeeOption[]> {
  const q = (query.q ?? "").trim().slice(0, 100);
  const lower = q.toLowerCase();
  const conditions: object[] = [{ projectId }];
  if (q) {
    const byNumber = [{ participantNo: { contains: q } }, { participantNo: { contains: q.toUpperCase() } }];
    // why: searchName is stored lower-cased ("last first"), so a contains on it is case-insensitive on both providers.
    const byName = query.withNames ? lower.split(" ").map((word) => ({ identity: { searchName: { contains: word } } })) : [];
    conditions.push({ OR: [...byNumber, ...(byName.length ? [{ AND: byName }] : [])] });
  }
  if (query.areaId) conditions.push({ areaId: query.areaId });
  if (query.onDate) {
    conditions.push({ OR: [{ entryDate: null }, { entryDate: { lte: query.onDate } }] });
    conditions.push({ OR: [{ exitDate: null }, { exitDate: { gte: query.onDate } }] });
  }
  const participants = await db.participant.findMany({
    where: { AND: conditions },
    orderBy: [{ participantNo: "asc" }],
    take: Math.min(query.limit ?? SEARCH_LIMIT, SEARCH_LIMIT),
    select: participantOptionSelect(query.withNames),
  });
  return participants.map((p) => toOption(p, query.withNames));
}

/** Display rows for given participant ids of the project, in the given order (unknown ids are left out). */
export async function describeAttendees(projectId: string, ids: string[], withNames: boolean): Promise<AttendeeOption[]> {
  if (!ids.length) return [];
  const participants = await db.participant.findMany({ where: { projectId, id: { in: ids } }, select: participantOptionSelect(withNames) });
  const byId = new Map(participants.map((p) => [p.id, toOption(p, withNames)]));
  return ids.map((id) => byId.get(id)).filter((p): p is AttendeeOption => Boolean(p));
}

/**
 * The group of the most recent session of the same series (else type; else any activity of the
 * project): its participant ids (present or not), in participant number order. Only sessions before
 * `before` count when given; `excludeActivityId` skips the activity being edited. null when none.
 */
export async function lastSessionGroup(
  projectId: string,
  options: { typeId?: string | null; seriesId?: string | null; before?: Date | null; excludeActivityId?: string | null } = {},
): Promise<{ activityId: string; startsAt: Date; participantIds: string[] } | null> {
  const activity = await db.activity.findFirst({
    where: {
      projectId,
      ...(options.seriesId ? { seriesId: options.seriesId } : options.typeId ? { typeId: options.typeId } : {}),
      ...(options.before ? { startsAt: { lt: options.before } } : {}),
      ...(options.excludeActivityId ? { NOT: { id: options.excludeActivityId } } : {}),
      attendances: { some: {} },
    },
    orderBy: [{ startsAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, startsAt: true, attendances: { select: { participantId: true }, orderBy: { participant: { participantNo: "asc" } } } },
  });
  if (!activity) return null;
  return { activityId: activity.id, startsAt: activity.startsAt, participantIds: activity.attendances.map((a) => a.participantId) };
}

/** Everything the activity form offers to pick from: types (active ones plus `includeTypeId`), areas, partners, staff. */
export async function getActivityFormOptions(projectId: string, includeTypeId?: string) {
  const [types, areas, partners, staff, project] = await Promise.all([
    db.activityType.findMany({
      where: { projectId, OR: [{ active: true }, ...(includeTypeId ? [{ id: includeTypeId }] : [])] },
      orderBy: [{ actionField: { sortOrder: "asc" } }, { sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true, active: true, actionFieldId: true, actionField: { select: { code: true, name: true, nameEn: true } } },
    }),
    db.projectArea.findMany({ where: { projectId }, select: { area: { select: { id: true, name: true } } } }),
    db.partner.findMany({ where: { projectId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.projectMembership.findMany({
      where: { projectId, role: { in: ["lead", "coordinator"] } },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } } },
    }),
    db.project.findUnique({ where: { id: projectId }, select: { startDate: true, endDate: true } }),
  ]);
  if (!project) notFound();
  return {
    types,
    areas: areas.map((a) => a.area).sort((a, b) => a.name.localeCompare(b.name, "de")),
    partners,
    staff: staff.map((m) => m.user),
    projectStart: project.startDate,
    projectEnd: project.endDate,
  };
}

/** The filter choices of the activity list: types (all), the project's action fields and areas. */
export async function getActivityListFilters(projectId: string) {
  const [types, fields, areas] = await Promise.all([
    db.activityType.findMany({ where: { projectId }, orderBy: [{ name: "asc" }], select: { id: true, name: true } }),
    db.projectActionField.findMany({ where: { projectId }, select: { actionField: { select: { id: true, code: true, name: true, nameEn: true, sortOrder: true } } } }),
    db.projectArea.findMany({ where: { projectId }, select: { area: { select: { id: true, name: true } } } }),
  ]);
  return {
    types,
    actionFields: fields.map((f) => f.actionField).sort((a, b) => a.sortOrder - b.sortOrder),
    areas: areas.map((a) => a.area).sort((a, b) => a.name.localeCompare(b.name, "de")),
  };
}

/** The project's action fields (for the type catalogue form). */
export async function listProjectActionFields(projectId: string) {
  const fields = await db.projectActionField.findMany({ where: { projectId }, select: { actionField: { select: { id: true, code: true, name: true, nameEn: true, sortOrder: true } } } });
  return fields.map((f) => f.actionField).sort((a, b) => a.sortOrder - b.sortOrder);
}

/** The default day for a new activity: today in Berlin, kept inside the project's duration. */
export function defaultActivityDay(projectStart: Date, projectEnd: Date, now = new Date()): Date {
  const today = instantToBerlin(now).day;
  if (today < projectStart) return projectStart;
  if (today > projectEnd) return projectEnd;
  return today;
}

/** Activities of the project to link a support to (newest first, at most `take`). */
export async function listActivitiesForLinking(projectId: string, take = 200) {
  return db.activity.findMany({
    where: { projectId },
    orderBy: { startsAt: "desc" },
    take,
    select: { id: true, title: true, startsAt: true },
  });
}

/**
 * The grid rows to show again after a failed save: the posted rows (present flag and hours exactly as
 * typed) with number and name looked up in the project; ids of other projects are left out.
 */
export async function echoAttendeeRows(
  projectId: string,
  posted: { participantId: string; present: boolean; minutes: string }[],
  withNames: boolean,
  /** The duration as typed: rows with exactly these hours keep following the duration field. */
  durationText = "",
): Promise<{ id: string; participantNo: string; name: string | null; areaName: string | null; present: boolean; hours: string | null }[]> {
  const ids = posted.map((p) => p.participantId).filter((id) => /^[a-z0-9_-]{1,64}$/i.test(id));
  const known = new Map((await describeAttendees(projectId, ids, withNames)).map((p) => [p.id, p]));
  return posted.flatMap((row) => {
    const participant = known.get(row.participantId);
    const follows = !row.present || row.minutes.trim() === "" || row.minutes.trim() === durationText.trim();
    return participant ? [{ ...participant, present: row.present, hours: follows ? null : row.minutes }] : [];
  });
}
