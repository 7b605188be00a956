// A large, realistic data set for load tests and benchmarks (`biwaq demo generate`): projects built on
// the demo project specs, each with thousands of participants (derived values included), supported
// organisations with supports, course series and individual coaching with attendance, targets,
// milestones and money. Deterministic for a seed: the same content, and the same ids for projects,
// participants, organisations, activities and attendance (the demo generator's frame rows get random ids).
// Written with multi-row INSERTs (bulk-insert.server.ts), one transaction and one audit entry per project.
import { recordAudit } from "~/modules/audit/service.server";
import { deriveParticipantValues } from "~/modules/participants/derive";
import { searchNameFor } from "~/modules/participants/schema";
import { createUser, setProjectRole } from "~/modules/users/service.server";
import { db, getDbHandle, type Prisma, type Tx } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";
import { insertModelRows } from "./bulk-insert.server";
import {
  BUSINESS_TEMPLATES,
  DEMO_AREAS,
  DEMO_PASSWORD,
  DEMO_PROJECTS,
  DEMO_USERS,
  FOREIGN_LAST_NAMES,
  LAST_NAMES,
  type DemoActivityTypeSpec,
  type DemoProjectSpec,
} from "./data";
import {
  addDays,
  atHour,
  daysBetween,
  drawBirthDate,
  drawEducation,
  drawLeaverResults,
  firstNamesFor,
  generateProjectRows,
  randomDay,
  utcDate,
  weekday,
} from "./generate";
import { createRandom, type Random } from "./random";
import { ensureReferenceData } from "./seed.server";

/** Password of the logins `generateLargeDataSet` creates when the demo logins are not there. */
export const BENCH_PASSWORD = "biwaq-bench-2026";

/** Project roles every generated project gets a member for; the harness logs in as these. */
export const GENERATED_ROLES = ["lead", "coordinator", "manager", "accountant"] as const satisfies readonly ProjectRole[];

export interface LargeDataOptions {
  participants: number;
  projects?: number;
  businesses?: number;
  activities?: number;
  attendance?: number;
  seed?: number;
  /** Progress lines (one per project). */
  log?: (line: string) => void;
}

/** The sizes actually used: the given ones, the rest derived from the number of participants. */
export interface LargeDataSizes {
  participants: number;
  projects: number;
  businesses: number;
  activities: number;
  attendance: number;
  seed: number;
}

export interface LargeDataResult {
  sizes: LargeDataSizes;
  projects: { id: string; code: string; participants: number }[];
  counts: { participants: number; organisations: number; supports: number; activities: number; attendance: number; series: number; milestones: number; targets: number; expenses: number };
  logins: { role: ProjectRole; email: string; password: string | null }[];
  seconds: number;
}

/** Sizes for `options`: businesses ≈ N/10, activities ≈ 4N, attendance ≈ 40N, one project per 5,000 participants. */
export function largeDataSizes(options: Omit<LargeDataOptions, "log">): LargeDataSizes {
  const n = Math.max(1, Math.round(options.participants));
  return {
    participants: n,
    projects: Math.max(1, Math.min(n, options.projects ?? Math.round(n / 5000))),
    businesses: options.businesses ?? Math.round(n / 10),
    activities: options.activities ?? 4 * n,
    attendance: options.attendance ?? 40 * n,
    seed: options.seed ?? 1,
  };
}

const share = (total: number, parts: number, index: number) => Math.floor((total * (index + 1)) / parts) - Math.floor((total * index) / parts);

/** Sequential ids: unique per seed and project, and in insertion order (cheap for the primary-key index). */
function idMaker(seed: number, project: number) {
  const prefix = `g${seed.toString(36)}x${project.toString(36)}`;
  let n = 0;
  return (kind: string) => `${prefix}${kind}${(n++).toString(36).padStart(7, "0")}`;
}

interface Person {
  id: string;
  areaId: string;
  entry: number;
  exit: number;
}

/** Rows of one generated project, apart from the frame (project, partners, types, milestones, targets, money). */
interface ScaledRows {
  participants: Prisma.ParticipantCreateManyInput[];
  identities: Prisma.ParticipantIdentityCreateManyInput[];
  organisations: Prisma.OrganisationCreateManyInput[];
  series: Prisma.ActivitySeriesCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
  attendances: Prisma.AttendanceCreateManyInput[];
  supports: Prisma.OrganisationSupportCreateManyInput[];
}

