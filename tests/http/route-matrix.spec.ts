// The route × role matrix (rows in ./route-matrix.ts): every route answers each demo role and an
// anonymous visitor as the permission table says. No browser: plain HTTP with signed-in sessions.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIResponse } from "@playwright/test";
import { can, isProjectRole } from "../../app/utils/permissions";
import { membershipRole } from "../e2e/support/db";
import { ROOT } from "../e2e/support/run-env";
import { DEMO_ROLES, demoEmail, expect, test, type DemoRole } from "../e2e/fixtures";
import { MATRIX_PROJECT_CODE, NOT_IN_MATRIX, PARAMS, ROUTES, type Access, type RouteRow } from "./route-matrix";

const ROUTES_DIR = path.join(ROOT, "app", "routes");

/** Remix flat-routes file name → URL pattern (`projects.$projectId._index` → `/projects/:projectId`). */
function routePattern(routeId: string): string {
  const segments = routeId.match(/(\[[^\]]*\]|[^.[\]]+)+/g) ?? [];
  const parts: string[] = [];
  for (const raw of segments) {
    if (raw === "_index" || raw === "route") continue;
    if (raw.startsWith("_")) continue; // pathless layout
    if (raw.startsWith("(") && raw.endsWith(")")) continue; // optional segment: the matrix uses the plain path
    const segment = raw.replace(/_$/, "").replace(/\[([^\]]*)\]/g, "$1");
    if (segment === "$") parts.push("*");
    else parts.push(segment.startsWith("$") ? `:${segment.slice(1)}` : segment);
  }
  return `/${parts.join("/")}`;
}

interface RouteFile {
  id: string;
  file: string;
  pattern: string;
  hasLoader: boolean;
  hasAction: boolean;
  hasComponent: boolean;
}

function routeFiles(): RouteFile[] {
  const files: RouteFile[] = [];
  for (const entry of readdirSync(ROUTES_DIR)) {
    const full = path.join(ROUTES_DIR, entry);
    let file: string | undefined;
    let id = entry;
    if (statSync(full).isDirectory()) {
      file = ["route.tsx", "route.ts"].map((f) => path.join(full, f)).find((f) => statSync(f, { throwIfNoEntry: false }));
    } else if (/\.(tsx|ts)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) {
      file = full;
      id = entry.replace(/\.(tsx|ts)$/, "");
    }
    if (!file) continue;
    const source = readFileSync(file, "utf8");
    files.push({
      id,
      file: path.relative(ROOT, file),
      pattern: routePattern(id),
      hasLoader: /export\s+(async\s+)?function\s+loader\b|export\s+const\s+loader\b/.test(source),
      hasAction: /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source),
      hasComponent: /export\s+default\b/.test(source),
    });
  }
  return files;
}

test("every route file has a row in the matrix (or a reason in NOT_IN_MATRIX)", () => {
  const rows = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
  const missing: string[] = [];
  for (const route of routeFiles()) {
    const needs = [
      ...(route.hasLoader || route.hasComponent ? [`GET ${route.pattern}`] : []),
      ...(route.hasAction ? [`POST ${route.pattern}`] : []),
    ];
    for (const key of needs) if (!rows.has(key) && !(key in NOT_IN_MATRIX)) missing.push(`${key}   (${route.file})`);
  }
  expect(missing, "add these to tests/http/route-matrix.ts ROUTES").toEqual([]);
});

test("every row names an existing route", () => {
  const patterns = new Set(routeFiles().map((r) => r.pattern));
  const unknown = ROUTES.filter((r) => !patterns.has(r.path)).map((r) => `${r.method} ${r.path}`);
  expect(unknown).toEqual([]);
});

const paramCache = new Map<string, Promise<string>>();
async function resolvePath(row: RouteRow): Promise<string> {
  let url = row.path;
  for (const [, name] of row.path.matchAll(/:(\w+)/g)) {
    const resolver = PARAMS[name];
    if (!resolver) throw new Error(`no PARAMS.${name} in tests/http/route-matrix.ts`);
    if (!paramCache.has(name)) paramCache.set(name, resolver());
    url = url.replace(`:${name}`, encodeURIComponent(await paramCache.get(name)!));
  }
  return url + (row.query ?? "");
}

const roleCache = new Map<DemoRole, Promise<{ isAdmin: boolean; role: ReturnType<typeof toRole> }>>();
function toRole(value: string | null) {
  return isProjectRole(value) ? value : null;
}
function subject(role: DemoRole) {
  if (!roleCache.has(role)) {
    roleCache.set(role, membershipRole(demoEmail(role), MATRIX_PROJECT_CODE).then((r) => ({ isAdmin: role === "admin", role: toRole(r) })));
  }
  return roleCache.get(role)!;
}

async function mayOpen(access: Access, role: DemoRole): Promise<boolean> {
  if (access.kind === "anyone" || access.kind === "signedIn") return true;
  if (access.kind === "admin") return role === "admin";
  return can(await subject(role), access.permission);
}

function isLoginRedirect(response: APIResponse): boolean {
  const location = response.headers().location ?? "";
  return response.status() >= 300 && response.status() < 400 && new URL(location, "http://x").pathname === "/login";
}

function describe(response: APIResponse): string {
  const location = response.headers().location;
  return `${response.status()}${location ? ` → ${location}` : ""}`;
}

/** What "allowed" looks like: a page (or a non-login redirect); for POST, a handled request. */
function looksAllowed(row: RouteRow, response: APIResponse): boolean {
  const status = response.status();
  if (status >= 300 && status < 400) return !isLoginRedirect(response);
  if (row.method === "GET") return status === 200;
  return status >= 200 && status < 500 && ![401, 403, 404, 405].includes(status);
}

for (const row of ROUTES) {
  test(`${row.method} ${row.path}${row.query ?? ""}`, async ({ apiAs }) => {
    const url = await resolvePath(row);
    const problems: string[] = [];
    const send = async (who: DemoRole | "anonymous") => {
      const api = await apiAs(who);
      return row.method === "GET" ? api.get(url, { maxRedirects: 0 }) : api.post(url, { form: row.form ?? {}, maxRedirects: 0 });
    };
    for (const role of DEMO_ROLES) {
      const response = await send(role);
      const allowed = await mayOpen(row.access, role);
      if (response.status() >= 500) problems.push(`${role}: server error ${describe(response)}`);
      else if (allowed && row.missing && response.status() !== 404) problems.push(`${role}: expected 404 (nothing to see), got ${describe(response)}`);
      else if (allowed && !row.missing && !looksAllowed(row, response)) problems.push(`${role}: expected allowed, got ${describe(response)}`);
      else if (!allowed && ![403, 404].includes(response.status())) problems.push(`${role}: expected 403/404, got ${describe(response)}`);
    }
    const anonymous = await send("anonymous");
    if (anonymous.status() >= 500) problems.push(`anonymous: server error ${describe(anonymous)}`);
    else if (row.access.kind === "anyone" ? !looksAllowed(row, anonymous) : !isLoginRedirect(anonymous)) {
      problems.push(`anonymous: expected ${row.access.kind === "anyone" ? "allowed" : "redirect to /login"}, got ${describe(anonymous)}`);
    }
    expect(problems, `${row.method} ${url}`).toEqual([]);
  });
}
