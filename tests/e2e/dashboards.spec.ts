// Dashboards: a manager compares all four demo projects on the portfolio without seeing any participant's
// name; a lead filters a project dashboard and reads the numbers in the table view; a coordinator may not
// open the portfolio. Both pages pass axe.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_PROJECT_CODES, expect, test } from "./fixtures";
import { projectIdByCode, sql, sqlValue } from "./support/db";

/** "1.234" (German grouping) → 1234 */
const figure = (text: string | null) => Number((text ?? "").trim().replace(/\./g, "").replace(",", "."));

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
  expect(report, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}

/** Whether `name` occurs in `text` as a whole word (letters on neither side). */
const containsWord = (text: string, name: string) => new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\p{L}]|$)`, "u").test(text);

test("a manager sees all four projects side by side on the portfolio, without any names", async ({ page, login }) => {
  test.slow(); // a journey over two pages with two axe scans
  await login("manager");
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page).toHaveURL(/\/portfolio$/);
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();

  const table = page.getByTestId("portfolio-table");
  for (const code of DEMO_PROJECT_CODES) {
    await expect(table.getByRole("columnheader").filter({ hasText: code })).toHaveCount(1);
    const entered = table.locator('tr[data-row="entered"]').locator(`td[data-project="${code}"]`);
    expect(figure(await entered.textContent()), `${code}: entries`).toBeGreaterThan(0);
    await expect(table.locator('tr[data-row="complete"]').locator(`td[data-project="${code}"]`)).toHaveText(/^\d+ %$/);
    await expect(table.locator('tr[data-row="budget"]').locator(`td[data-project="${code}"]`)).toContainText("€");
  }
  // WEISSWASSER is not touched by other journeys: its entries equal the records in its duration.
  const weisswasser = await projectIdByCode("WEISSWASSER");
  const expected = await sqlValue<number>(
    `SELECT COUNT(*) AS "n" FROM "Participant" p JOIN "Project" j ON j."id" = p."projectId"
      WHERE p."projectId" = ? AND p."entryDate" >= j."startDate" AND p."entryDate" <= j."endDate"`,
    [weisswasser],
  );
  await expect(table.locator('tr[data-row="entered"] td[data-project="WEISSWASSER"]')).toHaveText(new Intl.NumberFormat("de-DE").format(Number(expected)));

  // No participant name anywhere on the page (the signed-in manager's own name in the header aside).
  const people = await sql<{ firstName: string; lastName: string }>(`SELECT "firstName", "lastName" FROM "ParticipantIdentity" WHERE "anonymisedAt" IS NULL ORDER BY "participantId" LIMIT 300`);
  expect(people.length).toBeGreaterThan(50);
  const names = [...new Set(people.flatMap((p) => [p.firstName, p.lastName]))].filter((name) => name.length > 1);
  const mainText = await page.getByRole("main").innerText();
  const bodyText = await page.locator("body").innerText();
  const ownName = ["Martin", "Meier"];
  expect(names.filter((name) => containsWord(mainText, name))).toEqual([]);
  expect(names.filter((name) => !ownName.includes(name) && containsWord(bodyText, name))).toEqual([]);
  // participant numbers neither
  const numbers = await sql<{ participantNo: string }>(`SELECT "participantNo" FROM "Participant" ORDER BY "id" LIMIT 50`);
  expect(numbers.filter((n) => bodyText.includes(n.participantNo))).toEqual([]);

  // Charts draw after hydration; the same numbers stay available as a table.
  await expect(page.locator("#portfolio-participants .dashboard-chart svg").first()).toBeVisible();
  await page.locator("#portfolio-participants").getByText("Tabelle anzeigen").click();
  await expect(page.locator("#portfolio-participants table")).toBeVisible();
  await expectNoSeriousViolations(page);

  // Each project links to its dashboard.
  await table.getByRole("link", { name: /Dashboard von WEISSWASSER/ }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${weisswasser}/dashboard$`));
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
});