interface ProjectPlan {
  spec: DemoProjectSpec;
  projectId: string;
  areaIds: Record<string, string>;
  actionFieldIds: Record<string, string>;
  typeIds: Map<string, string>;
  coursePartners: string[];
  staffUserIds: (string | null)[];
  participants: number;
  organisations: number;
  activities: number;
  attendance: number;
}

function generateScaledRows(plan: ProjectPlan, rng: Random, nextId: (kind: string) => string): ScaledRows {
  const { spec } = plan;
  const rows: ScaledRows = { participants: [], identities: [], organisations: [], series: [], activities: [], attendances: [], supports: [] };
  const start = utcDate(spec.start);
  const end = utcDate(spec.end);
  const span = daysBetween(start, end);
  const areas = spec.areas.map((a) => ({ ...a, area: DEMO_AREAS.find((d) => d.key === a.key)! }));
  const coreAreaId = plan.areaIds[spec.areas.find((a) => a.isCore)!.key];
  const staff = () => rng.pick(plan.staffUserIds);

  // Participants: entries spread over the first 85 % of the period, half of them leave after 2–14 months.
  const n = plan.participants;
  const entries = Array.from({ length: n }, () => weekday(addDays(start, rng.int(7, Math.round(span * 0.85))))).sort((a, b) => a.getTime() - b.getTime());
  const people: Person[] = [];
  entries.forEach((entryDate, index) => {
    const id = nextId("p");
    const area = rng.weighted(areas.map((a) => [a, a.isCore ? 3 : 1] as const)).area;
    const gender = rng.weighted([["female", 47], ["male", 52], ["diverse", 1]] as const);
    const foreign = rng.chance(spec.foreignShare);
    const surnames = foreign ? FOREIGN_LAST_NAMES : LAST_NAMES;
    const firstName = rng.pick(firstNamesFor(gender, foreign));
    const lastName = rng.chance(0.1) ? `${rng.pick(surnames)}-${rng.pick(surnames)}` : rng.pick(surnames);
    const bornOn = drawBirthDate(rng, entryDate);
    const employmentStatus = rng.weighted([["unemployed", 76], ["inactive", 19], ["employed", 5]] as const);
    const { educationLevel, birthDate } = drawEducation(rng, foreign, bornOn);
    let exitDate: Date | null = null;
    if (rng.chance(0.5)) {
      const planned = weekday(addDays(entryDate, rng.int(60, 420)));
      if (planned < end) exitDate = planned;
    }
    const participant: Prisma.ParticipantCreateManyInput = {
      id,
      projectId: plan.projectId,
      participantNo: `TN-${String(index + 1).padStart(5, "0")}`,
      areaId: plan.areaIds[area.key],
      gender,
      employmentStatus,
      longTermUnemployed: employmentStatus === "unemployed" && rng.chance(0.55),
      educationLevel,
      entryDate,
      disability: rng.weighted([["yes", 8], ["no", 80], ["no_answer", 12]] as const),
      thirdCountryNational: foreign ? (rng.chance(0.7) ? "yes" : "no") : "no",
      foreignBackground: foreign ? "yes" : "no",
      minority: rng.weighted([["yes", 2], ["no", 83], ["no_answer", 15]] as const),
      homeless: rng.weighted([["yes", 3], ["no", 95], ["no_answer", 2]] as const),
      ruralArea: "no",
      exitDate,
      exitStatus: null,
      qualificationGained: null,
      employabilityImproved: null,
      status6Months: null,
      situationImproved6Months: null,
      followUpRecordedAt: null,
    };
    if (exitDate) drawLeaverResults(rng, participant);
    const derived = deriveParticipantValues({ birthDate, gender, employmentStatus, educationLevel, entryDate, exitDate });
    Object.assign(participant, derived);
    if (participant.status6Months && derived.followUpDueDate) participant.followUpRecordedAt = addDays(derived.followUpDueDate, rng.int(0, 21));
    rows.participants.push(participant);
    rows.identities.push({
      participantId: id,
      projectId: plan.projectId,
      firstName,
      lastName,
      searchName: searchNameFor(firstName, lastName),
      birthDate,
      postcode: area.postcode,
      street: `${rng.pick(area.streets)} ${rng.int(1, 98)}`,
      city: area.city,
      email: null,
      phone: null,
      privacyNoticeDate: entryDate,
    });
    people.push({ id, areaId: plan.areaIds[area.key], entry: entryDate.getTime(), exit: exitDate ? exitDate.getTime() : Number.POSITIVE_INFINITY });
  });

  const typesOf = (field: string, format: "group" | "individual") => spec.activityTypes.filter((t) => t.actionField === field && t.format === format);
  const anyType = spec.activityTypes[0];
  const addActivity = (type: DemoActivityTypeSpec, values: Omit<Prisma.ActivityCreateManyInput, "id" | "projectId" | "typeId" | "actionFieldId" | "format">) => {
    const id = nextId("a");
    rows.activities.push({
      id,
      projectId: plan.projectId,
      typeId: plan.typeIds.get(type.name)!,
      actionFieldId: plan.actionFieldIds[type.actionField],
      format: type.format,
      seriesId: null,
      areaId: null,
      partnerId: null,
      staffUserId: null,
      notes: null,
      ...values,
    });
    return id;
  };
  /** A random participant active from `from` through `to` (null when none was found quickly). */
  const activePerson = (from: number, to: number): Person | null => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const p = people[rng.int(0, people.length - 1)];
      if (p.entry <= from && p.exit >= to) return p;
    }
    return null;
  };

  // HF 2: organisations, each first advised at its first support date; follow-up advice; business events.
  const city = DEMO_AREAS.find((a) => a.key === spec.areas[0].key)!;
  const adviceTypes = typesOf("HF2", "individual");
  const eventTypes = typesOf("HF2", "group");
  const orgs: { id: string; first: Date; solo: boolean; areaId: string }[] = [];
  for (let o = 0; o < plan.organisations; o++) {
    const template = rng.pick(BUSINESS_TEMPLATES);
    const name = template.pattern.replace("{name}", rng.pick(rng.chance(spec.foreignShare) ? FOREIGN_LAST_NAMES : LAST_NAMES));
    const areaKey = rng.weighted(spec.areas.map((a) => [a.key, a.isCore ? 3 : 1] as const));
    const area = DEMO_AREAS.find((a) => a.key === areaKey)!;
    const first = weekday(randomDay(rng, addDays(start, 60), addDays(end, -30)));
    const id = nextId("o");
    const solo = Boolean(template.solo);
    rows.organisations.push({
      id,
      projectId: plan.projectId,
      name,
      kind: "business",
      sector: template.sector,
      sizeClass: solo ? "micro" : rng.weighted([["micro", 62], ["small", 28], ["medium", 10]] as const),
      socialEnterprise: false,
      cooperative: false,
      soloSelfEmployed: solo,
      street: `${rng.pick(area.streets)} ${rng.int(1, 98)}`,
      postcode: area.postcode,
      city: city.city,
      areaId: plan.areaIds[areaKey],
      firstSupportDate: first,
    });
    orgs.push({ id, first, solo, areaId: plan.areaIds[areaKey] });
  }
  const budget = { activities: plan.activities, attendance: plan.attendance };
  if (adviceTypes.length && orgs.length) {
    const soloAdvice = adviceTypes.find((t) => /Solo/.test(t.name)) ?? adviceTypes[0];
    const businessAdvice = adviceTypes.find((t) => !/Solo/.test(t.name)) ?? adviceTypes[0];
    const advise = (org: (typeof orgs)[number], date: Date) => {
      const type = org.solo ? soloAdvice : businessAdvice;
      const activityId = addActivity(type, { title: type.name, startsAt: atHour(date, rng.int(7, 14)), durationMinutes: rng.pick([60, 90]), areaId: org.areaId, staffUserId: staff() });
      rows.supports.push({ id: nextId("s"), projectId: plan.projectId, organisationId: org.id, activityId, date, type: type.support ?? "advice", notes: null });
    };
    for (const org of orgs) advise(org, org.first);
    for (let f = 0; f < Math.round(orgs.length / 2); f++) {
      const org = rng.pick(orgs);
      advise(org, weekday(randomDay(rng, addDays(org.first, 14), addDays(end, -7))));
    }
    const sortedOrgs = [...orgs].sort((a, b) => a.first.getTime() - b.first.getTime());
    for (let e = 0; e < Math.round(orgs.length / 20) && eventTypes.length; e++) {
      const type = rng.pick(eventTypes);
      const date = weekday(randomDay(rng, addDays(start, 120), addDays(end, -14)));
      const known = sortedOrgs.filter((o) => o.first <= date);
      if (known.length < 3) continue;
      const activityId = addActivity(type, { title: type.name, startsAt: atHour(date, rng.pick([6, 16])), durationMinutes: rng.pick([90, 120, 150]), areaId: coreAreaId, staffUserId: staff() });
      for (const guest of rng.sample(known.slice(-200), rng.int(4, 10)))
        rows.supports.push({ id: nextId("s"), projectId: plan.projectId, organisationId: guest.id, activityId, date, type: type.support ?? "event", notes: null });
    }
  }

  // HF 1: the remaining activities as weekly course sessions (8–16 registered, ~85 % present) and
  // individual coaching (one person), split so that activities and attendance rows hit their sizes.
  const remaining = Math.max(0, budget.activities - rows.activities.length);
  const groupSessions = Math.min(remaining, Math.max(0, Math.round((budget.attendance - remaining) / 11)));
  const groupTypes = typesOf("HF1", "group").length ? typesOf("HF1", "group") : [anyType];
  const individualTypes = typesOf("HF1", "individual").length ? typesOf("HF1", "individual") : [anyType];
  let sessionsLeft = groupSessions;
  let attendanceLeft = budget.attendance;
  const seriesTitles = new Map<string, number>();
  const firstSessionLatest = addDays(end, -90);
  while (sessionsLeft > 0 && people.length > 0) {
    const type = rng.pick(groupTypes);
    const sessions = Math.min(sessionsLeft, rng.int(6, 10));
    const first = weekday(randomDay(rng, addDays(start, 45), firstSessionLatest));
    const last = addDays(first, (sessions - 1) * 7);
    const size = Math.max(1, Math.min(rng.int(8, 16), Math.ceil(attendanceLeft / sessions)));
    const members = new Map<string, Person>();
    for (let k = 0; k < size * 3 && members.size < size; k++) {
      const person = activePerson(first.getTime(), last.getTime());
      if (person) members.set(person.id, person);
    }
    if (members.size === 0) members.set(people[0].id, people[0]);
    const month = first.toLocaleString("de-DE", { month: "long", timeZone: "UTC" });
    const base = `${type.name} ${month} ${first.getUTCFullYear()}`;
    const count = (seriesTitles.get(base) ?? 0) + 1;
    seriesTitles.set(base, count);
    const title = count === 1 ? base : `${base} (Gruppe ${count})`;
    const seriesId = nextId("r");
    rows.series.push({ id: seriesId, projectId: plan.projectId, title });
    const hour = rng.pick([7, 8, 12]);
    const duration = rng.pick([90, 120, 180]);
    const partnerId = plan.coursePartners.length && rng.chance(0.6) ? rng.pick(plan.coursePartners) : null;
    const staffUserId = staff();
    for (let k = 0; k < sessions; k++) {
      const activityId = addActivity(type, { title: `${title} – Termin ${k + 1}`, startsAt: atHour(addDays(first, k * 7), hour), durationMinutes: duration, seriesId, areaId: coreAreaId, partnerId, staffUserId });
      for (const member of members.values()) {
        const present = rng.chance(0.85);
        rows.attendances.push({ id: nextId("t"), activityId, participantId: member.id, present, minutes: present ? duration : 0 });
      }
      attendanceLeft -= members.size;
    }
    sessionsLeft -= sessions;
  }
  const individual = Math.max(0, budget.activities - rows.activities.length);
  for (let j = 0; j < individual && people.length > 0; j++) {
    const date = weekday(randomDay(rng, addDays(start, 14), addDays(end, -7)));
    const person = activePerson(date.getTime(), date.getTime()) ?? people[rng.int(0, people.length - 1)];
    const type = rng.pick(individualTypes);
    const duration = rng.pick([45, 60, 90]);
    const when = new Date(Math.max(date.getTime(), person.entry));
    const activityId = addActivity(type, { title: type.name, startsAt: atHour(when, rng.int(7, 14)), durationMinutes: duration, areaId: person.areaId, staffUserId: staff() });
    rows.attendances.push({ id: nextId("t"), activityId, participantId: person.id, present: true, minutes: duration });
  }
  return rows;
}

