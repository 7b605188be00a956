// CSRF: every state-changing request must come from the app's own origin. A forged Origin, or no
// Origin and no Sec-Fetch-Site, is refused with 403 before anything is read or written.
import { request as playwrightRequest } from "@playwright/test";
import { BASE_URL } from "../e2e/support/run-env";
import { DEMO_PASSWORD, demoEmail, expect, test } from "../e2e/fixtures";

const EVIL = { Origin: "https://evil.example" };

test.describe("forged Origin is refused", () => {
  test("POST /login from another origin: 403, no session", async () => {
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
    try {
      const response = await api.post("/login", { form: { email: demoEmail("lead"), password: DEMO_PASSWORD }, headers: EVIL, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(response.headers()["set-cookie"]).toBeUndefined();
      expect(await response.text()).toContain("Cross-origin request refused");
      const home = await api.get("/", { maxRedirects: 0 });
      expect(home.status()).toBe(302);
      expect(home.headers().location).toMatch(/^\/login/);
    } finally {
      await api.dispose();
    }
  });

  test("POST /logout from another origin: 403, the session lives on", async ({ newSession }) => {
    const api = await newSession("lead");
    const response = await api.post("/logout", { headers: EVIL, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    const home = await api.get("/", { maxRedirects: 0 });
    expect(home.status()).toBe(200);
    expect(await home.text()).toContain("Willkommen");
  });

  test("POST /locale from another origin: 403, the language stays", async ({ newSession }) => {
    const api = await newSession("lead");
    const response = await api.post("/locale", { form: { locale: "en", redirectTo: "/" }, headers: EVIL, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(response.headers()["set-cookie"]).toBeUndefined();
    const home = await api.get("/", { maxRedirects: 0 });
    expect(await home.text()).toContain("Willkommen");
  });

  test("an admin create action from another origin: 403, nothing created", async ({ newSession }) => {
    const api = await newSession("admin");
    const name = `CSRF-Probe ${Date.now()}`;
    const response = await api.post("/admin/areas/new", { form: ADMIN_CREATE_AREA(name), headers: EVIL, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    const list = await api.get("/admin/areas");
    expect(list.status()).toBe(200);
    expect(await list.text()).not.toContain(name);
  });

  test("control: the same create action from the app's own origin does create it", async ({ newSession }) => {
    const api = await newSession("admin");
    const name = `CSRF-Control ${Date.now()}`;
    const response = await api.post("/admin/areas/new", { form: ADMIN_CREATE_AREA(name), maxRedirects: 0 });
    expect(response.status(), (await response.text()).slice(0, 300)).toBe(302);
    expect(response.headers().location).toMatch(/^\/admin\/areas\/[^/?]+/);
    expect(await (await api.get("/admin/areas")).text()).toContain(name);
  });
});

test.describe("no Origin and no Sec-Fetch-Site is refused", () => {
  for (const path of ["/login", "/logout", "/locale", "/admin/areas/new"]) {
    test(`POST ${path}`, async () => {
      const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
      try {
        const response = await api.post(path, { form: { email: demoEmail("lead"), password: DEMO_PASSWORD, locale: "en" }, maxRedirects: 0 });
        expect(response.status()).toBe(403);
        expect(response.headers()["set-cookie"]).toBeUndefined();
      } finally {
        await api.dispose();
      }
    });
  }

  test("Sec-Fetch-Site: cross-site without Origin is refused too", async () => {
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
    try {
      const response = await api.post("/login", { form: { email: demoEmail("lead"), password: DEMO_PASSWORD }, headers: { "Sec-Fetch-Site": "cross-site" }, maxRedirects: 0 });
      expect(response.status()).toBe(403);
    } finally {
      await api.dispose();
    }
  });

  test("Sec-Fetch-Site: same-origin without Origin is accepted (older browsers' same-origin posts)", async () => {
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
    try {
      const response = await api.post("/login", { form: { email: "", password: "" }, headers: { "Sec-Fetch-Site": "same-origin" }, maxRedirects: 0 });
      expect(response.status()).toBe(400);
    } finally {
      await api.dispose();
    }
  });
});

/** The admin "new programme area" form (app/routes/admin.areas.new.tsx, AreaInputSchema). */
function ADMIN_CREATE_AREA(name: string): Record<string, string> {
  return { name, municipality: "Teststadt", federalState: "Sachsen", regionCategory: "transition" };
}
