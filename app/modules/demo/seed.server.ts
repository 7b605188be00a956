// The demo data set (`biwaq demo seed`, and the server with BIWAQ_DEMO=1): action fields, programme
// areas, five demo logins and the four seed projects of docs/domain.md with a few hundred fictional
// participants, activities, businesses, milestones, targets and money.
// Idempotent: what exists already (action field by code, area by municipality + name, user by email,
// project by code, membership) is left alone, so a second run writes nothing.
import { recordAudit } from "~/modules/audit/service.server";
import { createUser, setProjectRole } from "~/modules/users/service.server";
import { db, type Tx } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";
import { DEMO_ACTION_FIELDS, DEMO_AREAS, DEMO_PASSWORD, DEMO_PROJECTS, DEMO_USERS, type ActionFieldCode, type AreaKey, type DemoRole } from "./data";
import { generateProjectRows, newId, type ProjectRows } from "./generate";

export { DEMO_PASSWORD };

export interface DemoProjectCounts {
  code: string;
  participants: number;
  activities: number;
  attendances: number;
  organisations: number;
  supports: number;
  milestones: number;
  targets: number;
  budgetLines: number;
  expenses: number;
  paymentClaims: number;
}

export interface DemoSeedResult {
  /** seeded: something was written; unchanged: everything was there; skipped: --if-empty met existing users. */
  status: "seeded" | "unchanged" | "skipped";
  actionFieldsCreated: number;
  areasCreated: number;
  usersCreated: string[];
  projectsCreated: DemoProjectCounts[];
  projectsPresent: string[];
  membershipsCreated: number;
  logins: { role: DemoRole; email: string; name: string; projects: string[] }[];
}

const logins = () => DEMO_USERS.map(({ role, email, name, projects }) => ({ role, email, name, projects }));

// why: one project is several thousand rows; SQLite writes them in well under a second, but a slow
// PostgreSQL connection should not hit Prisma's default 5 s interactive-transaction limit.
const TRANSACTION_OPTIONS = { timeout: 120_000, maxWait: 30_000 };

/** Action fields and programme areas the projects refer to; creates the missing ones (audited). */
export async function ensureReferenceData(): Promise<{ actionFieldIds: Record<ActionFieldCode, string>; areaIds: Record<AreaKey, string>; actionFieldsCreated: number; areasCreated: number }> {
  return db.$transaction(async (tx) => {
    let actionFieldsCreated = 0;
    let areasCreated = 0;
    const actionFieldIds = {} as Record<ActionFieldCode, string>;
    for (const field of DEMO_ACTION_FIELDS) {
      const existing = await tx.actionField.findUnique({ where: { code: field.code }, select: { id: true } });
      if (existing) {
        actionFieldIds[field.code] = existing.id;
        continue;
      }
      const created = await tx.actionField.create({ data: field, select: { id: true } });
      await recordAudit(tx, { userId: null, action: "create", entity: "ActionField", entityId: created.id, fields: Object.keys(field), note: "demo seed" });
      actionFieldIds[field.code] = created.id;
      actionFieldsCreated++;
    }
    const areaIds = {} as Record<AreaKey, string>;
    for (const area of DEMO_AREAS) {
      const existing = await tx.programmeArea.findUnique({ where: { municipality_name: { municipality: area.municipality, name: area.name } }, select: { id: true } });
      if (existing) {
        areaIds[area.key] = existing.id;
        continue;
      }
      const { key: _key, postcode: _postcode, city: _city, streets: _streets, ...data } = area;
      const created = await tx.programmeArea.create({ data, select: { id: true } });
      const fields = Object.entries(data).filter(([, value]) => value !== null).map(([name]) => name);
      await recordAudit(tx, { userId: null, action: "create", entity: "ProgrammeArea", entityId: created.id, fields, note: "demo seed" });
      areaIds[area.key] = created.id;
      areasCreated++;
    }
    return { actionFieldIds, areaIds, actionFieldsCreated, areasCreated };
  }, TRANSACTION_OPTIONS);
}

