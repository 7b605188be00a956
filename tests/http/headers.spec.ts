// Security headers on every page, the session cookie's flags, no caching of signed-in pages.
import { request as playwrightRequest, type APIResponse } from "@playwright/test";
import { projectIdByCode } from "../e2e/support/db";
import { BASE_URL } from "../e2e/support/run-env";
import { DEMO_PASSWORD, demoEmail, expect, test } from "../e2e/fixtures";

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  expect(csp, "Content-Security-Policy").toBeTruthy();
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"));
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
}

/** Every inline script carries the nonce of its own response's CSP (a fresh one per response). */
async function expectScriptsCarryNonce(response: APIResponse) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"])![1];
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "script without the response's nonce").toContain(`nonce="${nonce}"`);
}

test("login page: headers and nonce", async ({ apiAs }) => {
  const anonymous = await apiAs("anonymous");
  const first = await anonymous.get("/login");
  expect(first.status()).toBe(200);
  expectSecurityHeaders(first);
  await expectScriptsCarryNonce(first);
  const second = await anonymous.get("/login");
  expect(second.headers()["content-security-policy"]).not.toBe(first.headers()["content-security-policy"]);
});

test("signed-in pages: headers, nonce and Cache-Control no-store", async ({ apiAs }) => {
  const lead = await apiAs("lead");
  for (const path of ["/", `/projects/${await projectIdByCode("FORST-2019")}`]) {
    const response = await lead.get(path);
    expect(response.status(), path).toBe(200);
    expectSecurityHeaders(response);
    await expectScriptsCarryNonce(response);
    expect(response.headers()["cache-control"], path).toContain("no-store");
  }
});

test("error pages carry the headers too", async ({ apiAs }) => {
  const response = await (await apiAs("lead")).get("/projects/does-not-exist");
  expect(response.status()).toBe(404);
  expectSecurityHeaders(response);
  expect(response.headers()["cache-control"]).toContain("no-store");
});

test("session cookie: HttpOnly, SameSite=Lax, path /, signed; a new id on every login", async () => {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } });
  try {
    const login = () => api.post("/login", { form: { email: demoEmail("coordinator"), password: DEMO_PASSWORD }, maxRedirects: 0 });
    const first = await login();
    expect(first.status()).toBe(302);
    const cookie = first.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("biwaq_session="));
    expect(cookie, "Set-Cookie biwaq_session").toBeDefined();
    const attributes = cookie!.value.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    // Signed: "<base64 payload>.<signature>".
    expect(decodeURIComponent(cookie!.value.split(";")[0].split("=")[1])).toMatch(/^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    const second = await login();
    const secondCookie = second.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("biwaq_session="));
    expect(secondCookie!.value.split(";")[0]).not.toBe(cookie!.value.split(";")[0]);
  } finally {
    await api.dispose();
  }
});

test("a tampered session cookie is ignored", async () => {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } });
  try {
    const login = await api.post("/login", { form: { email: demoEmail("coordinator"), password: DEMO_PASSWORD }, maxRedirects: 0 });
    const value = login.headersArray().find((h) => h.value.startsWith("biwaq_session="))!.value.split(";")[0].split("=")[1];
    // Another session id under the genuine signature: the signature no longer matches.
    const signature = decodeURIComponent(value).split(".")[1];
    const forged = `${Buffer.from(JSON.stringify("A".repeat(43))).toString("base64")}.${signature}`;
    const response = await api.get("/", { headers: { Cookie: `biwaq_session=${encodeURIComponent(forged)}` }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toMatch(/^\/login/);
  } finally {
    await api.dispose();
  }
});