/** Scales a demo target to the generated project's size (participants, organisations, activities). */
function scaledTarget(indicator: string, value: number, spec: DemoProjectSpec, plan: ProjectPlan): number {
  const factor =
    indicator === "businesses_supported" ? plan.organisations / Math.max(1, spec.counts.organisations)
    : indicator === "activities_held" ? plan.activities / Math.max(1, value)
    : plan.participants / Math.max(1, spec.counts.participants);
  return Math.max(1, Math.round(value * factor * (indicator === "activities_held" ? 1.1 : 1)));
}

/** Logins for the generated projects: the demo logins when present, otherwise bench logins (created). */
async function ensureLogins(): Promise<{ role: ProjectRole; id: string; email: string; password: string | null }[]> {
  const result = [];
  for (const role of GENERATED_ROLES) {
    const demo = DEMO_USERS.find((u) => u.role === role)!;
    const existingDemo = await db.user.findUnique({ where: { email: demo.email }, select: { id: true } });
    if (existingDemo) {
      result.push({ role, id: existingDemo.id, email: demo.email, password: DEMO_PASSWORD });
      continue;
    }
    const email = `${role}@bench.biwaq.de`;
    const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      result.push({ role, id: existing.id, email, password: null });
      continue;
    }
    const { user } = await createUser({ email, name: `${demo.name} (Last-Test)`, password: BENCH_PASSWORD, isAdmin: false }, null);
    result.push({ role, id: user.id, email, password: BENCH_PASSWORD });
  }
  return result;
}

