// GDPR duties for participant data: the copy of one person's data (Art. 15) and the anonymisation
// of identities once the project's retention period is over. Anonymising touches ParticipantIdentity
// only: the pseudonymous Participant record (characteristics, age at entry, results) stays exactly as
// it was, so every ESF figure stays the same. Values never reach the audit log, only field names.
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { SPECIAL_CATEGORY_FIELDS } from "./codes";
import { parseMissingFields } from "./derive";

// ---------------------------------------------------------------------------------------------
// Art. 15: copy of one person's data

export interface PersonDataExport {
  /** ISO timestamp of the export. */
  generatedAt: string;
  /** The controller's project the data belong to. */
  project: { code: string; title: string; sponsor: string | null; retentionYears: number };
  /** Legal basis of the processing (the same for every participant: the ESF Plus regulation). */
  legalBasis: string;
  identity: {
    firstName: string;
    lastName: string;
    birthDate: string | null;
    postcode: string;
    street: string | null;
    city: string | null;
    email: string | null;
    phone: string | null;
    privacyNoticeDate: string | null;
    anonymisedAt: string | null;
  } | null;
  esfRecord: {
    participantNo: string;
    programmeArea: string | null;
    gender: string | null;
    ageAtEntry: number | null;
    entryDate: string | null;
    employmentStatus: string | null;
    longTermUnemployed: boolean;
    educationLevel: string | null;
    disability: string | null;
    thirdCountryNational: string | null;
    foreignBackground: string | null;
    minority: string | null;
    homeless: string | null;
    ruralArea: string | null;
    complete: boolean;
    missingFields: string[];
    createdAt: string;
    updatedAt: string;
  };
  exit: {
    exitDate: string | null;
    exitStatus: string | null;
    qualificationGained: boolean | null;
    employabilityImproved: boolean | null;
    followUpDueDate: string | null;
    status6Months: string | null;
    situationImproved6Months: string | null;
    followUpRecordedAt: string | null;
  };
  attendances: { date: string; activity: string; activityType: string; durationMinutes: number; present: boolean; minutes: number }[];
  /** Changes to this record: when, what kind, which fields. Staff names are other people's data and left out. */
  history: { at: string; action: string; fields: string[] }[];
}

const day = (value: Date | null | undefined) => (value ? value.toISOString().slice(0, 10) : null);

