// Shared Playwright fixtures: the demo logins, `login(role)` through the real login form, and signed-in
// API request contexts per role for the HTTP checks (tests/http).
import { expect, request as playwrightRequest, test as base, type APIRequestContext, type Page } from "@playwright/test";
import { BASE_URL } from "./support/run-env";

/** The demo data set (`biwaq demo seed`): five logins, one per role, all with this password. */
export const DEMO_PASSWORD = "biwaq-demo-2026";
export const DEMO_ROLES = ["admin", "lead", "coordinator", "manager", "accountant"] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];
export const demoEmail = (role: DemoRole) => `${role}@demo.biwaq.de`;

export const DEMO_PROJECT_CODES = ["FORST-2019", "LEIPZIG-AIQ-2019", "LEIPZIG-MWQ-2015", "WEISSWASSER"] as const;
/** Which demo projects each role belongs to (admins see every project). */
export const DEMO_MEMBERSHIPS: Record<DemoRole, readonly string[]> = {
  admin: DEMO_PROJECT_CODES,
  lead: ["FORST-2019", "LEIPZIG-AIQ-2019"],
  coordinator: ["FORST-2019", "LEIPZIG-AIQ-2019"],
  manager: DEMO_PROJECT_CODES,
  accountant: DEMO_PROJECT_CODES,
};

export interface Credentials {
  email: string;
  password: string;
}

function credentialsFor(who: DemoRole | Credentials): Credentials {
  return typeof who === "string" ? { email: demoEmail(who), password: DEMO_PASSWORD } : who;
}

/** Signs in through the login form as a user would, and waits until the app has left /login. */
export async function loginThroughForm(page: Page, who: DemoRole | Credentials): Promise<void> {
  const { email, password } = credentialsFor(who);
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

/**
 * A request context that sends this app's Origin (as a browser's form post would) and, unless
 * `who` is "anonymous", holds a fresh session signed in through POST /login.
 */
export async function newApiSession(who: DemoRole | Credentials | "anonymous"): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } });
  if (who === "anonymous") return context;
  const { email, password } = credentialsFor(who);
  const response = await context.post("/login", { form: { email, password, redirectTo: "/" }, maxRedirects: 0 });
  if (response.status() !== 302 || response.headers().location?.startsWith("/login")) {
    await context.dispose();
    throw new Error(`login as ${email} failed: HTTP ${response.status()}`);
  }
  return context;
}

interface TestFixtures {
  /** Signs the page in as a demo role (or given credentials) through the real form. */
  login: (who: DemoRole | Credentials) => Promise<void>;
  /** A fresh API session owned by this test (disposed after it); use it when the test changes session state. */
  newSession: (who: DemoRole | Credentials | "anonymous") => Promise<APIRequestContext>;
}

interface WorkerFixtures {
  /** A signed-in API context per role, shared by the tests of a worker: read-only use only (no logout). */
  apiAs: (who: DemoRole | "anonymous") => Promise<APIRequestContext>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  login: async ({ page }, use) => {
    await use((who) => loginThroughForm(page, who));
  },
  newSession: async ({}, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (who) => {
      const context = await newApiSession(who);
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((c) => c.dispose()));
  },
  apiAs: [
    async ({}, use) => {
      const contexts = new Map<string, Promise<APIRequestContext>>();
      await use((who) => {
        if (!contexts.has(who)) contexts.set(who, newApiSession(who));
        return contexts.get(who)!;
      });
      await Promise.all([...contexts.values()].map(async (c) => (await c).dispose()));
    },
    { scope: "worker" },
  ],
});

export { expect };