// why: a project of 5,000 participants is ~250,000 rows; slower PostgreSQL connections need far more
// than Prisma's default 5 s for the transaction.
const TRANSACTION_OPTIONS = { timeout: 30 * 60_000, maxWait: 60_000 };

/**
 * Generates and writes the large data set. Projects get codes `<DEMO>-G<seed>-<nn>`; throws before
 * writing anything when a project of the same seed exists already. Returns what it wrote.
 */
export async function generateLargeDataSet(options: LargeDataOptions): Promise<LargeDataResult> {
  const started = performance.now();
  const sizes = largeDataSizes(options);
  const log = options.log ?? (() => {});
  const codes = Array.from({ length: sizes.projects }, (_, i) => {
    const base = DEMO_PROJECTS[i % DEMO_PROJECTS.length].code.split("-")[0];
    return `${base}-G${sizes.seed}-${String(i + 1).padStart(2, "0")}`;
  });
  const clash = await db.project.findFirst({ where: { code: { in: codes } }, select: { code: true } });
  if (clash) throw new Error(`project ${clash.code} exists already: this seed was generated into the database before (use another --seed)`);

  const reference = await ensureReferenceData();
  const logins = await ensureLogins();
  const userOf = (role: ProjectRole) => logins.find((l) => l.role === role)!.id;
  const counts: LargeDataResult["counts"] = { participants: 0, organisations: 0, supports: 0, activities: 0, attendance: 0, series: 0, milestones: 0, targets: 0, expenses: 0 };
  const projects: LargeDataResult["projects"] = [];
  const sqlite = getDbHandle().provider === "sqlite";

  for (let i = 0; i < sizes.projects; i++) {
    const projectStarted = performance.now();
    const base = DEMO_PROJECTS[i % DEMO_PROJECTS.length];
    const nextId = idMaker(sizes.seed, i);
    const projectId = nextId("P");
    const code = codes[i];
    const participants = share(sizes.participants, sizes.projects, i);
    // The frame: the demo generator with no people, activities or organisations of its own.
    const frameSpec: DemoProjectSpec = {
      ...base,
      code,
      title: `${base.title} (${i + 1})`,
      counts: { participants: 0, courseSeries: 0, individualSessions: 0, organisations: 0, followUpAdvice: 0, businessEvents: 0, neighbourhoodEvents: 0 },
    };
    const frame = generateProjectRows(frameSpec, { projectId, areaIds: reference.areaIds, actionFieldIds: reference.actionFieldIds, leadUserId: userOf("lead"), coordinatorUserId: userOf("coordinator") });
    const plan: ProjectPlan = {
      spec: base,
      projectId,
      areaIds: reference.areaIds,
      actionFieldIds: reference.actionFieldIds,
      typeIds: new Map(frame.activityTypes.map((t) => [t.name, t.id!])),
      coursePartners: frame.partners.filter((p) => base.partners.find((s) => s.name === p.name)?.deliversCourses).map((p) => p.id!),
      staffUserIds: [userOf("coordinator"), userOf("coordinator"), userOf("lead")],
      participants,
      organisations: share(sizes.businesses, sizes.projects, i),
      activities: share(sizes.activities, sizes.projects, i),
      attendance: share(sizes.attendance, sizes.projects, i),
    };
    frame.targets = base.targets.map((t) => ({ id: nextId("g"), projectId, indicator: t.indicator, targetValue: scaledTarget(t.indicator, t.value, base, plan), note: "Zielwert laut Zuwendungsbescheid" }));
    const rows = generateScaledRows(plan, createRandom(`${code}|${sizes.seed}`), nextId);

    await db.$transaction(async (tx: Tx) => {
      // why: the default 2 MB page cache makes index inserts of a large project thrash; 256 MB for this connection.
      if (sqlite) await tx.$executeRawUnsafe("PRAGMA cache_size = -262144");
      const now = new Date();
      const write = (model: string, list: readonly object[]) => insertModelRows(tx, model, list, now);
      await write("Project", [frame.project]);
      await write("ProjectArea", frame.projectAreas);
      await write("ProjectActionField", frame.projectActionFields);
      await write("Partner", frame.partners);
      await write("PartnerContact", frame.partnerContacts);
      await write("ActivityType", frame.activityTypes);
      await write("Participant", rows.participants);
      await write("ParticipantIdentity", rows.identities);
      await write("Organisation", rows.organisations);
      await write("ActivitySeries", rows.series);
      await write("Activity", rows.activities);
      await write("Attendance", rows.attendances);
      await write("OrganisationSupport", rows.supports);
      await write("Milestone", frame.milestones);
      await write("Target", frame.targets);
      await write("FinancingSource", frame.financingSources);
      await write("BudgetLine", frame.budgetLines);
      await write("PaymentClaim", frame.paymentClaims);
      await write("Expense", frame.expenses);
      await recordAudit(tx, {
        userId: null,
        projectId,
        action: "create",
        entity: "Project",
        entityId: projectId,
        fields: ["participants", "organisations", "activities", "attendances", "milestones", "targets", "budgetLines", "expenses"],
        note: `demo generate (seed ${sizes.seed})`,
      });
    }, TRANSACTION_OPTIONS);

    for (const role of GENERATED_ROLES) await setProjectRole({ userId: userOf(role), projectId, role }, null);
    projects.push({ id: projectId, code, participants });
    counts.participants += rows.participants.length;
    counts.organisations += rows.organisations.length;
    counts.supports += rows.supports.length;
    counts.activities += rows.activities.length;
    counts.attendance += rows.attendances.length;
    counts.series += rows.series.length;
    counts.milestones += frame.milestones.length;
    counts.targets += frame.targets.length;
    counts.expenses += frame.expenses.length;
    log(
      `project ${code}: ${rows.participants.length} participants, ${rows.organisations.length} organisations, ${rows.activities.length} activities, ` +
        `${rows.attendances.length} attendance rows (${((performance.now() - projectStarted) / 1000).toFixed(1)} s)`,
    );
  }
  // why: fresh statistics, so the planners pick the indexes for lists and reports on the new data.
  await db.$executeRawUnsafe("ANALYZE");
  return {
    sizes,
    projects,
    counts,
    logins: logins.map(({ role, email, password }) => ({ role, email, password })),
    seconds: (performance.now() - started) / 1000,
  };
}
