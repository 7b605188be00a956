// Who may open which route: one line per route (GET pages and the main POST actions).
// tests/http/route-matrix.spec.ts requests every row as each demo role and anonymously:
//   allowed   → GET: 200 (or a redirect that is not to /login); POST: handled (2xx–4xx but not
//               401/403/404/405, or a redirect that is not to /login) — POST bodies are deliberately
//               incomplete, so validation refuses them and nothing is written;
//   forbidden → 403 or 404;
//   anonymous → a redirect to /login (public rows: like an allowed user).
// Rows with `missing: true` name a record that cannot exist for the requester (e.g. another user's
// export job): allowed roles must get 404 — after the permission check —, forbidden roles 403/404.
// Expectations come from app/utils/permissions.ts: `perm(p)` = roles holding p in the project, plus
// admins; `adminOnly` = the admin flag; `signedIn` = every user; `anyone` = also anonymous.
// Path params are filled by PARAMS below (ids from the demo data; :projectId is FORST-2019, where
// every demo role is a member with the role of the same name).
//
// Adding a route? Add one line to ROUTES. The spec also fails when a file in app/routes has no row
// (or a loader/action without a GET/POST row) and it is not listed in NOT_IN_MATRIX with a reason.
import type { AdminPermission, Permission } from "../../app/utils/permissions";
import { projectIdByCode, sqlValue } from "../e2e/support/db";

export type Access =
  | { kind: "anyone" }
  | { kind: "signedIn" }
  | { kind: "admin" }
  | { kind: "permission"; permission: Permission | AdminPermission };

export const anyone: Access = { kind: "anyone" };
export const signedIn: Access = { kind: "signedIn" };
export const adminOnly: Access = { kind: "admin" };
export const perm = (permission: Permission | AdminPermission): Access => ({ kind: "permission", permission });

export interface RouteRow {
  method: "GET" | "POST";
  /** The URL pattern with :params, as Remix derives it from the file name (projects.$projectId → /projects/:projectId). */
  path: string;
  access: Access;
  /** POST body (form fields); keep it invalid or harmless: the matrix must not change the demo data. */
  form?: Record<string, string>;
  /** Extra query string for the request (e.g. "?format=csv"). */
  query?: string;
  /** The path names no record the requester may see: allowed roles get 404 (see the rules above). */
  missing?: boolean;
}