function parseFields(raw: string): string[] {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Everything stored about one participant of the project (404 for another project's id): identity,
 * ESF record incl. special-category answers, exit and follow-up, attendances and the record's change
 * history without staff names. Writes an "export" and a "read_sensitive" audit event.
 */
export async function exportPersonData(projectId: string, participantId: string, actorId: string | null): Promise<PersonDataExport> {
  const participant = await db.participant.findFirst({
    where: { id: participantId, projectId },
    include: {
      identity: true,
      area: { select: { name: true } },
      project: { select: { code: true, title: true, sponsor: true, retentionYears: true } },
    },
  });
  if (!participant) notFound();
  const [attendances, history] = await Promise.all([
    db.attendance.findMany({
      where: { participantId, activity: { projectId } },
      orderBy: { activity: { startsAt: "asc" } },
      select: {
        present: true,
        minutes: true,
        activity: { select: { title: true, startsAt: true, durationMinutes: true, type: { select: { name: true } } } },
      },
    }),
    db.auditEvent.findMany({
      where: { projectId, entity: { in: ["Participant", "ParticipantIdentity"] }, entityId: participantId },
      orderBy: { at: "asc" },
      select: { at: true, action: true, fields: true },
    }),
  ]);

  const identity = participant.identity;
  const result: PersonDataExport = {
    generatedAt: new Date().toISOString(),
    project: participant.project,
    legalBasis: "Art. 6(1)(c) and (e) GDPR with Regulation (EU) 2021/1057 (ESF Plus), Annex I",
    identity: identity
      ? {
          firstName: identity.firstName,
          lastName: identity.lastName,
          birthDate: day(identity.birthDate),
          postcode: identity.postcode,
          street: identity.street,
          city: identity.city,
          email: identity.email,
          phone: identity.phone,
          privacyNoticeDate: day(identity.privacyNoticeDate),
          anonymisedAt: identity.anonymisedAt?.toISOString() ?? null,
        }
      : null,
    esfRecord: {
      participantNo: participant.participantNo,
      programmeArea: participant.area?.name ?? null,
      gender: participant.gender,
      ageAtEntry: participant.ageAtEntry,
      entryDate: day(participant.entryDate),
      employmentStatus: participant.employmentStatus,
      longTermUnemployed: participant.longTermUnemployed,
      educationLevel: participant.educationLevel,
      disability: participant.disability,
      thirdCountryNational: participant.thirdCountryNational,
      foreignBackground: participant.foreignBackground,
      minority: participant.minority,
      homeless: participant.homeless,
      ruralArea: participant.ruralArea,
      complete: participant.isComplete,
      missingFields: parseMissingFields(participant.missingFields),
      createdAt: participant.createdAt.toISOString(),
      updatedAt: participant.updatedAt.toISOString(),
    },
    exit: {
      exitDate: day(participant.exitDate),
      exitStatus: participant.exitStatus,
      qualificationGained: participant.qualificationGained,
      employabilityImproved: participant.employabilityImproved,
      followUpDueDate: day(participant.followUpDueDate),
      status6Months: participant.status6Months,
      situationImproved6Months: participant.situationImproved6Months,
      followUpRecordedAt: day(participant.followUpRecordedAt),
    },
    attendances: attendances.map((a) => ({
      date: a.activity.startsAt.toISOString(),
      activity: a.activity.title,
      activityType: a.activity.type.name,
      durationMinutes: a.activity.durationMinutes,
      present: a.present,
      minutes: a.minutes,
    })),
    history: history.map((h) => ({ at: h.at.toISOString(), action: h.action, fields: parseFields(h.fields) })),
  };

  await db.$transaction([
    db.auditEvent.create({
      data: { userId: actorId, projectId, action: "export", entity: "Participant", entityId: participantId, fields: "[]", note: "gdpr_art15" },
    }),
    db.auditEvent.create({
      data: {
        userId: actorId,
        projectId,
        action: "read_sensitive",
        entity: "Participant",
        entityId: participantId,
        fields: JSON.stringify(SPECIAL_CATEGORY_FIELDS),
        note: "gdpr_art15",
      },
    }),
  ]);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Anonymisation after the retention period

/** What anonymisation writes into an identity: names replaced, everything else identifying cleared. */
export const ANONYMISED_NAME = "anonymisiert";
/** Identity fields anonymisation overwrites (for the audit entry). */
export const ANONYMISED_FIELDS = ["firstName", "lastName", "searchName", "birthDate", "postcode", "street", "city", "email", "phone", "anonymisedAt"];

export interface RetentionProject {
  projectId: string;
  code: string;
  title: string;
  finalStatementDate: Date;
  retentionYears: number;
  /** finalStatementDate + retentionYears; identities are due once this lies in the past. */
  retentionEnd: Date;
  due: boolean;
  /** Identities not yet anonymised. */
  pending: number;
  anonymised: number;
}

/** The end of the retention period: the final statement date plus the years (29 Feb → 28 Feb). */
export function retentionEnd(finalStatementDate: Date, retentionYears: number): Date {
  const end = new Date(
    Date.UTC(finalStatementDate.getUTCFullYear() + retentionYears, finalStatementDate.getUTCMonth(), finalStatementDate.getUTCDate()),
  );
  if (end.getUTCDate() !== finalStatementDate.getUTCDate()) end.setUTCDate(0);
  return end;
}

/** Every project with a final statement date: its retention end and how many identities are still kept. */
export async function listRetention(now = new Date()): Promise<RetentionProject[]> {
  const projects = await db.project.findMany({
    where: { finalStatementDate: { not: null } },
    orderBy: { code: "asc" },
    select: { id: true, code: true, title: true, finalStatementDate: true, retentionYears: true },
  });
  const [pending, anonymised] = await Promise.all([
    db.participantIdentity.groupBy({ by: ["projectId"], where: { anonymisedAt: null }, _count: { _all: true } }),
    db.participantIdentity.groupBy({ by: ["projectId"], where: { anonymisedAt: { not: null } }, _count: { _all: true } }),
  ]);
  const pendingBy = new Map(pending.map((p) => [p.projectId, p._count._all]));
  const anonymisedBy = new Map(anonymised.map((p) => [p.projectId, p._count._all]));
  return projects.map((p) => {
    const end = retentionEnd(p.finalStatementDate!, p.retentionYears);
    return {
      projectId: p.id,
      code: p.code,
      title: p.title,
      finalStatementDate: p.finalStatementDate!,
      retentionYears: p.retentionYears,
      retentionEnd: end,
      due: end.getTime() < now.getTime(),
      pending: pendingBy.get(p.id) ?? 0,
      anonymised: anonymisedBy.get(p.id) ?? 0,
    };
  });
}

/**
 * Projects whose retention period is over (finalStatementDate + retentionYears < now) with identities
 * not yet anonymised. Projects without a final statement date are never due.
 */
export async function findIdentitiesDueForAnonymisation(now = new Date()): Promise<RetentionProject[]> {
  return (await listRetention(now)).filter((p) => p.due && p.pending > 0);
}

export interface AnonymisationResult {
  dryRun: boolean;
  projects: { projectId: string; code: string; title: string; count: number }[];
  total: number;
}

/**
 * Anonymises every identity that is due (see findIdentitiesDueForAnonymisation): names become
 * "anonymisiert", birth date, address and contact are cleared, the postcode emptied, anonymisedAt set.
 * The Participant records are not touched, so ESF figures stay identical. With `dryRun` only counts.
 * One transaction; audit: an "anonymise" entry per participant and one per project (field names only).
 */
export async function anonymiseIdentities(options: { dryRun: boolean; now?: Date }, actorId: string | null): Promise<AnonymisationResult> {
  const now = options.now ?? new Date();
  const due = await findIdentitiesDueForAnonymisation(now);
  if (options.dryRun) {
    return {
      dryRun: true,
      projects: due.map((p) => ({ projectId: p.projectId, code: p.code, title: p.title, count: p.pending })),
      total: due.reduce((sum, p) => sum + p.pending, 0),
    };
  }
  const projects: AnonymisationResult["projects"] = [];
  await db.$transaction(
    async (tx) => {
      for (const project of due) {
        const ids = (
          await tx.participantIdentity.findMany({ where: { projectId: project.projectId, anonymisedAt: null }, select: { participantId: true } })
        ).map((i) => i.participantId);
        if (ids.length === 0) continue;
        await tx.participantIdentity.updateMany({
          where: { projectId: project.projectId, anonymisedAt: null },
          data: {
            firstName: ANONYMISED_NAME,
            lastName: ANONYMISED_NAME,
            searchName: `${ANONYMISED_NAME} ${ANONYMISED_NAME}`,
            birthDate: null,
            postcode: "",
            street: null,
            city: null,
            email: null,
            phone: null,
            anonymisedAt: now,
          },
        });
        const fields = JSON.stringify(ANONYMISED_FIELDS);
        for (let i = 0; i < ids.length; i += 1000) {
          await tx.auditEvent.createMany({
            data: ids.slice(i, i + 1000).map((participantId) => ({
              at: now,
              userId: actorId,
              projectId: project.projectId,
              action: "anonymise",
              entity: "Participant",
              entityId: participantId,
              fields,
              note: "retention period over",
            })),
          });
        }
        await tx.auditEvent.create({
          data: {
            at: now,
            userId: actorId,
            projectId: project.projectId,
            action: "anonymise",
            entity: "ParticipantIdentity",
            entityId: null,
            fields,
            note: `${ids.length} identities anonymised, retention period ended ${day(project.retentionEnd)}`,
          },
        });
        projects.push({ projectId: project.projectId, code: project.code, title: project.title, count: ids.length });
      }
    },
    { timeout: 300_000, maxWait: 20_000 },
  );
  return { dryRun: false, projects, total: projects.reduce((sum, p) => sum + p.count, 0) };
}
