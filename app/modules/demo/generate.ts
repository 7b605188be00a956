// Turns one demo project spec (data.ts) into database rows: participants with identities, activities
// with attendance, supported organisations with supports, milestones, targets and money. Pure and
// deterministic: the same spec and ids give the same content (a seeded PRNG per project); only the
// row ids come from the caller. Derived participant values come from deriveParticipantValues.
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/utils/db.server";
import { deriveParticipantValues } from "~/modules/participants/derive";
import {
  BUSINESS_TEMPLATES,
  COOPERATIVES,
  DEMO_AREAS,
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_MALE,
  FIRST_NAMES_NEUTRAL,
  FOREIGN_FIRST_NAMES_FEMALE,
  FOREIGN_FIRST_NAMES_MALE,
  FOREIGN_LAST_NAMES,
  LAST_NAMES,
  PUBLIC_BODIES,
  SOCIAL_ENTERPRISES,
  type ActionFieldCode,
  type AreaKey,
  type DemoActivityTypeSpec,
  type DemoProjectSpec,
} from "./data";
import { createRandom, type Random } from "./random";

export interface GenerateContext {
  projectId: string;
  areaIds: Record<AreaKey, string>;
  actionFieldIds: Record<ActionFieldCode, string>;
  /** Demo users who log activities and own milestones, when they are members of the project. */
  leadUserId: string | null;
  coordinatorUserId: string | null;
}

export interface ProjectRows {
  project: Prisma.ProjectUncheckedCreateInput;
  projectAreas: Prisma.ProjectAreaCreateManyInput[];
  projectActionFields: Prisma.ProjectActionFieldCreateManyInput[];
  partners: Prisma.PartnerCreateManyInput[];
  partnerContacts: Prisma.PartnerContactCreateManyInput[];
  activityTypes: Prisma.ActivityTypeCreateManyInput[];
  series: Prisma.ActivitySeriesCreateManyInput[];
  participants: Prisma.ParticipantCreateManyInput[];
  identities: Prisma.ParticipantIdentityCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
  attendances: Prisma.AttendanceCreateManyInput[];
  organisations: Prisma.OrganisationCreateManyInput[];
  supports: Prisma.OrganisationSupportCreateManyInput[];
  milestones: Prisma.MilestoneCreateManyInput[];
  targets: Prisma.TargetCreateManyInput[];
  financingSources: Prisma.FinancingSourceCreateManyInput[];
  budgetLines: Prisma.BudgetLineCreateManyInput[];
  paymentClaims: Prisma.PaymentClaimCreateManyInput[];
  expenses: Prisma.ExpenseCreateManyInput[];
}

export const newId = () => randomUUID().replace(/-/g, "");

// ---------------------------------------------------------------- dates

const DAY_MS = 86_400_000;

export function utcDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
export const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS);
const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);
/** Moves Saturday/Sunday to the following Monday. */
export function weekday(date: Date): Date {
  const day = date.getUTCDay();
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}
/** A random day from `from` through `to` (one draw). */
export function randomDay(rng: Random, from: Date, to: Date): Date {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}
export const atHour = (date: Date, hourUtc: number) => new Date(date.getTime() + hourUtc * 3_600_000);
const lastOfMonth = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex + 1, 0));
const monthKey = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
const MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
function season(date: Date): string {
  const month = date.getUTCMonth();
  return month < 3 ? "Winter" : month < 6 ? "Frühjahr" : month < 9 ? "Sommer" : "Herbst";
}

/** Months of the project per calendar year, e.g. {2015: 9, 2016: 12, …}. */
function monthsPerYear(start: Date, end: Date): Map<number, number> {
  const result = new Map<number, number>();
  const last = end.getUTCFullYear() * 12 + end.getUTCMonth();
  for (let month = start.getUTCFullYear() * 12 + start.getUTCMonth(); month <= last; month++) {
    const year = Math.floor(month / 12);
    result.set(year, (result.get(year) ?? 0) + 1);
  }
  return result;
}

// ---------------------------------------------------------------- participants

interface GeneratedParticipant {
  id: string;
  areaId: string;
  entryDate: Date;
  exitDate: Date | null;
}

function asciiSlug(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "");
}

/** The first names to draw from for a participant of `gender`, with or without a foreign background. */
export function firstNamesFor(gender: "female" | "male" | "diverse", foreign: boolean): readonly string[] {
  return gender === "diverse" ? FIRST_NAMES_NEUTRAL
    : foreign ? (gender === "female" ? FOREIGN_FIRST_NAMES_FEMALE : FOREIGN_FIRST_NAMES_MALE)
    : gender === "female" ? FIRST_NAMES_FEMALE : FIRST_NAMES_MALE;
}