// prettier-ignore
export const ROUTES: RouteRow[] = [
  // ---- public and account
  { method: "GET",  path: "/login",                                                  access: anyone },
  { method: "POST", path: "/login",                                                  access: anyone, form: { email: "", password: "" } },
  { method: "GET",  path: "/healthz",                                                access: anyone },
  { method: "GET",  path: "/logout",                                                 access: anyone },
  { method: "GET",  path: "/locale",                                                 access: anyone },
  { method: "POST", path: "/locale",                                                 access: anyone, form: { locale: "xx" } },
  { method: "GET",  path: "/",                                                       access: signedIn },
  { method: "GET",  path: "/account/password",                                       access: signedIn },
  { method: "POST", path: "/account/password",                                       access: signedIn },
  // portfolio: admins and users with the manager role somewhere (in the matrix project, the manager)
  { method: "GET",  path: "/portfolio",                                              access: perm("portfolio:read") },
  // ---- administration
  { method: "GET",  path: "/admin",                                                  access: adminOnly },
  { method: "GET",  path: "/admin/users",                                            access: adminOnly },
  { method: "POST", path: "/admin/users",                                            access: adminOnly, query: "?index" },
  { method: "GET",  path: "/admin/users/:userId",                                    access: adminOnly },
  { method: "POST", path: "/admin/users/:userId",                                    access: adminOnly },
  { method: "GET",  path: "/admin/areas",                                            access: adminOnly },
  { method: "GET",  path: "/admin/areas/new",                                        access: adminOnly },
  { method: "POST", path: "/admin/areas/new",                                        access: adminOnly },
  { method: "GET",  path: "/admin/areas/:areaId",                                    access: adminOnly },
  { method: "POST", path: "/admin/areas/:areaId",                                    access: adminOnly },
  { method: "GET",  path: "/admin/action-fields",                                    access: adminOnly },
  { method: "POST", path: "/admin/action-fields",                                    access: adminOnly, query: "?index" },
  { method: "GET",  path: "/admin/action-fields/:actionFieldId",                     access: adminOnly },
  { method: "POST", path: "/admin/action-fields/:actionFieldId",                     access: adminOnly },
  { method: "GET",  path: "/admin/projects",                                         access: adminOnly },
  { method: "GET",  path: "/admin/projects/new",                                     access: adminOnly },
  { method: "POST", path: "/admin/projects/new",                                     access: adminOnly },
  { method: "GET",  path: "/admin/projects/:projectId",                              access: adminOnly },
  { method: "POST", path: "/admin/projects/:projectId",                              access: adminOnly },
  { method: "GET",  path: "/admin/anonymisation",                                    access: perm("participant:anonymise") },
  { method: "POST", path: "/admin/anonymisation",                                    access: perm("participant:anonymise") },
  // ---- a project
  { method: "GET",  path: "/projects/:projectId",                                    access: perm("project:read") },
  { method: "GET",  path: "/projects/:projectId/dashboard",                          access: perm("project:read") },
  // participants
  { method: "GET",  path: "/projects/:projectId/participants",                       access: perm("participant:read") },
  { method: "GET",  path: "/projects/:projectId/participants/new",                   access: perm("participant:write") },
  { method: "POST", path: "/projects/:projectId/participants/new",                   access: perm("participant:write") },
  { method: "GET",  path: "/projects/:projectId/participants/:participantId",        access: perm("participant:read") },
  { method: "GET",  path: "/projects/:projectId/participants/:participantId/edit",   access: perm("participant:write") },
  { method: "POST", path: "/projects/:projectId/participants/:participantId/edit",   access: perm("participant:write") },
  { method: "GET",  path: "/projects/:projectId/participants/:participantId/exit",   access: perm("participant:write") },
  { method: "POST", path: "/projects/:projectId/participants/:participantId/exit",   access: perm("participant:write") },
  { method: "GET",  path: "/projects/:projectId/participants/:participantId/follow-up", access: perm("participant:write") },
  { method: "POST", path: "/projects/:projectId/participants/:participantId/follow-up", access: perm("participant:write") },
  { method: "GET",  path: "/projects/:projectId/participants/:participantId/gdpr",   access: perm("participant:gdprExport") },
  { method: "GET",  path: "/projects/:projectId/participants/:participantId/gdpr.json", access: perm("participant:gdprExport") },
  { method: "GET",  path: "/projects/:projectId/participants/overview",              access: perm("participant:readPseudonymous") },
  { method: "GET",  path: "/projects/:projectId/participants/export",                access: perm("participant:export") },
  { method: "POST", path: "/projects/:projectId/participants/export",                access: perm("participant:export") },
  // export jobs (a job id that is nobody's: every member gets 404)
  { method: "GET",  path: "/projects/:projectId/exports/:jobId",                     access: perm("project:read"), missing: true },
  { method: "GET",  path: "/projects/:projectId/exports/:jobId/download",            access: perm("project:read"), missing: true },
  { method: "GET",  path: "/projects/:projectId/participants/import",                access: perm("participant:import") },
  { method: "POST", path: "/projects/:projectId/participants/import",                access: perm("participant:import") },
  { method: "GET",  path: "/projects/:projectId/participants/import/template",       access: perm("participant:import") },
  // activities
  { method: "GET",  path: "/projects/:projectId/activities",                         access: perm("activity:read") },
  { method: "GET",  path: "/projects/:projectId/activities/new",                     access: perm("activity:write") },
  { method: "POST", path: "/projects/:projectId/activities/new",                     access: perm("activity:write") },
  { method: "GET",  path: "/projects/:projectId/activities/:activityId",             access: perm("activity:read") },
  { method: "POST", path: "/projects/:projectId/activities/:activityId",             access: perm("activity:write") },
  { method: "GET",  path: "/projects/:projectId/activities/participant-search",      access: perm("activity:write"), query: "?q=a" },
  { method: "GET",  path: "/projects/:projectId/activities/types",                   access: perm("activityType:manage") },
  { method: "POST", path: "/projects/:projectId/activities/types",                   access: perm("activityType:manage") },
  // organisations (local businesses)
  { method: "GET",  path: "/projects/:projectId/organisations",                      access: perm("organisation:read") },
  { method: "GET",  path: "/projects/:projectId/organisations/new",                  access: perm("organisation:write") },
  { method: "POST", path: "/projects/:projectId/organisations/new",                  access: perm("organisation:write") },
  { method: "GET",  path: "/projects/:projectId/organisations/:organisationId",      access: perm("organisation:read") },
  { method: "POST", path: "/projects/:projectId/organisations/:organisationId",      access: perm("organisation:write") },
  // milestones
  { method: "GET",  path: "/projects/:projectId/milestones",                         access: perm("milestone:read") },
  { method: "GET",  path: "/projects/:projectId/milestones/new",                     access: perm("milestone:write") },
  { method: "POST", path: "/projects/:projectId/milestones/new",                     access: perm("milestone:write") },
  { method: "GET",  path: "/projects/:projectId/milestones/:milestoneId",            access: perm("milestone:read") },
  { method: "POST", path: "/projects/:projectId/milestones/:milestoneId",            access: perm("milestone:write") },
  // partners
  { method: "GET",  path: "/projects/:projectId/partners",                           access: perm("partner:read") },
  { method: "GET",  path: "/projects/:projectId/partners/new",                       access: perm("partner:write") },
  { method: "POST", path: "/projects/:projectId/partners/new",                       access: perm("partner:write") },
  { method: "GET",  path: "/projects/:projectId/partners/:partnerId",                access: perm("partner:read") },
  { method: "POST", path: "/projects/:projectId/partners/:partnerId",                access: perm("partner:write"), query: "?index" },
  { method: "GET",  path: "/projects/:projectId/partners/:partnerId/edit",           access: perm("partner:write") },
  { method: "POST", path: "/projects/:projectId/partners/:partnerId/edit",           access: perm("partner:write") },
  // targets
  { method: "GET",  path: "/projects/:projectId/targets",                            access: perm("target:read") },
  { method: "GET",  path: "/projects/:projectId/targets/new",                        access: perm("target:write") },
  { method: "POST", path: "/projects/:projectId/targets/new",                        access: perm("target:write") },
  { method: "GET",  path: "/projects/:projectId/targets/:targetId",                  access: perm("target:read") },
  { method: "POST", path: "/projects/:projectId/targets/:targetId",                  access: perm("target:write") },
  // finance
  { method: "GET",  path: "/projects/:projectId/finance",                            access: perm("finance:read") },
  { method: "GET",  path: "/projects/:projectId/finance/budget",                     access: perm("finance:read") },
  { method: "POST", path: "/projects/:projectId/finance/budget",                     access: perm("finance:write") },
  { method: "GET",  path: "/projects/:projectId/finance/plan",                       access: perm("finance:read") },
  { method: "POST", path: "/projects/:projectId/finance/plan",                       access: perm("finance:write") },
  { method: "GET",  path: "/projects/:projectId/finance/expenses",                   access: perm("finance:read") },
  { method: "POST", path: "/projects/:projectId/finance/expenses",                   access: perm("finance:write") },
  { method: "GET",  path: "/projects/:projectId/finance/expenses/import",            access: perm("finance:write") },
  { method: "POST", path: "/projects/:projectId/finance/expenses/import",            access: perm("finance:write") },
  { method: "GET",  path: "/projects/:projectId/finance/expenses/:expenseId",        access: perm("finance:write") },
  { method: "POST", path: "/projects/:projectId/finance/expenses/:expenseId",        access: perm("finance:write") },
  { method: "GET",  path: "/projects/:projectId/finance/claims",                     access: perm("finance:read") },
  { method: "POST", path: "/projects/:projectId/finance/claims",                     access: perm("finance:write") },
  { method: "GET",  path: "/projects/:projectId/finance/report",                     access: perm("finance:read") },
  { method: "GET",  path: "/projects/:projectId/finance/report/export",              access: perm("finance:read"), query: "?format=csv" },
  // reports
  { method: "GET",  path: "/projects/:projectId/reports",                            access: perm("report:read") },
  { method: "GET",  path: "/projects/:projectId/reports/esf",                        access: perm("report:esf") },
  { method: "GET",  path: "/projects/:projectId/reports/esf/export",                 access: perm("report:esf"), query: "?format=json" },
  { method: "GET",  path: "/projects/:projectId/reports/progress",                   access: perm("report:read") },
  { method: "POST", path: "/projects/:projectId/reports/progress",                   access: perm("report:narrative"), form: { intent: "saveNarrative" } },
  { method: "GET",  path: "/projects/:projectId/reports/progress/export",            access: perm("report:read"), query: "?format=docx" },
  { method: "GET",  path: "/projects/:projectId/reports/periods",                    access: perm("report:read") },
  { method: "POST", path: "/projects/:projectId/reports/periods",                    access: perm("period:lock"), form: { intent: "create" } },
];

