// Finance journeys: an accountant enters receipts through the fast form, creates a payment claim from
// them and downloads the funding report (XLSX) whose total matches the page; a coordinator sees no
// finance section and the server refuses the page (403).
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

/** "1.234,56 €" → 1234.56 */
const euros = (text: string | null) => Number((text ?? "").replace(/[^\d,-]/g, "").replace(",", "."));

async function openForstProject(page: import("@playwright/test").Page) {
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Mittendrin statt Außen vor" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+$/);
  return new URL(page.url()).pathname;
}

test("an accountant enters two receipts, creates a payment claim and downloads the funding report", async ({ page, login }) => {
  const suffix = Date.now().toString(36);
  await login("accountant");
  await openForstProject(page);
  await page.getByRole("navigation", { name: "Projektnavigation" }).getByRole("link", { name: "Finanzen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Finanzen" })).toBeVisible();
  await page.getByRole("navigation", { name: "Finanzbereiche" }).getByRole("link", { name: "Belege" }).click();
  const entry = page.getByTestId("expense-entry");

  // Bad input: a negative amount is refused with a clear message, nothing is saved.
  await entry.getByLabel("Belegdatum").fill("17.12.2022");
  await entry.getByLabel("Kategorie").selectOption({ label: "Honorare" });
  await entry.getByLabel("Empfänger").fill("Dozentin Weber");
  await entry.getByLabel("Zweck").fill("Kurs Bewerbungstraining");
  await entry.getByLabel("Belegnummer").fill(`E2E-${suffix}-1`);
  await entry.getByLabel("Betrag (€)").fill("-5,00");
  await entry.getByLabel("Betrag (€)").press("Enter");
  await expect(entry.getByText("Der Betrag muss größer als 0 sein.")).toBeVisible();

  // First receipt: Enter saves; date and category stay, the rest is empty for the next one.
  await entry.getByLabel("Betrag (€)").fill("1.234,56");
  await entry.getByLabel("Betrag (€)").press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Beleg E2E-${suffix}-1 gespeichert.` })).toBeVisible();
  await expect(entry.getByLabel("Belegdatum")).toHaveValue("17.12.2022");
  await expect(entry.getByLabel("Kategorie")).toHaveValue("fees");
  await expect(entry.getByLabel("Empfänger")).toHaveValue("");
  await expect(entry.getByLabel("Empfänger")).toBeFocused();

  // Second receipt, typed through with Tab.
  await page.keyboard.type("Druckerei am Markt");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Flyer Infoabend");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`E2E-${suffix}-2`);
  await page.keyboard.press("Tab");
  await page.keyboard.type("99,99");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Beleg E2E-${suffix}-2 gespeichert.` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`E2E-${suffix}-2`) })).toContainText("99,99 €");

  // Payment claim for that day: the preview lists both receipts; creating it links them.
  await page.getByRole("navigation", { name: "Finanzbereiche" }).getByRole("link", { name: "Mittelabrufe" }).click();
  await page.getByLabel("Zeitraum von").fill("2022-12-17");
  await page.getByLabel("Zeitraum bis").fill("2022-12-17");
  await page.getByRole("button", { name: "Vorschau berechnen" }).click();
  const preview = page.getByTestId("claim-preview");
  await expect(preview).toContainText(`E2E-${suffix}-1`);
  await expect(preview).toContainText(`E2E-${suffix}-2`);
  const amount = await preview.getByTestId("claim-amount").textContent();
  expect(euros(amount)).toBeGreaterThan(0);
  await preview.getByRole("button", { name: "Mittelabruf anlegen" }).click();
  const created = page.getByRole("status").filter({ hasText: /Mittelabruf Nr\. \d+ angelegt\./ });
  await expect(created).toBeVisible();
  const number = /Nr\. (\d+)/.exec((await created.textContent()) ?? "")![1];
  const claimRow = page.getByTestId("claims-table").getByRole("row", { name: new RegExp(`^${number} 17\\.12\\.2022 – 17\\.12\\.2022`) });
  await expect(claimRow).toContainText(amount!.trim());
  await expect(claimRow).toContainText("Entwurf");

  // Funding report 2022: the XLSX total equals the page's total.
  await page.getByRole("navigation", { name: "Finanzbereiche" }).getByRole("link", { name: "Förderbericht" }).click();
  await page.getByRole("combobox", { name: "Haushaltsjahr" }).selectOption("2022");
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/year=2022/);
  await expect(page.getByTestId("report-total").locator("caption")).toContainText("2022");
  const totalRow = page.getByTestId("report-total").locator('tr[data-category="total"]');
  const pageTotal = euros(await totalRow.locator('[data-cell="actual"]').textContent());
  const pageBudget = euros(await totalRow.locator('[data-cell="budget"]').textContent());
  expect(pageTotal).toBeGreaterThan(1334);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "XLSX herunterladen" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Finanzbericht-FORST-2019-2022.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet("Förderbericht");
  expect(sheet).toBeDefined();
  let total: ExcelJS.Row | undefined;
  sheet!.eachRow((row) => {
    if (!total && row.getCell(1).value === "Summe") total = row;
  });
  expect(total).toBeDefined();
  expect(total!.getCell(2).value).toBe(pageBudget);
  expect(total!.getCell(3).value).toBe(pageTotal);
  const receipts = workbook.getWorksheet("Belegliste")!;
  const numbers: unknown[] = [];
  receipts.eachRow((row) => numbers.push(row.getCell(2).value));
  expect(numbers).toContain(`E2E-${suffix}-1`);
});

test("a coordinator sees no finance section and the server refuses the finance pages", async ({ page, login }) => {
  await login("coordinator");
  const projectPath = await openForstProject(page);
  const nav = page.getByRole("navigation", { name: "Projektnavigation" });
  await expect(nav.getByRole("link", { name: "Teilnehmende" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Finanzen" })).toHaveCount(0);
  for (const path of ["finance", "finance/expenses", "finance/claims", "finance/report", "finance/report/export?format=xlsx"]) {
    const response = await page.request.get(`${projectPath}/${path}`, { maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
  }
  const post = await page.request.post(`${projectPath}/finance/expenses`, {
    form: { intent: "create", date: "17.12.2022", category: "fees", payee: "X", purpose: "Y", receiptNo: "COORD-1", amountCents: "1,00" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
});

test("the finance pages have no serious accessibility violations", async ({ page, login }) => {
  test.setTimeout(120_000);
  await login("accountant");
  const projectPath = await openForstProject(page);
  for (const path of ["finance", "finance/plan", "finance/budget", "finance/expenses", "finance/claims?periodStart=2022-01-01&periodEnd=2022-01-31", "finance/report?year=2021", "finance/expenses/import"]) {
    await page.goto(`${projectPath}/${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    expect(serious, path).toEqual([]);
  }
  // A validation error on the entry form is tied to its field and announced.
  await page.goto(`${projectPath}/finance/expenses`);
  const entry = page.getByTestId("expense-entry");
  await entry.getByRole("button", { name: "Beleg speichern" }).click();
  await expect(entry.getByLabel("Empfänger")).toHaveAttribute("aria-invalid", "true");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