/** A birth date for someone entering on `entryDate`: aged 19–63, weighted like the 2015–2022 rounds (four draws). */
export function drawBirthDate(rng: Random, entryDate: Date): Date {
  // Ages 18–63 at entry; the 2015–2022 rounds addressed people aged 27+, so younger ones are few.
  const targetAge = rng.weighted([[[19, 26], 8], [[27, 39], 36], [[40, 54], 37], [[55, 63], 19]] as const);
  const age = rng.int(targetAge[0], targetAge[1]);
  return new Date(Date.UTC(entryDate.getUTCFullYear() - age, rng.int(0, 11), rng.int(1, 28)));
}

/**
 * The education level (by background) and, for about 5 % of the records, a gap: the education level or the
 * birth date left empty.
 */
export function drawEducation(rng: Random, foreign: boolean, birthDate: Date): { educationLevel: "isced_0_2" | "isced_3_4" | "isced_5_8" | null; birthDate: Date | null } {
  const educationLevel = rng.weighted(
    foreign ? ([["isced_0_2", 45], ["isced_3_4", 38], ["isced_5_8", 17]] as const) : ([["isced_0_2", 40], ["isced_3_4", 52], ["isced_5_8", 8]] as const),
  );
  // About 5 % incomplete: the coordinators are still waiting for a certificate or an ID document.
  if (rng.chance(0.045)) return rng.chance(0.6) ? { educationLevel: null, birthDate } : { educationLevel, birthDate: null };
  return { educationLevel, birthDate };
}

/** Sets the leaver's exit status and results; some six-month follow-ups are recorded, the rest stay open. */
export function drawLeaverResults(rng: Random, participant: Prisma.ParticipantCreateManyInput): void {
  const exitStatus = rng.weighted([["employed", 28], ["self_employed", 3], ["education_training", 14], ["job_searching", 37], ["other", 18]] as const);
  const inWork = exitStatus === "employed" || exitStatus === "self_employed";
  participant.exitStatus = exitStatus;
  participant.qualificationGained = rng.chance(exitStatus === "education_training" ? 0.5 : 0.18);
  participant.employabilityImproved = rng.chance(inWork ? 0.92 : 0.6);
  if (rng.chance(0.55)) {
    const status6Months = inWork
      ? rng.weighted([[exitStatus, 80], ["not_employed", 12], ["unknown", 8]] as const)
      : rng.weighted([["employed", 22], ["self_employed", 2], ["not_employed", 62], ["unknown", 14]] as const);
    participant.status6Months = status6Months;
    participant.situationImproved6Months =
      status6Months === "employed" || status6Months === "self_employed" ? "yes" : status6Months === "unknown" ? "unknown" : rng.chance(0.3) ? "yes" : "no";
  }
}