/** Route files or methods the matrix does not request, each with the reason. Key: "METHOD /pattern". */
export const NOT_IN_MATRIX: Record<string, string> = {
  "POST /logout": "ends the shared session; covered by tests/e2e/auth.spec.ts and tests/http/csrf.spec.ts",
};

/** The project whose id fills :projectId (the roles of the demo users there decide what they may do). */
export const MATRIX_PROJECT_CODE = "FORST-2019";

/** How each path parameter is filled in: ids from the demo data set. */
export const PARAMS: Record<string, () => Promise<string>> = {
  projectId: () => projectIdByCode(MATRIX_PROJECT_CODE),
  userId: () => sqlValue(`SELECT "id" FROM "User" WHERE "email" = ?`, ["coordinator@demo.biwaq.de"]),
  areaId: () => sqlValue(`SELECT "id" FROM "ProgrammeArea" ORDER BY "name" LIMIT 1`),
  actionFieldId: () => sqlValue(`SELECT "id" FROM "ActionField" ORDER BY "code" LIMIT 1`),
  participantId: () => inProject("Participant", `"participantNo"`),
  activityId: () => inProject("Activity", `"id"`),
  organisationId: () => inProject("Organisation", `"id"`),
  milestoneId: () => inProject("Milestone", `"id"`),
  partnerId: () => inProject("Partner", `"id"`),
  targetId: () => inProject("Target", `"id"`),
  expenseId: () => inProject("Expense", `"id"`),
  jobId: async () => "AAAAAAAAAAAAAAAAAAAAAA",
};

/** The first record (by `orderBy`) of a project-scoped table in the matrix project. */
async function inProject(table: string, orderBy: string): Promise<string> {
  return sqlValue(`SELECT "id" FROM "${table}" WHERE "projectId" = ? ORDER BY ${orderBy} LIMIT 1`, [await projectIdByCode(MATRIX_PROJECT_CODE)]);
}
