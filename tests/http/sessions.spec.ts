// Sessions end on the server: after 30 minutes without a request, after 12 hours at most, and at
// logout — an old cookie replayed afterwards opens nothing, and the session row is gone. Sessions are
// aged by moving their timestamps in the database (no waiting). Uses a user of its own.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createTestUser, type TestUser } from "../e2e/support/cli";
import { sessionIdFromCookie, sql } from "../e2e/support/db";
import { BASE_URL, e2eDatabaseUrl, isPostgresUrl } from "../e2e/support/run-env";
import { expect, newApiSession, test } from "../e2e/fixtures";

let user: TestUser;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  user = createTestUser("sessions");
});

async function sessionCookie(api: APIRequestContext): Promise<string> {
  const cookie = (await api.storageState()).cookies.find((c) => c.name === "biwaq_session");
  if (!cookie) throw new Error("no session cookie after login");
  return cookie.value;
}

/** Sets a timestamp column of a session `minutes` from now (negative: in the past), in the column's storage format. */
async function setSessionTime(sessionId: string, column: "lastSeenAt" | "createdAt" | "expiresAt", minutes: number): Promise<void> {
  const when = new Date(Date.now() + minutes * 60_000);
  if (isPostgresUrl(e2eDatabaseUrl())) {
    // why: the columns are timestamps without time zone holding UTC; pass UTC text, not a JS Date.
    await sql(`UPDATE "Session" SET "${column}" = (?::timestamptz AT TIME ZONE 'UTC') WHERE "id" = ?`, [when.toISOString(), sessionId]);
    return;
  }
  const [row] = await sql<Record<string, unknown>>(`SELECT "${column}" AS "value" FROM "Session" WHERE "id" = ?`, [sessionId]);
  if (!row) throw new Error(`session ${sessionId.slice(0, 6)}… not found`);
  const value = typeof row.value === "number" ? when.getTime() : when.toISOString().replace("Z", "+00:00");
  await sql(`UPDATE "Session" SET "${column}" = ? WHERE "id" = ?`, [value, sessionId]);
}

async function sessionExists(sessionId: string): Promise<boolean> {
  return (await sql(`SELECT "id" FROM "Session" WHERE "id" = ?`, [sessionId])).length > 0;
}

/** A request context that sends exactly this cookie value (as an attacker holding a copied cookie would). */
async function replay(cookieValue: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL, Cookie: `biwaq_session=${cookieValue}` } });
}

async function expectLoginRedirect(api: APIRequestContext, path: string, expired: boolean) {
  const response = await api.get(path, { maxRedirects: 0 });
  expect(response.status(), `GET ${path}`).toBe(302);
  const location = new URL(response.headers().location ?? "", BASE_URL);
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("redirectTo")).toBe(path);
  expect(location.searchParams.get("expired")).toBe(expired ? "1" : null);
}

test("idle for 31 minutes: the next request goes to the login with a notice, the session is deleted", async () => {
  const api = await newApiSession(user);
  try {
    const id = sessionIdFromCookie(await sessionCookie(api));
    expect((await api.get("/", { maxRedirects: 0 })).status()).toBe(200);
    await setSessionTime(id, "lastSeenAt", -31);
    await expectLoginRedirect(api, "/account/password", true);
    expect(await sessionExists(id)).toBe(false);
    // The expired cookie stays useless afterwards.
    await expectLoginRedirect(api, "/", false);
  } finally {
    await api.dispose();
  }
});

test("idle for 29 minutes: still signed in", async () => {
  const api = await newApiSession(user);
  try {
    const id = sessionIdFromCookie(await sessionCookie(api));
    await setSessionTime(id, "lastSeenAt", -29);
    expect((await api.get("/", { maxRedirects: 0 })).status()).toBe(200);
    expect((await api.get("/account/password", { maxRedirects: 0 })).status()).toBe(200);
    expect(await sessionExists(id)).toBe(true);
  } finally {
    await api.dispose();
  }
});

test("12 hours after login the session ends even when it was used a minute ago", async () => {
  const api = await newApiSession(user);
  try {
    const id = sessionIdFromCookie(await sessionCookie(api));
    await setSessionTime(id, "createdAt", -(12 * 60 + 1));
    await setSessionTime(id, "expiresAt", -1);
    await setSessionTime(id, "lastSeenAt", -1);
    await expectLoginRedirect(api, "/", true);
    expect(await sessionExists(id)).toBe(false);
  } finally {
    await api.dispose();
  }
});

test("logout deletes the session on the server: the old cookie, replayed, opens nothing", async () => {
  const api = await newApiSession(user);
  const cookie = await sessionCookie(api);
  const id = sessionIdFromCookie(cookie);
  try {
    const logout = await api.post("/logout", { maxRedirects: 0 });
    expect(logout.status()).toBe(302);
    expect(logout.headers().location).toMatch(/^\/login/);
    expect(await sessionExists(id)).toBe(false);
  } finally {
    await api.dispose();
  }
  const attacker = await replay(cookie);
  try {
    await expectLoginRedirect(attacker, "/", false);
    // Nor does it sign anything through a data request or a post.
    const data = await attacker.get("/account/password.data", { maxRedirects: 0 });
    expect(await data.text()).not.toContain(user.email);
    const post = await attacker.post("/account/password", { form: { currentPassword: user.password, newPassword: "x".repeat(20), confirmPassword: "x".repeat(20) }, maxRedirects: 0 });
    expect(post.status()).toBe(302);
    expect(post.headers().location).toMatch(/^\/login/);
  } finally {
    await attacker.dispose();
  }
});

test("a forged or tampered cookie is ignored (login redirect, no error)", async () => {
  const api = await newApiSession(user);
  const cookie = await sessionCookie(api);
  await api.dispose();
  const [encoded, signature] = decodeURIComponent(cookie).split(".");
  const tampered = [
    `${encoded}.${signature.slice(0, -2)}AA`,
    `${Buffer.from(JSON.stringify("a".repeat(43))).toString("base64")}.${signature}`,
    "bm90LWpzb24.x",
    "%00%ff",
    "a".repeat(4000),
  ];
  for (const value of tampered) {
    const attacker = await replay(value);
    try {
      await expectLoginRedirect(attacker, "/", false);
    } finally {
      await attacker.dispose();
    }
  }
});
