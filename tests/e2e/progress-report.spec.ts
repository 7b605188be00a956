// Progress report (Sachbericht) journeys: the lead picks a period, writes the summary, saves, reloads and
// finds it, then downloads the DOCX and finds the text in the Word document; a coordinator reads the
// report but gets no text field, and a direct POST of a narrative is refused.
import AxeBuilder from "@axe-core/playwright";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** axe-core (WCAG 2.x A + AA) finds no serious or critical violation on the page. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

/** Opens FORST-2019's progress report through the reports index; returns the project path. */
async function openProgressReport(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Mittendrin statt Außen vor" }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectPath = new URL(page.url()).pathname;
  await page.getByRole("navigation", { name: "Projektnavigation" }).getByRole("link", { name: "Berichte" }).click();
  await page.getByRole("link", { name: "Sachbericht" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sachbericht" })).toBeVisible();
  return projectPath;
}

test("a lead writes the summary of a half-year, finds it after a reload and in the downloaded DOCX", async ({ page, login }) => {
  // why: one journey with a save, a reload, an axe scan of a long page and a download; 30 s is tight on a busy machine.
  test.slow();
  await login("lead");
  await openProgressReport(page);
  await page.getByRole("navigation", { name: "Schnellauswahl" }).getByRole("link", { name: "1. Halbjahr 2021" }).click();
  await expect(page).toHaveURL(/from=2021-01-01&to=2021-06-30/);
  await expect(page.getByRole("heading", { level: 2, name: "Sachbericht 01.01.2021 – 30.06.2021" })).toBeVisible();
  await expect(page.getByRole("table").filter({ hasText: "Teilnahmestunden" }).first()).toBeVisible();

  const text = `Im ersten Halbjahr 2021 liefen die Coachings trotz Kontaktbeschränkungen weiter (${Date.now()}).`;
  const summary = page.getByRole("form", { name: "Zusammenfassung des Berichtszeitraums" });
  await summary.getByLabel("Text: Zusammenfassung des Berichtszeitraums").fill(text);
  await summary.getByRole("button", { name: "Abschnitt speichern" }).click();
  await expect(summary.getByRole("status")).toHaveText("Abschnitt gespeichert.");

  await page.reload();
  await expect(page.getByLabel("Text: Zusammenfassung des Berichtszeitraums")).toHaveValue(text);
  await expect(page.getByRole("form", { name: "Zusammenfassung des Berichtszeitraums" })).toContainText("Zuletzt gespeichert am");
  await expectAccessible(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "DOCX herunterladen" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Sachbericht-FORST-2019-2021-01-01-2021-06-30.docx");
  const zip = await JSZip.loadAsync(await readFile(await download.path()));
  const document = await zip.file("word/document.xml")!.async("string");
  expect(document).toContain(text);
  expect(document).toContain('<w:pStyle w:val="Heading1"/>');
});

test("a stale save shows the conflict, keeps the typed text and saves it on purpose the second time", async ({ page, context, login }) => {
  // why: two pages, three saves and a reload; 30 s is tight on a busy machine.
  test.slow();
  await login("lead");
  await openProgressReport(page);
  const url = `${page.url().split("?")[0]}?from=2021-07-01&to=2021-12-31`;
  await page.goto(url);
  const other = await context.newPage();
  await other.goto(url);

  const outlook = (p: Page) => p.getByRole("form", { name: "Ausblick auf den nächsten Zeitraum" });
  await outlook(other).getByLabel("Text: Ausblick auf den nächsten Zeitraum").fill("Stand aus dem zweiten Fenster");
  await outlook(other).getByRole("button", { name: "Abschnitt speichern" }).click();
  await expect(outlook(other).getByRole("status")).toHaveText("Abschnitt gespeichert.");

  const mine = "Mein Ausblick: Verstetigung mit dem Jobcenter.";
  await outlook(page).getByLabel("Text: Ausblick auf den nächsten Zeitraum").fill(mine);
  await outlook(page).getByRole("button", { name: "Abschnitt speichern" }).click();
  await expect(outlook(page).getByRole("alert")).toContainText("inzwischen von");
  await expect(outlook(page).getByLabel("Text: Ausblick auf den nächsten Zeitraum")).toHaveValue(mine);
  await outlook(page).getByText("Gespeicherter Stand anzeigen").click();
  await expect(outlook(page).getByText("Stand aus dem zweiten Fenster")).toBeVisible();

  await outlook(page).getByRole("button", { name: "Abschnitt speichern" }).click();
  await expect(outlook(page).getByRole("status")).toHaveText("Abschnitt gespeichert.");
  await other.reload();
  await expect(outlook(other).getByLabel("Text: Ausblick auf den nächsten Zeitraum")).toHaveValue(mine);
});

test("a coordinator reads the report without text fields or ESF table, and may not save a narrative", async ({ page, login, apiAs }) => {
  await login("coordinator");
  const projectPath = await openProgressReport(page);
  await expect(page.getByText("Die Texte schreibt die Projektleitung")).toBeVisible();
  // The period picker's date fields are the only inputs; no narrative text field.
  await expect(page.getByRole("article").getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Abschnitt speichern" })).toHaveCount(0);
  await expect(page.getByText("Die ESF-Plus-Indikatoren sind für Ihre Rolle nicht freigegeben")).toBeVisible();
  await expect(page.getByRole("link", { name: "PDF herunterladen" })).toBeVisible();
  await expectAccessible(page);

  const coordinator = await apiAs("coordinator");
  const response = await coordinator.post(`${projectPath}/reports/progress`, {
    form: { intent: "saveNarrative", from: "2021-01-01", to: "2021-06-30", section: "summary", actionFieldId: "", body: "Nicht erlaubt", version: "0" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  const pdf = await coordinator.get(`${projectPath}/reports/progress/export?format=pdf&from=2021-01-01&to=2021-06-30`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-disposition"]).toBe('attachment; filename="Sachbericht-FORST-2019-2021-01-01-2021-06-30.pdf"');
  expect((await coordinator.get(`${projectPath}/reports/progress/export?format=odt`)).status()).toBe(400);
});
