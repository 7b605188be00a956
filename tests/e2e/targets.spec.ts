// Steering journeys: a lead sets a target and watches its actual follow the records (an activity logged
// through the activities form raises "activities held" by one); the steering pages pass axe; a lead's
// to-do list leads to the overdue milestones.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { projectIdByCode, sql } from "./support/db";

/** "1.234" (German grouping) → 1234; "5,5" → 5.5 */
const figure = (text: string | null) => Number((text ?? "").trim().replace(/\./g, "").replace(",", "."));

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
  expect(report, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}

test("a lead sets a target and watches its actual rise after an activity is logged", async ({ page, login }) => {
  await login("lead");
  await page.getByRole("main").getByRole("link", { name: "Mittendrin statt Außen vor" }).click();
  const projectNav = page.getByRole("navigation", { name: "Projektnavigation" });
  await projectNav.getByRole("link", { name: "Ziele" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ziele" })).toBeVisible();

  // why 2020: other journeys log activities on the default day (the project's last day, in 2022);
  // a 2020 target only moves with this test's activity.
  await page.getByRole("link", { name: "Neues Ziel" }).click();
  await page.getByLabel("Indikator", { exact: true }).selectOption("activities_held");
  await page.getByLabel(/^Jahr/).selectOption("2020");
  await page.getByLabel("Zielwert", { exact: true }).fill("400");
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect(page).toHaveURL(/\/targets\?created=1$/);
  await expect(page.getByRole("status")).toHaveText("Ziel gespeichert.");

  const row = page.getByRole("row").filter({ hasText: "Durchgeführte Aktivitäten" }).filter({ hasText: "2020 · alle Gebiete" });
  await expect(row).toHaveCount(1);
  const before = figure(await row.getByTestId("target-actual").textContent());
  await expect(row).toContainText(`${before} von 400`);
  // 2020 is over: a steady pace would have reached all 400
  await expect(row).toContainText("Soll bis heute: 400");
  await expect(row).toContainText(before >= 360 ? "im Plan" : "im Rückstand");

  await projectNav.getByRole("link", { name: "Aktivitäten" }).click();
  await page.getByRole("link", { name: "Aktivität erfassen" }).first().click();
  await expect(page).toHaveURL(/\/activities\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Aktivität erfassen" })).toBeVisible();
  await page.getByLabel("Aktivitätsart").selectOption({ index: 1 });
  await page.getByLabel("Datum", { exact: true }).fill("14.05.2020");
  await page.getByLabel("Beginn", { exact: true }).fill("10:00");
  await page.getByLabel("Dauer in Stunden").fill("1,5");
  await page.getByRole("button", { name: "Aktivität speichern" }).click();
  await expect(page).toHaveURL(/\/activities\/[^/?]+\?created=1$/);

  await projectNav.getByRole("link", { name: "Ziele" }).click();
  await expect(row.getByTestId("target-actual")).toHaveText(String(before + 1));
  await expect(row).toContainText(`${before + 1} von 400`);

  // the actual is computed, never typed: the target's page offers no input for it
  await row.getByRole("link", { name: "Durchgeführte Aktivitäten" }).click();
  await expect(page.getByText("Ist-Wert berechnet")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Neuer Ist-Wert" })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // leave the demo data as found
  await page.getByRole("button", { name: "Ziel endgültig löschen" }).click();
  await expect(page).toHaveURL(/\/targets\?deleted=1$/);
  await expect(page.getByRole("row").filter({ hasText: "2020 · alle Gebiete" }).filter({ hasText: "Durchgeführte Aktivitäten" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses a bad target, writes nothing, names every field and keeps what was typed", async ({ page, login }) => {
    await login("lead");
    const projectId = await projectIdByCode("FORST-2019");
    // why: the other journey creates and deletes a target in this project at the same time, so count
    // what this test would have written (its note), not all rows.
    const written = () => sql('SELECT id FROM "Target" WHERE "projectId" = ? AND note = ?', [projectId, "laut Zuwendungsbescheid"]);
    expect(await written()).toHaveLength(0);
    await page.goto(`/projects/${projectId}/targets/new`);
    await page.getByLabel("Indikator", { exact: true }).selectOption("custom");
    await page.getByLabel(/^Jahr/).selectOption("2021");
    await page.getByLabel("Zielwert", { exact: true }).fill("2,5");
    await page.getByLabel(/^Notiz/).fill("laut Zuwendungsbescheid");
    await page.getByRole("button", { name: "Anlegen" }).click();

    const value = page.getByLabel("Zielwert", { exact: true });
    await expect(value).toHaveAttribute("aria-invalid", "true");
    await expect(value).toHaveValue("2,5");
    await expect(page.getByText("Bitte geben Sie eine ganze Zahl ein.")).toBeVisible();
    const name = page.getByLabel(/^Name des eigenen Indikators/);
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await name.getAttribute("aria-describedby").then((ids) => ids!.split(" ").pop())}`)).toHaveText(
      "Bitte geben Sie dem eigenen Indikator einen Namen.",
    );
    await expect(page.getByLabel(/^Jahr/)).toHaveValue("2021");
    await expect(page.getByLabel(/^Notiz/)).toHaveValue("laut Zuwendungsbescheid");

    expect(await written()).toHaveLength(0);
  });
});

test("the lead's to-do list leads to the overdue milestones", async ({ page, login }) => {
  await login("lead");
  const tasks = page.getByRole("region", { name: "Ihre Aufgaben" });
  await expect(tasks).toBeVisible();
  const forst = tasks.getByRole("group", { name: /FORST-2019/ });
  const overdue = forst.getByRole("link", { name: /Überfällige Meilensteine/ });
  const count = figure((await overdue.textContent())!.split(":")[1]);
  expect(count).toBeGreaterThan(0);
  await overdue.click();
  await expect(page).toHaveURL(/\/milestones\?status=overdue$/);
  await expect(page.getByRole("heading", { level: 1, name: "Meilensteine" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(count + 1);
  await expect(page.getByRole("table").getByText("überfällig", { exact: true })).toHaveCount(count);
  await expectNoSeriousViolations(page);
});

for (const section of ["milestones", "partners", "targets"]) {
  test(`the ${section} page passes axe for a manager (read-only)`, async ({ page, login }) => {
    await login("manager");
    const response = await page.goto(`/projects/${await projectIdByCode("FORST-2019")}/${section}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Neue[rs]? / })).toHaveCount(0);
    await expectNoSeriousViolations(page);
  });
}