test("a lead filters the project dashboard and reads the numbers in the table view", async ({ page, login }) => {
  test.slow(); // several filter round trips and an axe scan
  const projectId = await projectIdByCode("LEIPZIG-AIQ-2019");
  const area = await sql<{ id: string; name: string }>(
    `SELECT a."id", a."name" FROM "ProgrammeArea" a JOIN "ProjectArea" pa ON pa."areaId" = a."id" WHERE pa."projectId" = ? ORDER BY a."name" LIMIT 1`,
    [projectId],
  );
  const expectedEntries = Number(
    await sqlValue(`SELECT COUNT(*) AS "n" FROM "Participant" WHERE "projectId" = ? AND "areaId" = ? AND "entryDate" >= ? AND "entryDate" < ?`, [projectId, area[0].id, "2020-01-01", "2021-01-01"]),
  );

  await login("lead");
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("main").getByRole("link", { name: "Dashboard öffnen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Projektnavigation" }).getByRole("link", { name: "Dashboard" })).toHaveClass(/active/);

  await page.getByLabel("Von", { exact: true }).fill("2020-01-01");
  await page.getByLabel("Bis", { exact: true }).fill("2020-12-31");
  await page.getByLabel("Programmgebiet", { exact: true }).selectOption({ label: area[0].name });
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-12-31&areaId=/);
  await expect(page.getByText("Zeitraum: 01.01.2020 – 31.12.2020")).toBeVisible();
  await expect(page.getByLabel("Programmgebiet", { exact: true })).toHaveValue(area[0].id);

  const formatted = new Intl.NumberFormat("de-DE").format(expectedEntries);
  await expect(page.getByTestId("kpi-entered").locator("dd")).toHaveText(formatted);
  const section = page.locator("#dashboard-participants");
  await section.getByText("Tabelle anzeigen").click();
  const table = section.getByTestId("participants-table");
  await expect(table).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(12);
  await expect(table.locator("tbody tr").first().locator("th")).toHaveText(/Jan\.? 2020/);
  const total = table.locator("tfoot tr").first();
  await expect(total.locator("td").first()).toHaveText(formatted);
  let sum = 0;
  for (const cell of await table.locator("tbody tr td:nth-child(2)").allTextContents()) sum += figure(cell);
  expect(sum).toBe(expectedEntries);

  // Targets with status and projection are always listed; the lead sees the budget too.
  await expect(page.locator("#dashboard-targets")).toBeVisible();
  await expect(page.locator("#dashboard-budget")).toBeVisible();

  // A preset keeps the area and replaces the period.
  await page.getByRole("navigation", { name: "Schnellauswahl" }).getByRole("link", { name: "Projektlaufzeit" }).click();
  await expect(page).toHaveURL(/from=2019-01-01/);
  await expect(page.getByLabel("Programmgebiet", { exact: true })).toHaveValue(area[0].id);
  await expect(page.getByText("Zeitraum: 01.01.2019 – 31.12.2022")).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("the dashboard rejects a reversed period, shows an empty state and hides the budget from a coordinator", async ({ page, login }) => {
  const projectId = await projectIdByCode("FORST-2019");
  await login("coordinator");
  await page.goto(`/projects/${projectId}/dashboard?from=2021-06-01&to=2021-01-01`);
  await expect(page.getByText("Das Enddatum darf nicht vor dem Anfangsdatum liegen.")).toBeVisible();
  await expect(page.getByLabel("Von", { exact: true })).toHaveValue("2021-06-01");
  // a period without records shows the empty state
  await page.goto(`/projects/${projectId}/dashboard?from=2018-01-01&to=2018-06-30`);
  await expect(page.locator("#dashboard-participants")).toContainText("Noch keine Daten im gewählten Zeitraum.");
  await expect(page.locator("#dashboard-activities")).toContainText("Noch keine Daten im gewählten Zeitraum.");
  // the coordinator has no finance permission: no budget section
  await page.goto(`/projects/${projectId}/dashboard`);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.locator("#dashboard-budget")).toHaveCount(0);
});

test("a coordinator may not open the portfolio", async ({ page, login }) => {
  await login("coordinator");
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Portfolio" })).toHaveCount(0);
  const response = await page.goto("/portfolio");
  expect(response?.status()).toBe(403);
});
