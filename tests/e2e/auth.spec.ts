// Signing in and out, sessions and the language switch, walked through the real pages.
import { createTestUser } from "./support/cli";
import { ageSession, projectTitles, sessionIdFromCookie } from "./support/db";
import { DEMO_MEMBERSHIPS, DEMO_PROJECT_CODES, DEMO_ROLES, demoEmail, expect, test } from "./fixtures";

test.describe("home page per role", () => {
  for (const role of DEMO_ROLES) {
    test(`${role} signs in and sees a welcome and exactly their projects`, async ({ page, login }) => {
      const titles = await projectTitles();
      await login(role);
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Willkommen");
      await expect(page.getByText(`Angemeldet als`)).toBeVisible();
      const projectList = page.locator("main");
      for (const code of DEMO_PROJECT_CODES) {
        const link = projectList.getByRole("link", { name: titles[code], exact: true });
        if (DEMO_MEMBERSHIPS[role].includes(code)) await expect(link, `${role} should see ${code}`).toBeVisible();
        else await expect(link, `${role} must not see ${code}`).toHaveCount(0);
      }
      const adminLink = page.getByRole("link", { name: "Benutzer", exact: true });
      if (role === "admin") await expect(adminLink.first()).toBeVisible();
      else await expect(adminLink).toHaveCount(0);
    });
  }

  test("the project lead sees Forst but not Weißwasser", async ({ page, login }) => {
    await login("lead");
    await expect(page.getByRole("main")).toContainText("Mittendrin statt Außen vor");
    await expect(page.getByRole("main")).not.toContainText("Perspektiven Weißwasser");
  });
});

test.describe("login", () => {
  test("a wrong password gets the generic German message and no session", async ({ page, context }) => {
    await page.goto("/login");
    await page.getByLabel("E-Mail-Adresse").fill(demoEmail("coordinator"));
    await page.getByLabel("Passwort").fill("definitely-not-the-password");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByRole("alert")).toHaveText("E-Mail-Adresse oder Passwort ist falsch.");
    await expect(page).toHaveURL(/\/login/);
    // What the user typed is still there.
    await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(demoEmail("coordinator"));
    expect((await context.cookies()).find((c) => c.name === "biwaq_session")).toBeUndefined();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2F/);
  });

  test("an unknown email gets exactly the same message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-Mail-Adresse").fill("nobody@demo.biwaq.de");
    await page.getByLabel("Passwort").fill("definitely-not-the-password");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByRole("alert")).toHaveText("E-Mail-Adresse oder Passwort ist falsch.");
  });

  test("after login the user lands on the page they asked for", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers/);
    await page.getByLabel("E-Mail-Adresse").fill(demoEmail("admin"));
    await page.getByLabel("Passwort").fill("biwaq-demo-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL("/admin/users");
  });

  test("logout ends the session", async ({ page, login, context }) => {
    await login("manager");
    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1/);
    await expect(page.getByRole("status")).toHaveText("Sie wurden abgemeldet.");
    expect((await context.cookies()).find((c) => c.name === "biwaq_session")).toBeUndefined();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
  });

  test("a session idle for 31 minutes has expired: back to login with a notice", async ({ page, login, context }) => {
    await login("accountant");
    const cookie = (await context.cookies()).find((c) => c.name === "biwaq_session");
    expect(cookie, "session cookie after login").toBeDefined();
    await ageSession(sessionIdFromCookie(cookie!.value), 31);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?.*expired=1/);
    await expect(page.getByRole("status")).toContainText("abgelaufen");
    // Signing in again works and returns to the page.
    await page.getByLabel("E-Mail-Adresse").fill(demoEmail("accountant"));
    await page.getByLabel("Passwort").fill("biwaq-demo-2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL("/");
  });
});

test.describe("language switch", () => {
  test("on the login page: English and back to German", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await page.getByRole("button", { name: "Sprache wechseln" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByLabel("Email address")).toBeVisible();
    await page.getByRole("button", { name: "Switch language" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
  });

  test("signed in: the choice is kept on the user", async ({ page, login, context }) => {
    test.slow(); // creates a user through the CLI
    // A user of its own: the language is stored on the user and must not change other tests' pages.
    const user = createTestUser("locale");
    await login(user);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Willkommen, ${user.name}`);
    await page.getByRole("button", { name: "Sprache wechseln" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${user.name}`);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    // Kept across a new browser session (stored on the user, not only in the cookie).
    await context.clearCookies();
    await login(user);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${user.name}`);
    await page.getByRole("button", { name: "Switch language" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Willkommen, ${user.name}`);
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
  });
});
