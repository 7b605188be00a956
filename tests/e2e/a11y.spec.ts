// Accessibility: axe-core (WCAG 2.0/2.1 A + AA rules) finds no serious or critical violation on the
// login page, every role's home page and the admin screens.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { projectIdByCode } from "./support/db";
import { DEMO_ROLES, expect, test } from "./fixtures";

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
  expect(report, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}

test("login page", async ({ page }) => {
  await page.goto("/login");
  await expectNoSeriousViolations(page);
});

test("login page with a validation error", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.locator("#email-error")).toBeVisible();
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousViolations(page);
});

for (const role of DEMO_ROLES) {
  test(`home page of ${role}`, async ({ page, login }) => {
    await login(role);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
}

test("project overview", async ({ page, login }) => {
  await login("lead");
  await page.goto(`/projects/${await projectIdByCode("FORST-2019")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mittendrin statt Außen vor");
  await expectNoSeriousViolations(page);
});

test.describe("admin pages", () => {
  for (const path of ["/admin/users", "/admin/projects", "/admin/areas", "/admin/action-fields"]) {
    test(path, async ({ page, login }) => {
      await login("admin");
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page);
    });
  }

  test("project edit page", async ({ page, login }) => {
    await login("admin");
    const response = await page.goto(`/admin/projects/${await projectIdByCode("FORST-2019")}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});