/** Writes one generated project and everything in it in one transaction, with one audit entry. */
async function writeProject(tx: Tx, rows: ProjectRows): Promise<void> {
  const projectId = rows.project.id!;
  await tx.project.create({ data: rows.project });
  await tx.projectArea.createMany({ data: rows.projectAreas });
  await tx.projectActionField.createMany({ data: rows.projectActionFields });
  await tx.partner.createMany({ data: rows.partners });
  if (rows.partnerContacts.length) await tx.partnerContact.createMany({ data: rows.partnerContacts });
  await tx.activityType.createMany({ data: rows.activityTypes });
  if (rows.series.length) await tx.activitySeries.createMany({ data: rows.series });
  await tx.participant.createMany({ data: rows.participants });
  await tx.participantIdentity.createMany({ data: rows.identities });
  await tx.activity.createMany({ data: rows.activities });
  if (rows.attendances.length) await tx.attendance.createMany({ data: rows.attendances });
  if (rows.organisations.length) await tx.organisation.createMany({ data: rows.organisations });
  if (rows.supports.length) await tx.organisationSupport.createMany({ data: rows.supports });
  await tx.milestone.createMany({ data: rows.milestones });
  await tx.target.createMany({ data: rows.targets });
  await tx.financingSource.createMany({ data: rows.financingSources });
  await tx.budgetLine.createMany({ data: rows.budgetLines });
  await tx.paymentClaim.createMany({ data: rows.paymentClaims });
  await tx.expense.createMany({ data: rows.expenses });
  // why: one entry for the whole project (the brief: not one per row); it names what was loaded.
  const loaded = (Object.keys(rows) as (keyof ProjectRows)[]).filter((key) => key !== "project" && (rows[key] as unknown[]).length > 0);
  await recordAudit(tx, { userId: null, projectId, action: "create", entity: "Project", entityId: projectId, fields: Object.keys(rows.project).filter((k) => k !== "id").concat(loaded), note: "demo seed" });
}

/**
 * Loads the demo data set. With `ifEmpty`, does nothing when any user exists (a real installation).
 * Otherwise creates whatever of the set is missing and leaves everything else untouched; the result
 * says what was written ("unchanged" when nothing was).
 */
export async function seedDemoData(options: { ifEmpty?: boolean } = {}): Promise<DemoSeedResult> {
  const result: DemoSeedResult = {
    status: "unchanged",
    actionFieldsCreated: 0,
    areasCreated: 0,
    usersCreated: [],
    projectsCreated: [],
    projectsPresent: [],
    membershipsCreated: 0,
    logins: logins(),
  };
  if (options.ifEmpty && (await db.user.count()) > 0) return { ...result, status: "skipped" };

  const reference = await ensureReferenceData();
  result.actionFieldsCreated = reference.actionFieldsCreated;
  result.areasCreated = reference.areasCreated;

  // Users through the user service (hashing, audit), so demo logins are ordinary accounts.
  const userIds = new Map<DemoRole, string>();
  const missingUsers: typeof DEMO_USERS = [];
  for (const spec of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: spec.email }, select: { id: true } });
    if (existing) userIds.set(spec.role, existing.id);
    else missingUsers.push(spec);
  }
  // why: password hashing dominates here and runs on libuv's thread pool, so the accounts are created
  // side by side; the transactions themselves stay serialised on SQLite (the adapter's mutex).
  const created = await Promise.all(
    missingUsers.map((spec) => createUser({ email: spec.email, name: spec.name, password: DEMO_PASSWORD, isAdmin: spec.role === "admin" }, null)),
  );
  created.forEach(({ user }, i) => {
    userIds.set(missingUsers[i].role, user.id);
    result.usersCreated.push(user.email);
  });
  const memberOf = (role: DemoRole, code: string) => (DEMO_USERS.find((u) => u.role === role)?.projects.includes(code) ? userIds.get(role) ?? null : null);

  const projectIds = new Map<string, string>();
  for (const spec of DEMO_PROJECTS) {
    const existing = await db.project.findUnique({ where: { code: spec.code }, select: { id: true } });
    if (existing) {
      projectIds.set(spec.code, existing.id);
      result.projectsPresent.push(spec.code);
      continue;
    }
    const rows = generateProjectRows(spec, {
      projectId: newId(),
      areaIds: reference.areaIds,
      actionFieldIds: reference.actionFieldIds,
      leadUserId: memberOf("lead", spec.code),
      coordinatorUserId: memberOf("coordinator", spec.code),
    });
    await db.$transaction((tx) => writeProject(tx, rows), TRANSACTION_OPTIONS);
    projectIds.set(spec.code, rows.project.id!);
    result.projectsCreated.push({
      code: spec.code,
      participants: rows.participants.length,
      activities: rows.activities.length,
      attendances: rows.attendances.length,
      organisations: rows.organisations.length,
      supports: rows.supports.length,
      milestones: rows.milestones.length,
      targets: rows.targets.length,
      budgetLines: rows.budgetLines.length,
      expenses: rows.expenses.length,
      paymentClaims: rows.paymentClaims.length,
    });
  }

  // Memberships through the user service; existing ones (whatever their role now) are left alone.
  for (const spec of DEMO_USERS) {
    if (spec.role === "admin") continue;
    const userId = userIds.get(spec.role)!;
    for (const code of spec.projects) {
      const projectId = projectIds.get(code)!;
      const membership = await db.projectMembership.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { id: true } });
      if (membership) continue;
      await setProjectRole({ userId, projectId, role: spec.role as ProjectRole }, null);
      result.membershipsCreated++;
    }
  }

  const wrote =
    result.actionFieldsCreated + result.areasCreated + result.usersCreated.length + result.projectsCreated.length + result.membershipsCreated > 0;
  return { ...result, status: wrote ? "seeded" : "unchanged" };
}
