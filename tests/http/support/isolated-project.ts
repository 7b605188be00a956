// A project of its own for the hostile-input, export and session checks: created through the CLI
// (`biwaq project create`, `biwaq user create --project`, `biwaq import participants`) and filled with
// one record of every kind through the app's own forms, so ids are real and the checks can count
// exactly this project's rows while other tests write beside them on the same server.
import type { APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { biwaq } from "../../e2e/support/cli";
import { sql, sqlValue } from "../../e2e/support/db";
import { ROOT } from "../../e2e/support/run-env";
import { newApiSession } from "../../e2e/fixtures";

export const ISOLATED_ROLES = ["admin", "lead", "coordinator", "manager", "accountant"] as const;
export type IsolatedRole = (typeof ISOLATED_ROLES)[number];

export interface IsolatedUser {
  id: string;
  email: string;
  password: string;
}

/** Text that spreadsheet programs would take for a formula (OWASP: = + - @ tab CR), one per record kind. */
export const FORMULA_TEXT = {
  lastName: '=HYPERLINK("http://evil.example","klick")',
  firstName: "+Anna",
  street: "-2+3 Hauptstraße",
  phone: "@SUM(1+1)",
  city: "\tTabstadt",
  organisation: "@Firma=1+1",
  milestone: "=1+1 Meilenstein",
  partner: "+Partner AG",
  target: "-Zielwert",
  expensePayee: '=HYPERLINK("http://evil.example")',
  // (a leading tab or CR never reaches an expense: the forms trim; the participant's city carries a tab)
  expensePurpose: "-Zweck: Material",
  receiptNo: "@R-0001",
  participantNo: "-TN-1",
} as const;

export interface IsolatedProject {
  code: string;
  projectId: string;
  areaId: string;
  areaName: string;
  /** An action field of this run's own (admin screens may change it freely). */
  actionFieldId: string;
  users: Record<IsolatedRole, IsolatedUser>;
  /** Real ids of records in this project, keyed like the route params. */
  ids: Record<"participantId" | "activityId" | "organisationId" | "milestoneId" | "partnerId" | "targetId" | "expenseId", string>;
  /** Signed-in API context for a role (created on first use, disposed by `dispose`). */
  as(role: IsolatedRole): Promise<APIRequestContext>;
  dispose(): Promise<void>;
}

const CONTRACT_HEADER = [
  "participant_no", "first_name", "last_name", "birth_date", "gender", "postcode", "programme_area", "entry_date",
  "employment_status", "long_term_unemployed", "education_level", "disability", "third_country_national",
  "foreign_background", "minority", "homeless", "rural_area",
];

function csvQuote(value: string): string {
  return /[",;\n\r\t]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function expectRedirect(api: APIRequestContext, url: string, form: Record<string, string>): Promise<void> {
  const response = await api.post(url, { form, maxRedirects: 0 });
  if (response.status() !== 302) throw new Error(`setup POST ${url} answered ${response.status()}: ${(await response.text()).slice(0, 400)}`);
}

/** Creates the project, one user per role (admin without membership), and one record of each kind. */
export async function createIsolatedProject(label: string): Promise<IsolatedProject> {
  const suffix = randomBytes(4).toString("hex");
  const code = `${label}-${suffix}`.toUpperCase();
  const areaName = `Gebiet ${label} ${suffix}`;
  biwaq(["project", "create", "--code", code, "--name", `Isoliert ${label} ${suffix}`, "--start", "01.01.2024", "--end", "31.12.2027", "--areas", areaName]);
  const projectId = await sqlValue<string>(`SELECT "id" FROM "Project" WHERE "code" = ?`, [code]);
  const areaId = await sqlValue<string>(`SELECT "id" FROM "ProgrammeArea" WHERE "name" = ?`, [areaName]);

  const users = {} as Record<IsolatedRole, IsolatedUser>;
  for (const role of ISOLATED_ROLES) {
    const email = `${label}-${role}-${suffix}@e2e.biwaq.test`;
    const password = `e2e-pass-${randomBytes(6).toString("hex")}`;
    biwaq(["user", "create", "--email", email, "--name", `E2E ${label} ${role}`, "--role", role, "--password", password, ...(role === "admin" ? [] : ["--project", code])]);
    users[role] = { id: await sqlValue<string>(`SELECT "id" FROM "User" WHERE "email" = ?`, [email]), email, password };
  }

  // Participants through the CLI import, with formula-like names, street and phone.
  const dir = path.join(ROOT, "tests", ".tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `isolated-${suffix}.csv`);
  const rows = [
    // No education level: the record stays incomplete, so the ESF report lists its (formula-like) number.
    [FORMULA_TEXT.participantNo, FORMULA_TEXT.firstName, FORMULA_TEXT.lastName, "1985-04-03", "female", "03149", areaName, "2025-02-01", "unemployed", "no", "", "no", "no", "no", "no_answer", "no", "no"],
    ["TN-0002", "Berta", "Beispiel", "1990-06-15", "male", "03149", areaName, "2025-03-01", "employed", "no", "isced_5_8", "no", "no", "yes", "no", "no", "no"],
  ];
  writeFileSync(file, [CONTRACT_HEADER.join(","), ...rows.map((r) => r.map(csvQuote).join(","))].join("\n") + "\n");
  try {
    biwaq(["import", "participants", "--project", code, "--file", file, "--strict"]);
  } finally {
    rmSync(file, { force: true });
  }

  const contexts = new Map<IsolatedRole, Promise<APIRequestContext>>();
  const as = (role: IsolatedRole) => {
    if (!contexts.has(role)) contexts.set(role, newApiSession({ email: users[role].email, password: users[role].password }));
    return contexts.get(role)!;
  };

  const base = `/projects/${projectId}`;
  const lead = await as("lead");
  const participantId = await sqlValue<string>(`SELECT "id" FROM "Participant" WHERE "projectId" = ? AND "participantNo" = ?`, [projectId, FORMULA_TEXT.participantNo]);
  await sql(`UPDATE "ParticipantIdentity" SET "street" = ?, "phone" = ?, "city" = ? WHERE "participantId" = ?`, [FORMULA_TEXT.street, FORMULA_TEXT.phone, FORMULA_TEXT.city, participantId]);

  // why: the CLI creates projects without action fields; activity types hang on one (the admin form sets them).
  await sql(`INSERT INTO "ProjectActionField" ("projectId", "actionFieldId") SELECT CAST(? AS TEXT), "id" FROM "ActionField" ORDER BY "code" LIMIT 1`, [projectId]);
  const typesAnswer = await lead.post(`${base}/activities/types`, { form: { intent: "seed" }, maxRedirects: 0 });
  if (typesAnswer.status() >= 400) throw new Error(`seeding activity types answered ${typesAnswer.status()}`);
  const typeId = await sqlValue<string>(`SELECT "id" FROM "ActivityType" WHERE "projectId" = ? ORDER BY "name" LIMIT 1`, [projectId]);
  await expectRedirect(lead, `${base}/activities/new`, { intent: "log", typeId, format: "group", title: "Bewerbungstraining", date: "15.03.2025", time: "10:00", duration: "2" });
  await expectRedirect(lead, `${base}/organisations/new`, { name: FORMULA_TEXT.organisation, kind: "public_body" });
  await expectRedirect(lead, `${base}/milestones/new`, { title: FORMULA_TEXT.milestone, dueDate: "30.06.2025", status: "planned" });
  await expectRedirect(lead, `${base}/partners/new`, { name: FORMULA_TEXT.partner, type: "jobcenter" });
  await expectRedirect(lead, `${base}/targets/new`, { indicator: "custom", customName: FORMULA_TEXT.target, year: "2025", targetValue: "10" });
  const expense = await lead.post(`${base}/finance/expenses`, {
    form: { intent: "create", date: "10.02.2025", category: "material", payee: FORMULA_TEXT.expensePayee, purpose: FORMULA_TEXT.expensePurpose, receiptNo: FORMULA_TEXT.receiptNo, amountCents: "123,45", paidAt: "12.02.2025" },
    maxRedirects: 0,
  });
  if (expense.status() >= 400) throw new Error(`creating the expense answered ${expense.status()}: ${(await expense.text()).slice(0, 400)}`);

  const actionFieldCode = `H${suffix}`.toUpperCase();
  await expectRedirect(await as("admin"), "/admin/action-fields?index", { code: actionFieldCode, name: `Handlungsfeld ${label} ${suffix}`, sortOrder: "0", active: "on" });
  const actionFieldId = await sqlValue<string>(`SELECT "id" FROM "ActionField" WHERE "code" = ?`, [actionFieldCode]);

  const first = (table: string) => sqlValue<string>(`SELECT "id" FROM "${table}" WHERE "projectId" = ? ORDER BY "id" LIMIT 1`, [projectId]);
  const ids = {
    participantId,
    activityId: await first("Activity"),
    organisationId: await first("Organisation"),
    milestoneId: await first("Milestone"),
    partnerId: await first("Partner"),
    targetId: await first("Target"),
    expenseId: await first("Expense"),
  };
  return {
    code,
    projectId,
    areaId,
    areaName,
    actionFieldId,
    users,
    ids,
    as,
    dispose: async () => {
      await Promise.all([...contexts.values()].map(async (c) => (await c).dispose()));
      contexts.clear();
    },
  };
}

/** Tables with a projectId column (everything a project owns, its audit entries included). */
const PROJECT_TABLES = [
  "ProjectMembership", "ProjectArea", "ProjectActionField", "Partner", "Participant", "ParticipantIdentity", "Organisation",
  "OrganisationSupport", "ActivityType", "ActivitySeries", "Activity", "Milestone", "Target", "FinancingSource", "BudgetLine",
  "PaymentClaim", "Expense", "ReportNarrative", "ReportingPeriod", "AuditEvent",
];

const json = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? String(v) : v));
/** Rows in a stable order whatever the table's key (some tables have a compound key, no id). */
const sorted = (rows: unknown[]) => rows.map(json).sort();

/** Audit actions that record reading, not changing (opening a page may write them). */
const READ_ACTIONS = ["read_sensitive", "export", "login", "logout", "login_failed"];

/**
 * Everything the project and its users consist of, as one comparable string: every row of the
 * project's tables (and of the child tables without projectId), the project and area rows, the
 * users' rows and the number of change audit entries the users wrote anywhere.
 */
export async function snapshot(project: IsolatedProject): Promise<Record<string, string>> {
  const parts: Record<string, unknown> = {};
  const { projectId } = project;
  for (const table of PROJECT_TABLES) {
    const filter = table === "AuditEvent" ? ` AND "action" NOT IN (${READ_ACTIONS.map(() => "?").join(", ")})` : "";
    parts[table] = sorted(await sql(`SELECT * FROM "${table}" WHERE "projectId" = ?${filter}`, [projectId, ...(filter ? READ_ACTIONS : [])]));
  }
  parts.PartnerContact = await sql(`SELECT c.* FROM "PartnerContact" c JOIN "Partner" p ON p."id" = c."partnerId" WHERE p."projectId" = ? ORDER BY c."id"`, [projectId]);
  parts.Attendance = await sql(`SELECT a.* FROM "Attendance" a JOIN "Activity" x ON x."id" = a."activityId" WHERE x."projectId" = ? ORDER BY a."id"`, [projectId]);
  parts.TargetActual = await sql(`SELECT a.* FROM "TargetActual" a JOIN "Target" t ON t."id" = a."targetId" WHERE t."projectId" = ? ORDER BY a."id"`, [projectId]);
  parts.Project = await sql(`SELECT * FROM "Project" WHERE "id" = ?`, [projectId]);
  parts.Area = await sql(`SELECT * FROM "ProgrammeArea" WHERE "id" = ?`, [project.areaId]);
  parts.ActionField = await sql(`SELECT * FROM "ActionField" WHERE "id" = ?`, [project.actionFieldId]);
  const userIds = Object.values(project.users).map((u) => u.id);
  const inUsers = userIds.map(() => "?").join(", ");
  parts.Users = await sql(
    `SELECT "id", "email", "name", "passwordHash", "isAdmin", "active", "locale", "mustChangePassword" FROM "User" WHERE "id" IN (${inUsers}) ORDER BY "id"`,
    userIds,
  );
  parts.userAudit = await sql(
    `SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "userId" IN (${inUsers}) AND "action" NOT IN (${READ_ACTIONS.map(() => "?").join(", ")})`,
    [...userIds, ...READ_ACTIONS],
  );
  return Object.fromEntries(Object.entries(parts).map(([key, value]) => [key, json(value)]));
}

/** The parts of two snapshots that differ, each with a short before/after (empty when nothing changed). */
export function changedParts(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before)
    .filter((key) => before[key] !== after[key])
    .map((key) => `${key}: ${before[key].slice(0, 300)} → ${after[key].slice(0, 300)}`);
}
