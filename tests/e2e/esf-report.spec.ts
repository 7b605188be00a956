// ESF indicator report journeys: an accountant opens the report of FORST-2019 for 2020, downloads the XLSX
// and finds in the file the figures the page shows; exports carry participant numbers only.
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** Opens FORST-2019 from the start page; returns its path, e.g. /projects/abc. */
async function openForst(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Mittendrin statt Außen vor" }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  return new URL(page.url()).pathname;
}

/** "1.234" (German grouping) → 1234 */
const count = (text: string | null) => Number((text ?? "").replace(/\./g, "").trim());

test("an accountant downloads the ESF report as XLSX and the file holds the EECO01 total shown on the page", async ({ page, login }) => {
  await login("accountant");
  await openForst(page);
  await page.getByRole("navigation", { name: "Projektnavigation" }).getByRole("link", { name: "Berichte" }).click();
  await page.getByRole("link", { name: "ESF-Plus-Indikatorenbericht" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ESF-Plus-Indikatorenbericht" })).toBeVisible();

  await page.getByRole("navigation", { name: "Schnellauswahl" }).getByRole("link", { name: "Jahr 2020" }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-12-31/);
  await expect(page.getByText("01.01.2020 – 31.12.2020").first()).toBeVisible();
  await expect(page.getByTestId("esf-validation")).toContainText("Plausibilitätsprüfung bestanden");

  const row = page.getByRole("row", { name: /^EECO01 / });
  const total = count(await row.locator('[data-cell="total"]').textContent());
  const women = count(await row.locator('[data-cell="female"]').textContent());
  expect(total).toBeGreaterThan(0);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "XLSX herunterladen" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("ESF-FORST-2019-2020-01-01-2020-12-31.xlsx");
  await expect(page.getByRole("status").filter({ hasText: "Export heruntergeladen" })).toBeVisible();

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet("ESF-Indikatoren");
  expect(sheet).toBeDefined();
  let eeco01: ExcelJS.Row | undefined;
  sheet!.eachRow((candidate) => {
    if (candidate.getCell(1).value === "EECO01") eeco01 = candidate;
  });
  expect(eeco01).toBeDefined();
  expect(eeco01!.getCell(6).value).toBe(total);
  expect(eeco01!.getCell(3).value).toBe(women);
  expect(sheet!.getCell("B3").value).toBe("01.01.2020 – 31.12.2020");
});

test("the incomplete list shows participant numbers and missing fields, never names", async ({ page, login }) => {
  await login("accountant");
  await page.goto(`${await openForst(page)}/reports/esf`);
  const section = page.getByRole("region", { name: "Unvollständige Datensätze (in keiner Zahl enthalten)" });
  await expect(section).toBeVisible();
  const rows = section.getByRole("row");
  const numbers = await section.locator("tbody tr td:first-child").allTextContents();
  for (const number of numbers) expect(number).toMatch(/^TN-\d+$/);
  for (const missing of await section.locator("tbody tr td:nth-child(2)").allTextContents()) {
    expect(missing).toMatch(/^(Geschlecht|Geburtsdatum|Erwerbsstatus|Bildungsniveau|Eintrittsdatum)(, (Geschlecht|Geburtsdatum|Erwerbsstatus|Bildungsniveau|Eintrittsdatum))*$/);
  }
  expect(await rows.count()).toBe(numbers.length + 1);
});

test("the JSON export is the data contract's report and a coordinator may not open the report", async ({ page, login, apiAs }) => {
  await login("accountant");
  const projectPath = await openForst(page);

  const accountant = await apiAs("accountant");
  const response = await accountant.get(`${projectPath}/reports/esf/export?format=json&from=2020-01-01&to=2020-12-31`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toBe('attachment; filename="ESF-FORST-2019-2020-01-01-2020-12-31.json"');
  const report = await response.json();
  expect(Object.keys(report)).toEqual(["project", "from", "to", "indicators", "incomplete"]);
  expect(Object.keys(report.indicators)).toHaveLength(25);
  expect(report.indicators.EECO01.total).toBe(report.indicators.EECO02.total + report.indicators.EECO04.total + report.indicators.EECO05.total);

  const invalid = await accountant.get(`${projectPath}/reports/esf/export?format=docx`);
  expect(invalid.status()).toBe(400);

  const coordinator = await apiAs("coordinator");
  expect((await coordinator.get(`${projectPath}/reports/esf`)).status()).toBe(403);
  expect((await coordinator.get(`${projectPath}/reports/esf/export?format=csv`)).status()).toBe(403);
});