function generateParticipants(spec: DemoProjectSpec, ctx: GenerateContext, rng: Random, rows: ProjectRows): GeneratedParticipant[] {
  const start = utcDate(spec.start);
  const end = utcDate(spec.end);
  const span = daysBetween(start, end);
  const areas = spec.areas.map((a) => ({ ...a, area: DEMO_AREAS.find((d) => d.key === a.key)! }));
  const n = spec.counts.participants;

  // why: a starting cohort in the first weeks, the rest spread over the first 85 % of the period,
  // so courses have people from the start and late entrants still have time to take part.
  const entries = Array.from({ length: n }, (_, i) =>
    weekday(addDays(start, i < Math.round(n * 0.15) ? rng.int(7, 40) : rng.int(30, Math.round(span * 0.85)))),
  ).sort((a, b) => a.getTime() - b.getTime());

  const seenNames = new Set<string>();
  const result: GeneratedParticipant[] = [];
  entries.forEach((entryDate, index) => {
    const id = newId();
    const area = rng.weighted(areas.map((a) => [a, a.isCore ? 3 : 1] as const)).area;
    const gender = rng.weighted([["female", 47], ["male", 52], ["diverse", 1]] as const);
    const foreign = rng.chance(spec.foreignShare);

    let firstName = "";
    let lastName = "";
    do {
      firstName = rng.pick(firstNamesFor(gender, foreign));
      lastName = rng.pick(foreign ? FOREIGN_LAST_NAMES : LAST_NAMES);
    } while (seenNames.has(`${firstName}|${lastName}`)); // one record per person (name + postcode) and project
    seenNames.add(`${firstName}|${lastName}`);

    const bornOn = drawBirthDate(rng, entryDate);
    const employmentStatus = rng.weighted([["unemployed", 76], ["inactive", 19], ["employed", 5]] as const);
    const longTermUnemployed = employmentStatus === "unemployed" && rng.chance(0.55);
    const { educationLevel, birthDate } = drawEducation(rng, foreign, bornOn);

    let exitDate: Date | null = null;
    if (rng.chance(0.5)) {
      const planned = weekday(addDays(entryDate, rng.int(60, 420)));
      const capped = minDate(planned, addDays(end, -rng.int(0, 20)));
      if (daysBetween(entryDate, capped) >= 30) exitDate = capped;
    }

    const participant: Prisma.ParticipantCreateManyInput = {
      id,
      projectId: ctx.projectId,
      participantNo: `TN-${String(index + 1).padStart(4, "0")}`,
      areaId: ctx.areaIds[area.key],
      gender,
      employmentStatus,
      longTermUnemployed,
      educationLevel,
      entryDate,
      disability: rng.weighted([["yes", 8], ["no", 80], ["no_answer", 12]] as const),
      thirdCountryNational: foreign ? (rng.chance(0.7) ? "yes" : "no") : rng.chance(0.02) ? "no_answer" : "no",
      foreignBackground: foreign ? "yes" : rng.chance(0.04) ? "no_answer" : "no",
      minority: rng.weighted([["yes", 2], ["no", 83], ["no_answer", 15]] as const),
      homeless: rng.weighted([["yes", 3], ["no", 95], ["no_answer", 2]] as const),
      ruralArea: "no",
      exitDate,
    };

    if (exitDate) drawLeaverResults(rng, participant);

    const derived = deriveParticipantValues({
      birthDate,
      gender: participant.gender ?? null,
      employmentStatus: participant.employmentStatus ?? null,
      educationLevel,
      entryDate,
      exitDate,
    });
    Object.assign(participant, derived);
    if (participant.status6Months && derived.followUpDueDate) participant.followUpRecordedAt = addDays(derived.followUpDueDate, rng.int(0, 21));
    rows.participants.push(participant);

    rows.identities.push({
      participantId: id,
      projectId: ctx.projectId,
      firstName,
      lastName,
      searchName: `${lastName} ${firstName}`.toLowerCase(),
      birthDate,
      postcode: area.postcode,
      street: `${rng.pick(area.streets)} ${rng.int(1, 98)}`,
      city: area.city,
      email: rng.chance(0.45) ? `${asciiSlug(firstName)}.${asciiSlug(lastName)}@example.org` : null,
      privacyNoticeDate: entryDate,
    });
    result.push({ id, areaId: ctx.areaIds[area.key], entryDate, exitDate });
  });
  return result;
}

// ---------------------------------------------------------------- activities

const activeThrough = (p: GeneratedParticipant, from: Date, to: Date) => p.entryDate <= from && (!p.exitDate || p.exitDate >= to);

