// Sessions: a signed cookie carries only a random session id; the Session table holds the rest.
// Security baseline: HttpOnly, SameSite=Lax, Secure in production, rotatable secrets, new session on
// login, deleted on logout, idle timeout 30 min, absolute lifetime 12 h.
import { createCookie, redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { db } from "./db.server";
import { getEnv } from "./env.server";
import { can, isProjectRole, type AdminPermission, type Permission, type ProjectRole } from "./permissions";
import { forbidden, notFound, requireId } from "./http.server";
import { DEFAULT_LOCALE, isLocale } from "./i18n";
import type { Locale } from "./format";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often (saves a write per request). */
const TOUCH_INTERVAL_MS = 60 * 1000;

let sessionCookie: ReturnType<typeof createCookie> | undefined;
function getSessionCookie() {
  if (!sessionCookie) {
    const env = getEnv();
    sessionCookie = createCookie("biwaq_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.cookieSecure,
      path: "/",
      secrets: env.sessionSecrets,
      maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
    });
  }
  return sessionCookie;
}

export const localeCookie = createCookie("biwaq_locale", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: Locale;
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await getSessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

/** Creates a fresh session for the user and returns the Set-Cookie header. */
export async function createUserSession(userId: string, userAgent: string | null): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  await db.session.create({
    data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS), userAgent: userAgent?.slice(0, 200) ?? null },
  });
  // why: an occasional sweep keeps the table small without a scheduler.
  if (Math.random() < 0.05) await db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - IDLE_TIMEOUT_MS) } }] } });
  return getSessionCookie().serialize(id);
}

/** Deletes the session (if any) and returns a Set-Cookie header that clears the cookie. */
export async function destroyUserSession(request: Request): Promise<{ cookie: string; userId: string | null }> {
  const id = await readSessionId(request);
  let userId: string | null = null;
  if (id) {
    const session = await db.session.findUnique({ where: { id }, select: { userId: true } });
    userId = session?.userId ?? null;
    await db.session.deleteMany({ where: { id } });
  }
  return { cookie: await getSessionCookie().serialize("", { maxAge: 0 }), userId };
}

type SessionState = { user: SessionUser } | { user: null; expired: boolean };

/** The logged-in user, or null (with `expired` when a session existed but timed out). */
export async function getSessionState(request: Request): Promise<SessionState> {
  const id = await readSessionId(request);
  if (!id) return { user: null, expired: false };
  const session = await db.session.findUnique({
    where: { id },
    select: { lastSeenAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, isAdmin: true, active: true, locale: true } } },
  });
  const now = Date.now();
  if (!session || !session.user.active) return { user: null, expired: Boolean(session) };
  if (session.expiresAt.getTime() < now || session.lastSeenAt.getTime() + IDLE_TIMEOUT_MS < now) {
    await db.session.deleteMany({ where: { id } });
    return { user: null, expired: true };
  }
  if (session.lastSeenAt.getTime() + TOUCH_INTERVAL_MS < now) {
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  const { active: _active, ...user } = session.user;
  return { user: { ...user, locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE } };
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await getSessionState(request)).user;
}

function loginRedirect(request: Request, expired: boolean): never {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  if (expired) params.set("expired", "1");
  throw redirect(`/login?${params}`);
}

/** The logged-in user; otherwise redirects to /login (remembering where the user wanted to go). */
export async function requireUser(request: Request): Promise<SessionUser> {
  const state = await getSessionState(request);
  if (!state.user) loginRedirect(request, "expired" in state && state.expired);
  return state.user;
}

export async function requireAdmin(request: Request, permission: AdminPermission = "admin:users"): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can({ isAdmin: user.isAdmin, role: null }, permission)) forbidden();
  return user;
}

export interface ProjectAccess {
  user: SessionUser;
  project: { id: string; code: string; title: string; startDate: Date; endDate: Date; status: string };
  role: ProjectRole | null;
}

/**
 * The first line of every project loader/action: the user must be logged in, a member of the project
 * (or admin) — otherwise 404, so other projects' ids reveal nothing — and hold `permission` (else 403).
 */
export async function requirePermission(request: Request, projectIdParam: string | undefined, permission: Permission | AdminPermission): Promise<ProjectAccess> {
  const user = await requireUser(request);
  const projectId = requireId(projectIdParam);
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      id: true, code: true, title: true, startDate: true, endDate: true, status: true,
      memberships: { where: { userId: user.id }, select: { role: true }, take: 1 },
    },
  });
  const membershipRole = project?.memberships[0]?.role;
  const role = isProjectRole(membershipRole) ? membershipRole : null;
  if (!project || (!role && !user.isAdmin)) notFound();
  if (!can({ isAdmin: user.isAdmin, role }, permission)) forbidden();
  const { memberships: _m, ...projectData } = project;
  return { user, project: projectData, role };
}

/** The UI language: the user's setting, else the locale cookie, else German. */
export async function resolveLocale(request: Request, user: SessionUser | null): Promise<Locale> {
  if (user) return user.locale;
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
