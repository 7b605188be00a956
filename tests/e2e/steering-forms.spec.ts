// Steering forms with JavaScript on: the browser check names every invalid field at once (not only the
// first), and two people editing the same partner do not silently overwrite each other — the second save
// shows what the first one changed, keeps what was typed and applies it on the next save (targets: the
// same code path, checked at the HTTP level in app/modules/targets/steering-routes.test.ts).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { projectIdByCode, sql } from "./support/db";

/** Waits until React has hydrated the page's forms (before that a click posts without the browser check). */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const form = document.querySelector("main form");
    return Boolean(form && Object.keys(form).some((key) => key.startsWith("__reactProps")));
  });
}

test("the new-target form shows every invalid field's message before sending", async ({ page, login }) => {
  await login("lead");
  const projectId = await projectIdByCode("FORST-2019");
  const written = () => sql('SELECT id FROM "Target" WHERE "projectId" = ? AND note = ?', [projectId, "zwei Fehler im Browser"]);
  await page.goto(`/projects/${projectId}/targets/new`);
  await hydrated(page);
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await page.getByLabel("Indikator", { exact: true }).selectOption("custom");
  await page.getByLabel(/^Notiz/).fill("zwei Fehler im Browser");
  // why: the wrong value is typed last and the button clicked right after, as people do. A message that
  // appears when the field loses focus (on mousedown) moved the button away before mouseup, so the click
  // never submitted and only that one message showed.
  await page.getByLabel("Zielwert", { exact: true }).fill("2,5");
  await page.getByRole("button", { name: "Anlegen" }).click();

  const value = page.getByLabel("Zielwert", { exact: true });
  const name = page.getByLabel(/^Name des eigenen Indikators/);
  await expect(page.getByText("Bitte geben Sie eine ganze Zahl ein.")).toBeVisible();
  await expect(page.getByText("Bitte geben Sie dem eigenen Indikator einen Namen.")).toBeVisible();
  await expect(value).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/targets\/new$/);
  // the browser check refused it: nothing was sent, nothing written
  expect(posts).toEqual([]);
  expect(await written()).toHaveLength(0);
});

test("a partner saved meanwhile by someone else: the second save shows what changed, keeps the input and applies it next time", async ({ page, login }) => {
  await login("lead");
  const projectId = await projectIdByCode("FORST-2019");
  const name = `Stadtteilverein ${Date.now()}`;
  await page.goto(`/projects/${projectId}/partners/new`);
  await hydrated(page);
  await page.getByLabel("Name der Organisation").fill(name);
  await page.getByLabel("Art", { exact: true }).selectOption("association");
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect(page).toHaveURL(/\/partners\/[^/]+\?created=1$/);
  const detail = new URL(page.url()).pathname;

  // A second tab opens the same partner for editing …
  const other = await page.context().newPage();
  await other.goto(`${detail}/edit`);
  await hydrated(other);
  // … while the first tab saves a new town.
  await page.goto(`${detail}/edit`);
  await hydrated(page);
  await page.getByLabel("Ort").fill("Forst (Lausitz)");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page).toHaveURL(/\?saved=1$/);

  // The second tab saves its notes on the version it read: refused, with the difference named.
  await other.getByLabel(/^Notizen/).fill("Treffen jeden ersten Dienstag");
  await other.getByRole("button", { name: "Speichern" }).click();
  const notice = other.getByRole("alert").filter({ hasText: "Inzwischen von jemand anderem gespeichert" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/Lena Lehmann hat am .+ gespeichert: Ort/);
  const row = notice.getByRole("row", { name: /^Ort/ });
  await expect(row.getByRole("cell")).toHaveText(["(leer)", "Forst (Lausitz)"]);
  // what was typed is still in the form; nothing of it was written
  await expect(other.getByLabel(/^Notizen/)).toHaveValue("Treffen jeden ersten Dienstag");
  expect(await sql('SELECT notes, city, version FROM "Partner" WHERE name = ?', [name])).toEqual([{ notes: null, city: "Forst (Lausitz)", version: 2 }]);

  // Having seen the difference, the second person keeps the town and saves again: now it applies.
  await other.getByLabel("Ort").fill("Forst (Lausitz)");
  await other.getByRole("button", { name: "Speichern" }).click();
  await expect(other).toHaveURL(/\?saved=1$/);
  await expect(other.getByRole("status")).toHaveText("Partner gespeichert.");
  expect(await sql('SELECT notes, city, version FROM "Partner" WHERE name = ?', [name])).toEqual([{ notes: "Treffen jeden ersten Dienstag", city: "Forst (Lausitz)", version: 3 }]);
  await other.close();

  // leave the demo data as found
  await page.goto(detail);
  await page.getByRole("button", { name: "Partner endgültig löschen" }).click();
  await expect(page).toHaveURL(/\/partners\?deleted=1$/);
});