function generateActivities(
  spec: DemoProjectSpec,
  ctx: GenerateContext,
  rng: Random,
  rows: ProjectRows,
  people: GeneratedParticipant[],
  typeIds: Map<string, string>,
  coursePartners: string[],
) {
  const start = utcDate(spec.start);
  const end = utcDate(spec.end);
  const types = (field: ActionFieldCode, format: "group" | "individual") =>
    spec.activityTypes.filter((t) => t.actionField === field && t.format === format);
  const coreAreaId = ctx.areaIds[spec.areas.find((a) => a.isCore)!.key];
  const staff = () => (rng.chance(0.7) ? ctx.coordinatorUserId : ctx.leadUserId);
  const addActivity = (type: DemoActivityTypeSpec, values: Omit<Prisma.ActivityCreateManyInput, "id" | "projectId" | "typeId" | "actionFieldId" | "format">) => {
    const id = newId();
    rows.activities.push({
      id,
      projectId: ctx.projectId,
      typeId: typeIds.get(type.name)!,
      actionFieldId: ctx.actionFieldIds[type.actionField],
      format: type.format,
      ...values,
    });
    return id;
  };

  // HF 1 courses: weekly sessions of a fixed group, 6–15 present per session.
  const seriesTitles = new Set<string>();
  for (let s = 0; s < spec.counts.courseSeries; s++) {
    const type = rng.pick(types("HF1", "group"));
    const sessions = rng.int(6, 10);
    let first = start;
    let pool: GeneratedParticipant[] = [];
    for (let attempt = 0; attempt < 60 && pool.length < 8; attempt++) {
      first = weekday(randomDay(rng, addDays(start, 45), addDays(end, -(sessions * 7 + 14))));
      const last = addDays(first, (sessions - 1) * 7);
      pool = people.filter((p) => activeThrough(p, first, last));
    }
    if (pool.length < 6) continue;
    const members = rng.sample(pool, Math.min(pool.length, rng.int(8, 15)));
    let title = `${type.name} ${season(first)} ${first.getUTCFullYear()}`;
    for (let k = 2; seriesTitles.has(title); k++) title = `${type.name} ${season(first)} ${first.getUTCFullYear()} (Gruppe ${k})`;
    seriesTitles.add(title);
    const seriesId = newId();
    rows.series.push({ id: seriesId, projectId: ctx.projectId, title });
    const hour = rng.pick([7, 8, 12]);
    const duration = rng.pick([90, 120, 180]);
    const partnerId = coursePartners.length && rng.chance(0.6) ? rng.pick(coursePartners) : null;
    const staffUserId = staff();
    for (let k = 0; k < sessions; k++) {
      const date = addDays(first, k * 7);
      const present = members.map(() => rng.chance(0.85));
      for (let i = 0; present.filter(Boolean).length < 6; i++) present[i] = true;
      const activityId = addActivity(type, {
        title: `${title} – Termin ${k + 1}`,
        startsAt: atHour(date, hour),
        durationMinutes: duration,
        seriesId,
        areaId: coreAreaId,
        partnerId,
        staffUserId,
      });
      members.forEach((member, i) =>
        rows.attendances.push({ id: newId(), activityId, participantId: member.id, present: present[i], minutes: present[i] ? duration : 0 }),
      );
    }
  }

  // HF 1 individual coaching: one participant, active on that day.
  for (let j = 0; j < spec.counts.individualSessions; j++) {
    let date = start;
    let pool: GeneratedParticipant[] = [];
    for (let attempt = 0; attempt < 60 && pool.length === 0; attempt++) {
      date = weekday(randomDay(rng, addDays(start, 14), addDays(end, -7)));
      pool = people.filter((p) => activeThrough(p, date, date));
    }
    if (!pool.length) continue;
    const person = rng.pick(pool);
    const type = rng.pick(types("HF1", "individual"));
    const duration = rng.pick([45, 60, 90]);
    const activityId = addActivity(type, {
      title: type.name,
      startsAt: atHour(date, rng.int(7, 14)),
      durationMinutes: duration,
      areaId: person.areaId,
      staffUserId: staff(),
    });
    rows.attendances.push({ id: newId(), activityId, participantId: person.id, present: true, minutes: duration });
  }

  // HF 2: supported organisations. Each one's first contact is an advice appointment.
  const city = DEMO_AREAS.find((a) => a.key === spec.areas[0].key)!;
  const adviceTypes = types("HF2", "individual");
  const eventTypes = types("HF2", "group");
  const orgs: { id: string; first: Date; solo: boolean; areaId: string }[] = [];
  const usedNames = new Set<string>();
  for (let o = 0; o < spec.counts.organisations; o++) {
    const kind = rng.weighted([["business", 88], ["public_body", 8], ["social", 3], ["coop", 1]] as const);
    let name = "";
    let sector: string | null = null;
    let solo = false;
    for (let attempt = 0; attempt < 50 && (!name || usedNames.has(name)); attempt++) {
      if (kind === "public_body") {
        name = rng.pick(PUBLIC_BODIES).replace("{city}", city.city.replace(/\/O\.L\.$|\s\(Lausitz\)$/, ""));
        sector = "Öffentliche Verwaltung und Einrichtungen";
      } else if (kind === "social") {
        name = rng.pick(SOCIAL_ENTERPRISES).replace("{city}", city.city.replace(/\/O\.L\.$|\s\(Lausitz\)$/, ""));
        sector = "Sozialwirtschaft";
      } else if (kind === "coop") {
        name = rng.pick(COOPERATIVES).replace("{city}", city.city.replace(/\/O\.L\.$|\s\(Lausitz\)$/, ""));
        sector = "Genossenschaft";
      } else {
        const template = rng.pick(BUSINESS_TEMPLATES);
        name = template.pattern.replace("{name}", rng.pick(rng.chance(spec.foreignShare) ? FOREIGN_LAST_NAMES : LAST_NAMES));
        sector = template.sector;
        solo = Boolean(template.solo);
      }
    }
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    const areaKey = rng.weighted(spec.areas.map((a) => [a.key, a.isCore ? 3 : 1] as const));
    const area = DEMO_AREAS.find((a) => a.key === areaKey)!;
    const first = weekday(randomDay(rng, addDays(start, 60), addDays(end, -30)));
    const id = newId();
    rows.organisations.push({
      id,
      projectId: ctx.projectId,
      name,
      kind: kind === "public_body" ? "public_body" : "business",
      sector,
      sizeClass: kind === "public_body" ? null : solo ? "micro" : rng.weighted([["micro", 62], ["small", 28], ["medium", 10]] as const),
      socialEnterprise: kind === "social",
      cooperative: kind === "coop",
      soloSelfEmployed: solo,
      street: `${rng.pick(area.streets)} ${rng.int(1, 98)}`,
      postcode: area.postcode,
      city: area.city,
      areaId: ctx.areaIds[areaKey],
      firstSupportDate: first,
    });
    orgs.push({ id, first, solo, areaId: ctx.areaIds[areaKey] });
  }
  const soloAdvice = adviceTypes.find((t) => /Solo/.test(t.name)) ?? adviceTypes[0];
  const businessAdvice = adviceTypes.find((t) => !/Solo/.test(t.name)) ?? adviceTypes[0];
  const advise = (org: (typeof orgs)[number], date: Date) => {
    const type = org.solo ? soloAdvice : businessAdvice;
    const activityId = addActivity(type, {
      title: type.name,
      startsAt: atHour(date, rng.int(7, 14)),
      durationMinutes: rng.pick([60, 90]),
      areaId: org.areaId,
      staffUserId: staff(),
    });
    rows.supports.push({ id: newId(), projectId: ctx.projectId, organisationId: org.id, activityId, date, type: type.support ?? "advice" });
  };
  for (const org of orgs) advise(org, org.first);
  for (let f = 0; f < spec.counts.followUpAdvice && orgs.length; f++) {
    const org = rng.pick(orgs);
    advise(org, weekday(randomDay(rng, addDays(org.first, 14), addDays(end, -7))));
  }
  for (let e = 0; e < spec.counts.businessEvents && eventTypes.length; e++) {
    const type = rng.pick(eventTypes);
    const date = weekday(randomDay(rng, addDays(start, 120), addDays(end, -14)));
    const guests = orgs.filter((o) => o.first <= date);
    if (guests.length < 3) continue;
    const activityId = addActivity(type, {
      title: `${type.name} ${MONTHS_DE[date.getUTCMonth()]} ${date.getUTCFullYear()}`,
      startsAt: atHour(date, rng.pick([6, 16])),
      durationMinutes: rng.pick([90, 120, 150]),
      areaId: coreAreaId,
      staffUserId: staff(),
    });
    for (const guest of rng.sample(guests, rng.int(4, 10)))
      rows.supports.push({ id: newId(), projectId: ctx.projectId, organisationId: guest.id, activityId, date, type: type.support ?? "event" });
  }

  // HF 3 (older rounds): open neighbourhood events without registered attendance.
  const neighbourhood = types("HF3", "group");
  for (let e = 0; e < spec.counts.neighbourhoodEvents && neighbourhood.length; e++) {
    const type = neighbourhood[e % neighbourhood.length];
    const date = weekday(randomDay(rng, addDays(start, 60), addDays(end, -14)));
    addActivity(type, {
      title: `${type.name} ${MONTHS_DE[date.getUTCMonth()]} ${date.getUTCFullYear()}`,
      notes: `Offenes Angebot, etwa ${rng.int(12, 60)} Besucherinnen und Besucher.`,
      startsAt: atHour(date, rng.pick([13, 14, 15])),
      durationMinutes: rng.pick([120, 180, 240]),
      areaId: coreAreaId,
      partnerId: coursePartners[0] ?? null,
    });
  }
}

