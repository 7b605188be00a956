// Sessions, permission guards and the login rate limit against a real database.
import { describe, expect, it } from "vitest";
import { createAuthenticator, LOGIN_LIMITS, LoginError } from "~/modules/users/authenticate.server";
import { hashPassword } from "~/modules/users/password.server";
import { db } from "./db.server";
import { createUserSession, destroyUserSession, getSessionState, IDLE_TIMEOUT_MS, requireAdmin, requirePermission } from "./session.server";

let counter = 0;
async function makeUser(options: { isAdmin?: boolean; active?: boolean; password?: string } = {}) {
  counter++;
  return db.user.create({
    data: {
      email: `session-${counter}-${Date.now()}@example.org`,
      name: `Test ${counter}`,
      isAdmin: options.isAdmin ?? false,
      active: options.active ?? true,
      passwordHash: await hashPassword(options.password ?? "richtiges-passwort"),
    },
  });
}

async function makeProject() {
  counter++;
  return db.project.create({ data: { code: `P${counter}-${Date.now()}`, title: `Projekt ${counter}`, startDate: new Date("2024-01-01"), endDate: new Date("2026-12-31") } });
}

async function requestAs(userId: string, path = "/"): Promise<Request> {
  const setCookie = await createUserSession(userId, "vitest");
  return new Request(`http://localhost${path}`, { headers: { Cookie: setCookie.split(";")[0] } });
}

async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    const init = (thrown as { init?: { status?: number } })?.init;
    if (init?.status) return init.status;
    throw thrown;
  }
}

function loginRequest(email: string, password: string) {
  return new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ email, password }) });
}

describe("requirePermission", () => {
  it("lets members with the permission in, answers 403 without it and 404 for non-members and bad ids", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const coordinator = await makeUser();
    await db.projectMembership.create({ data: { projectId: project.id, userId: coordinator.id, role: "coordinator" } });
    const request = await requestAs(coordinator.id);

    const access = await requirePermission(request, project.id, "participant:write");
    expect(access.role).toBe("coordinator");
    expect(access.project.id).toBe(project.id);
    expect(await statusOf(requirePermission(request, project.id, "finance:read"))).toBe(403);
    expect(await statusOf(requirePermission(request, other.id, "project:read"))).toBe(404);
    expect(await statusOf(requirePermission(request, "does-not-exist", "project:read"))).toBe(404);
    expect(await statusOf(requirePermission(request, "../../etc/passwd", "project:read"))).toBe(404);
    expect(await statusOf(requirePermission(request, "x".repeat(300), "project:read"))).toBe(404);
  });

  it("gives admins every project and admin permission, others none of the admin ones", async () => {
    const project = await makeProject();
    const admin = await makeUser({ isAdmin: true });
    const plain = await makeUser();
    expect((await requirePermission(await requestAs(admin.id), project.id, "finance:write")).role).toBeNull();
    expect(await statusOf(requireAdmin(await requestAs(admin.id)))).toBe("ok");
    expect(await statusOf(requireAdmin(await requestAs(plain.id)))).toBe(403);
  });

  it("redirects anonymous visitors to the login page, remembering the target", async () => {
    const project = await makeProject();
    try {
      await requirePermission(new Request(`http://localhost/projects/${project.id}`), project.id, "project:read");
      expect.unreachable();
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response);
      const location = (thrown as Response).headers.get("Location") ?? "";
      expect(location).toContain("/login?redirectTo=");
      expect(decodeURIComponent(location)).toContain(`/projects/${project.id}`);
    }
  });
});

describe("sessions", () => {
  it("expire after 30 minutes of inactivity and are deleted", async () => {
    const user = await makeUser();
    const request = await requestAs(user.id);
    expect((await getSessionState(request)).user?.id).toBe(user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) } });
    const state = await getSessionState(request);
    expect(state.user).toBeNull();
    expect("expired" in state && state.expired).toBe(true);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("expire after the absolute lifetime even when active", async () => {
    const user = await makeUser();
    const request = await requestAs(user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getSessionState(request)).user).toBeNull();
  });

  it("end when the user is deactivated, and on logout", async () => {
    const user = await makeUser();
    const request = await requestAs(user.id);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await getSessionState(request)).user).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    const second = await requestAs(user.id);
    expect((await getSessionState(second)).user?.id).toBe(user.id);
    const { cookie } = await destroyUserSession(second);
    expect(cookie).toMatch(/Max-Age=0/);
    expect((await getSessionState(second)).user).toBeNull();
  });

  it("ignore tampered cookies", async () => {
    const user = await makeUser();
    const request = await requestAs(user.id);
    const tampered = new Request("http://localhost/", { headers: { Cookie: request.headers.get("Cookie")!.replace(/.$/, "x") } });
    expect((await getSessionState(tampered)).user).toBeNull();
  });
});

describe("login", () => {
  it("accepts the right password, refuses a wrong one with the same generic error as an unknown account", async () => {
    const user = await makeUser({ password: "richtiges-passwort" });
    const authenticator = createAuthenticator("10.0.0.1");
    expect(await authenticator.authenticate("form", loginRequest(user.email, "richtiges-passwort"))).toEqual({ id: user.id });
    const wrong = await authenticator.authenticate("form", loginRequest(user.email, "falsch")).catch((e) => e);
    const unknown = await authenticator.authenticate("form", loginRequest("nobody@example.org", "falsch")).catch((e) => e);
    expect(wrong).toBeInstanceOf(LoginError);
    expect((wrong as LoginError).reason).toBe("invalid");
    expect((unknown as LoginError).reason).toBe("invalid");
    expect(await db.auditEvent.count({ where: { action: "login_failed", entityId: user.id } })).toBe(1);
  });

  it("blocks an account after repeated failures, even with the right password", async () => {
    const user = await makeUser({ password: "richtiges-passwort" });
    const authenticator = createAuthenticator("10.0.0.2");
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      await authenticator.authenticate("form", loginRequest(user.email, `falsch-${i}`)).catch(() => undefined);
    }
    const blocked = await authenticator.authenticate("form", loginRequest(user.email, "richtiges-passwort")).catch((e) => e);
    expect(blocked).toBeInstanceOf(LoginError);
    expect((blocked as LoginError).reason).toBe("throttled");
    expect((blocked as LoginError).retryAfterMinutes).toBeGreaterThan(0);
  });

  it("refuses deactivated accounts", async () => {
    const user = await makeUser({ active: false, password: "richtiges-passwort" });
    const result = await createAuthenticator("10.0.0.3").authenticate("form", loginRequest(user.email, "richtiges-passwort")).catch((e) => e);
    expect((result as LoginError).reason).toBe("invalid");
  });
});