// ---------------------------------------------------------------- money

/** Splits `total` by basis-point shares so the parts add up exactly (the last part takes the rest). */
function splitByBp(total: number, shares: number[]): number[] {
  const parts = shares.map((bp) => Math.round((total * bp) / 10000));
  parts[parts.length - 1] = total - parts.slice(0, -1).reduce((a, b) => a + b, 0);
  return parts;
}

function generateMoney(spec: DemoProjectSpec, ctx: GenerateContext, rng: Random, rows: ProjectRows, partners: { id: string; spec: DemoProjectSpec["partners"][number] }[]) {
  const start = utcDate(spec.start);
  const end = utcDate(spec.end);
  const flatRate = (staffCents: number) => Math.round((staffCents * spec.flatRateBp) / 10000);
  const otherCostsAllowed = spec.flatRateModel !== "staff_costs_remaining";

  // Budget lines: year × category for the sponsor and for each sub-project partner with a budget.
  let total = 0;
  for (const [year, months] of monthsPerYear(start, end)) {
    const scale = (annual: number) => Math.round((annual * months) / 12 / 100) * 100;
    const holders = [
      { partnerId: null as string | null, staff: scale(spec.annualBudget.staff), fees: scale(spec.annualBudget.fees), material: scale(spec.annualBudget.material), note: null as string | null },
      ...partners.filter((p) => p.spec.hasBudget).map((p) => ({ partnerId: p.id as string | null, staff: scale(p.spec.annualStaffCents ?? 0), fees: 0, material: 0, note: `Teilvorhaben ${p.spec.name}` as string | null })),
    ];
    for (const holder of holders) {
      const lines: [("staff" | "fees" | "material" | "flat_rate"), number][] = [["staff", holder.staff]];
      if (otherCostsAllowed) lines.push(["fees", holder.fees], ["material", holder.material]);
      if (spec.flatRateModel !== "none") lines.push(["flat_rate", flatRate(holder.staff)]);
      for (const [category, amountCents] of lines) {
        if (amountCents <= 0) continue;
        total += amountCents;
        rows.budgetLines.push({ id: newId(), projectId: ctx.projectId, year, category, partnerId: holder.partnerId, amountCents, note: holder.note });
      }
    }
  }
  rows.project.eligibleCostCents = total;

  // Financing plan: ESF Plus + federal ≤ 90 %, own share (and municipal co-financing) ≥ 10 %.
  const f = spec.financing;
  const sources = [
    { kind: "esf_plus" as const, name: "ESF Plus", bp: f.esfPlusBp },
    { kind: "federal" as const, name: "Bundesmittel (BMWSB)", bp: f.federalBp },
    { kind: "own_share" as const, name: f.ownShareName, bp: f.ownShareBp },
    ...(f.municipalBp ? [{ kind: "municipal" as const, name: f.municipalName ?? "Kommunale Kofinanzierung", bp: f.municipalBp }] : []),
  ];
  splitByBp(total, sources.map((s) => s.bp)).forEach((amountCents, i) =>
    rows.financingSources.push({ id: newId(), projectId: ctx.projectId, kind: sources[i].kind, name: sources[i].name, amountCents, note: `${sources[i].bp / 100} % der zuwendungsfähigen Ausgaben` }),
  );

  // Expenses: salaries (one receipt per person and month), fees and material, spread over the period.
  const budgetPartners = partners.filter((p) => p.spec.hasBudget);
  const staffPeople = [
    ...spec.staff.map((s) => ({ ...s, partnerId: null as string | null, payee: s.name })),
    ...budgetPartners.map((p) => ({ name: `Personal ${p.spec.name}`, function: "Teilvorhaben", monthlyCents: Math.round((p.spec.annualStaffCents ?? 0) / 12), fte: 1, partnerId: p.id as string | null, payee: p.spec.name })),
  ];
  const usedStaffMonths = new Set<string>();
  const drafts: Omit<Prisma.ExpenseCreateManyInput, "id" | "projectId" | "receiptNo">[] = [];
  for (let attempt = 0; drafts.length < spec.expenseCount && attempt < spec.expenseCount * 5; attempt++) {
    const day = randomDay(rng, start, addDays(end, -1));
    const category = otherCostsAllowed ? rng.weighted([["staff", 45], ["fees", 25], ["material", 30]] as const) : "staff";
    if (category === "staff") {
      const person = rng.pick(staffPeople);
      const key = `${person.name}|${monthKey(day)}`;
      if (usedStaffMonths.has(key)) continue;
      usedStaffMonths.add(key);
      const date = lastOfMonth(day.getUTCFullYear(), day.getUTCMonth());
      // ESF Plus staff-cost basis: 1,720 hours a year for a full-time position.
      const hours = Math.round((1720 / 12) * person.fte);
      drafts.push({
        date,
        category,
        partnerId: person.partnerId,
        payee: person.payee,
        purpose: `Personalausgaben ${MONTHS_DE[date.getUTCMonth()]} ${date.getUTCFullYear()} – ${person.function}`,
        amountCents: Math.round(person.monthlyCents * person.fte),
        paidAt: date,
        staffPerson: person.partnerId ? null : person.name,
        staffMonth: monthKey(date),
        staffMinutes: hours * 60,
      });
    } else if (category === "fees") {
      const trainer = `${rng.pick([...FIRST_NAMES_FEMALE, ...FIRST_NAMES_MALE])} ${rng.pick(LAST_NAMES)}`;
      const topic = rng.pick(spec.activityTypes.filter((t) => t.format === "group")).name;
      const date = weekday(day);
      drafts.push({
        date,
        category,
        payee: `${trainer} (Honorarkraft)`,
        purpose: `Honorar ${topic}, ${MONTHS_DE[date.getUTCMonth()]} ${date.getUTCFullYear()}`,
        amountCents: rng.int(6, 36) * 5_000,
        paidAt: addDays(date, rng.int(3, 14)),
      });
    } else {
      const item = rng.pick([
        { payee: "Bürobedarf Lausitz-Sachsen GmbH", purpose: "Büromaterial", min: 40, max: 400 },
        { payee: "Hausverwaltung Quartier GmbH", purpose: "Miete Stadtteilladen", min: 650, max: 650 },
        { payee: "Druckerei am Markt", purpose: "Flyer und Plakate", min: 120, max: 900 },
        { payee: "IT-Service Neumann", purpose: "Laptops für den Digitalkurs", min: 600, max: 2400 },
        { payee: "Verkehrsverbund", purpose: "Fahrkarten für Teilnehmende (Mobilitätstraining)", min: 60, max: 300 },
        { payee: "Catering Quartiersküche", purpose: "Verpflegung Netzwerkveranstaltung", min: 150, max: 700 },
      ]);
      const date = weekday(day);
      drafts.push({
        date,
        category,
        payee: item.payee,
        purpose: `${item.purpose} ${MONTHS_DE[date.getUTCMonth()]} ${date.getUTCFullYear()}`,
        amountCents: rng.int(item.min, item.max) * 100 + (item.min === item.max ? 0 : rng.int(0, 99)),
        paidAt: addDays(date, rng.int(1, 20)),
      });
    }
  }
  drafts.sort((a, b) => (a.date as Date).getTime() - (b.date as Date).getTime());

  // Payment claims per budget year: the first is paid, the second submitted (both paid once the project
  // is closed). A running project also has the third year's claim still in draft, its due date passed:
  // the accountant's to-do list and the claims page show an open task.
  const claimYears = spec.status === "closed" || end.getUTCFullYear() - start.getUTCFullYear() < 2 ? [0, 1] : [0, 1, 2];
  const claims = claimYears.map((i) => {
    const year = start.getUTCFullYear() + i;
    const periodStart = i === 0 ? start : new Date(Date.UTC(year, 0, 1));
    const periodEnd = new Date(Date.UTC(year, 11, 31));
    return { id: newId(), number: i + 1, periodStart, periodEnd };
  });
  const perYear = new Map<number, number>();
  const expenseRows = drafts.map((draft) => {
    const date = draft.date as Date;
    const year = date.getUTCFullYear();
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const claim = claims.find((c) => date >= c.periodStart && date <= c.periodEnd);
    return { id: newId(), projectId: ctx.projectId, receiptNo: `B-${year}-${String(seq).padStart(3, "0")}`, claimId: claim?.id ?? null, ...draft };
  });
  rows.expenses.push(...expenseRows);
  claims.forEach((claim, i) => {
    const claimed = expenseRows.filter((e) => e.claimId === claim.id);
    const staffSum = claimed.filter((e) => e.category === "staff").reduce((sum, e) => sum + e.amountCents, 0);
    const eligible = claimed.reduce((sum, e) => sum + e.amountCents, 0) + (spec.flatRateModel === "none" ? 0 : flatRate(staffSum));
    const amountCents = Math.round((eligible * (f.esfPlusBp + f.federalBp)) / 10000);
    const common = {
      id: claim.id,
      projectId: ctx.projectId,
      number: claim.number,
      periodStart: claim.periodStart,
      periodEnd: claim.periodEnd,
      dueDate: addDays(claim.periodEnd, 60),
      amountCents,
    };
    if (i === 2) {
      // why: no random draw here, so every other generated value stays as it was before drafts existed.
      rows.paymentClaims.push({
        ...common,
        status: "draft",
        submittedAt: null,
        paidAt: null,
        paidAmountCents: null,
        note: `Mittelabruf ${claim.periodStart.getUTCFullYear()} – Entwurf, Belege werden noch geprüft`,
      });
      return;
    }
    const submittedAt = addDays(claim.periodEnd, rng.int(20, 45));
    const paid = i === 0 || spec.status === "closed";
    rows.paymentClaims.push({
      ...common,
      status: paid ? "paid" : "submitted",
      submittedAt,
      paidAt: paid ? addDays(submittedAt, rng.int(30, 75)) : null,
      paidAmountCents: paid ? amountCents : null,
      note: `Mittelabruf ${claim.periodStart.getUTCFullYear()}`,
    });
  });
}

// ---------------------------------------------------------------- the whole project

export function generateProjectRows(spec: DemoProjectSpec, ctx: GenerateContext): ProjectRows {
  const rng = createRandom(spec.code);
  const rows: ProjectRows = {
    project: {
      id: ctx.projectId,
      code: spec.code,
      title: spec.title,
      description: spec.description,
      sponsor: spec.sponsor,
      fundingRound: spec.fundingRound,
      startDate: utcDate(spec.start),
      endDate: utcDate(spec.end),
      status: spec.status,
      flatRateModel: spec.flatRateModel,
      flatRateBp: spec.flatRateBp,
      maxFundingRateBp: spec.financing.esfPlusBp + spec.financing.federalBp,
      finalStatementDate: spec.finalStatementDate ? utcDate(spec.finalStatementDate) : null,
    },
    projectAreas: spec.areas.map((a) => ({ projectId: ctx.projectId, areaId: ctx.areaIds[a.key], isCore: a.isCore })),
    projectActionFields: spec.actionFields.map((code) => ({ projectId: ctx.projectId, actionFieldId: ctx.actionFieldIds[code] })),
    partners: [], partnerContacts: [], activityTypes: [], series: [], participants: [], identities: [], activities: [],
    attendances: [], organisations: [], supports: [], milestones: [], targets: [], financingSources: [], budgetLines: [],
    paymentClaims: [], expenses: [],
  };

  const partners = spec.partners.map((p) => ({ id: newId(), spec: p }));
  for (const { id, spec: p } of partners) {
    rows.partners.push({
      id,
      projectId: ctx.projectId,
      name: p.name,
      type: p.type,
      hasBudget: p.hasBudget,
      roleInProject: p.roleInProject,
      agreementType: p.agreementType,
      agreementDate: p.agreementDate ? utcDate(p.agreementDate) : null,
      postcode: p.postcode,
      city: p.city,
    });
    if (p.contact) rows.partnerContacts.push({ id: newId(), partnerId: id, name: p.contact.name, function: p.contact.function, email: p.contact.email });
  }

  const typeIds = new Map<string, string>();
  spec.activityTypes.forEach((t, index) => {
    const id = newId();
    typeIds.set(t.name, id);
    rows.activityTypes.push({ id, projectId: ctx.projectId, actionFieldId: ctx.actionFieldIds[t.actionField], name: t.name, sortOrder: index + 1 });
  });

  const people = generateParticipants(spec, ctx, rng, rows);
  generateActivities(spec, ctx, rng, rows, people, typeIds, partners.filter((p) => p.spec.deliversCourses).map((p) => p.id));

  // Organisations' first support date is the earliest of their supports (drives EECO18/EECO19).
  const firstSupport = new Map<string, Date>();
  for (const s of rows.supports) {
    const date = s.date as Date;
    const known = firstSupport.get(s.organisationId);
    if (!known || date < known) firstSupport.set(s.organisationId, date);
  }
  for (const org of rows.organisations) org.firstSupportDate = firstSupport.get(org.id!) ?? null;

  for (const m of spec.milestones) {
    const due = utcDate(m.due);
    rows.milestones.push({
      id: newId(),
      projectId: ctx.projectId,
      title: m.title,
      description: m.description ?? null,
      dueDate: due,
      status: m.status,
      ownerUserId: ctx.leadUserId,
      actionFieldId: m.actionField ? ctx.actionFieldIds[m.actionField] : null,
      completedAt: m.status === "done" ? addDays(due, -rng.int(0, 20)) : null,
      evidenceNote: m.evidenceNote ?? null,
    });
  }

  for (const t of spec.targets) rows.targets.push({ id: newId(), projectId: ctx.projectId, indicator: t.indicator, targetValue: t.value, note: "Zielwert laut Zuwendungsbescheid" });

  generateMoney(spec, ctx, rng, rows, partners);
  return rows;
}
