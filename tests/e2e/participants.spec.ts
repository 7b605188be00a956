// The participant register as coordinators use it: register with a mandatory answer missing (the record
// is flagged incomplete), complete it, record the exit; two people editing the same record at once
// (the second save shows what changed and keeps the input); bad input answers 4xx, never 500.
import type { Page } from "@playwright/test";
import { expect, loginThroughForm, test } from "./fixtures";
import { projectIdByCode } from "./support/db";

const PROJECT = "FORST-2019";

/** Opens the registration form from the list and fills it in (the education level only when given). */
async function fillEntryForm(page: Page, projectId: string, person: { firstName: string; lastName: string; educationLevel?: RegExp }) {
  await page.goto(`/projects/${projectId}/participants`);
  await page.getByRole("link", { name: "Neue Teilnehmende" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teilnehmende registrieren" })).toBeVisible();
  await expect(page.getByLabel("Teilnehmenden-Nr.")).toHaveValue(/^TN-\d{4,}$/);
  await page.getByLabel("Vorname").fill(person.firstName);
  await page.getByLabel("Nachname").fill(person.lastName);
  await page.getByLabel("Geburtsdatum").fill("1985-04-12");
  await page.getByLabel("PLZ").fill("03149");
  await page.getByLabel("Ort", { exact: true }).fill("Forst (Lausitz)");
  await page.getByLabel("Datenschutzhinweis ausgehändigt am").fill("2021-03-01");
  await page.getByRole("group", { name: "Geschlecht" }).getByLabel("weiblich").check();
  await page.getByLabel("Eintrittsdatum").fill("2021-03-01");
  await expect(page.getByText("Alter bei Eintritt: 35 Jahre")).toBeVisible();
  const employment = page.getByRole("group", { name: "Erwerbsstatus bei Eintritt" });
  await employment.getByLabel("arbeitslos", { exact: true }).check();
  await page.getByLabel("langzeitarbeitslos").check();
  if (person.educationLevel) await page.getByRole("group", { name: "Höchster Bildungsabschluss (ISCED)" }).getByLabel(person.educationLevel).check();
  await page.getByRole("group", { name: "Ausländische Herkunft" }).getByLabel("keine Angabe").check();
}

/** Registers a participant through the form and returns the detail page's URL. */
async function register(page: Page, projectId: string, person: { firstName: string; lastName: string; educationLevel?: RegExp }) {
  await fillEntryForm(page, projectId, person);
  await page.getByRole("button", { name: "Registrieren" }).click();
  await expect(page).toHaveURL(/\/participants\/[a-z0-9]+\?notice=created$/);
  return page.url().replace(/\?.*$/, "");
}

test("a coordinator registers a participant with a missing answer, completes it and records the exit", async ({ page, login }) => {
  const projectId = await projectIdByCode(PROJECT);
  const lastName = `Musterfrau${Date.now()}`;
  await login("coordinator");

  // Registered without the education level: saved, but flagged incomplete with the missing answer named.
  const detail = await register(page, projectId, { firstName: "Erika", lastName });
  await expect(page.getByRole("status")).toContainText("wurde angelegt");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${lastName}, Erika`);
  await expect(page.locator(".page-header")).toContainText("unvollständig: Höchster Bildungsabschluss (ISCED)");
  await expect(page.getByText("Es fehlen: Höchster Bildungsabschluss (ISCED).")).toBeVisible();
  await expect(page.getByText("35 Jahre")).toBeVisible();

  // The list shows it as incomplete too.
  await page.goto(`/projects/${projectId}/participants?q=${lastName}`);
  await expect(page.getByRole("row", { name: new RegExp(lastName) })).toContainText("unvollständig");

  // Completing the missing answer makes it complete.
  await page.goto(detail);
  await page.getByRole("link", { name: "Bearbeiten" }).click();
  await page.getByRole("group", { name: "Höchster Bildungsabschluss (ISCED)" }).getByLabel(/ISCED 3–4/).check();
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page).toHaveURL(/notice=saved/);
  await expect(page.locator(".page-header")).toContainText("vollständig");
  await expect(page.locator(".page-header")).not.toContainText("unvollständig");

  // The exit: nothing chosen is refused and named, an exit before entry too, then a valid exit is saved.
  await page.getByRole("link", { name: "Austritt erfassen" }).first().click();
  await page.getByRole("button", { name: "Austritt speichern" }).click();
  await expect(page.getByRole("alert")).toContainText("Austrittsdatum");
  await page.getByLabel("Austrittsdatum").fill("2021-02-01");
  await page.getByRole("group", { name: "Verbleib beim Austritt" }).getByLabel("erwerbstätig (abhängig beschäftigt)").check();
  await page.getByRole("group", { name: "Qualifikation erlangt" }).getByLabel("ja").check();
  await page.getByRole("group", { name: "Beschäftigungsfähigkeit verbessert" }).getByLabel("ja").check();
  await page.getByRole("button", { name: "Austritt speichern" }).click();
  await expect(page.getByRole("alert")).toContainText("Das Austrittsdatum darf nicht vor dem Eintrittsdatum liegen.");
  await expect(page.getByRole("group", { name: "Verbleib beim Austritt" }).getByLabel("erwerbstätig (abhängig beschäftigt)")).toBeChecked();
  await page.getByLabel("Austrittsdatum").fill("2021-09-30");
  await page.getByRole("button", { name: "Austritt speichern" }).click();
  await expect(page).toHaveURL(/notice=exit/);
  await expect(page.getByRole("status")).toContainText("Der Austritt wurde gespeichert.");
  await expect(page.locator(".page-header")).toContainText("ausgetreten");
  const exit = page.getByRole("region", { name: "Austritt" });
  await expect(exit).toContainText("30.09.2021");
  await expect(exit).toContainText("erwerbstätig (abhängig beschäftigt)");
  const followUp = page.getByRole("region", { name: "Nachbefragung nach sechs Monaten" });
  await expect(followUp).toContainText("30.03.2022");
  await expect(followUp).toContainText("fällig");

  // The same person cannot be registered twice; the existing record is offered.
  await fillEntryForm(page, projectId, { firstName: "erika ", lastName: lastName.toUpperCase(), educationLevel: /ISCED 3–4/ });
  await page.getByRole("button", { name: "Registrieren" }).click();
  await expect(page.getByRole("alert")).toContainText("Diese Person ist im Projekt bereits registriert");
  await expect(page.getByLabel("Nachname")).toHaveValue(lastName.toUpperCase());
  await page.getByRole("link", { name: /Vorhandenen Datensatz .* öffnen/ }).click();
  await expect(page).toHaveURL(detail);

  // The change history names fields, never values.
  const history = page.getByRole("region", { name: "Änderungsverlauf" });
  await expect(history).toContainText("Höchster Bildungsabschluss (ISCED)");
  await expect(history).not.toContainText(lastName);
});

test("two people edit the same participant: the second save shows what changed and keeps the input", async ({ page, login, browser }) => {
  const projectId = await projectIdByCode(PROJECT);
  const lastName = `Konflikt${Date.now()}`;
  await login("coordinator");
  const detail = await register(page, projectId, { firstName: "Jonas", lastName, educationLevel: /ISCED 0–2/ });

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  try {
    await loginThroughForm(other, "lead");
    // Both open the edit form of version 1.
    await page.goto(`${detail}/edit`);
    await other.goto(`${detail}/edit`);
    await expect(other.getByLabel("Ort", { exact: true })).toHaveValue("Forst (Lausitz)");

    // The lead saves first.
    await other.getByLabel("Ort", { exact: true }).fill("Guben");
    await other.getByRole("button", { name: "Speichern" }).click();
    await expect(other).toHaveURL(/notice=saved/);

    // The coordinator saves on top of the old version: a conflict, nothing lost, nothing overwritten.
    await page.getByLabel("Ort", { exact: true }).fill("Cottbus");
    await page.getByLabel("Telefon").fill("0355 123456");
    await page.getByRole("button", { name: "Speichern" }).click();
    const conflict = page.getByRole("alert").filter({ hasText: "Der Datensatz wurde inzwischen geändert" });
    await expect(conflict).toBeVisible();
    const row = conflict.getByRole("row", { name: /Ort/ });
    await expect(row).toContainText("Cottbus");
    await expect(row).toContainText("Guben");
    await expect(page.getByLabel("Ort", { exact: true })).toHaveValue("Cottbus");
    await expect(page.getByLabel("Telefon")).toHaveValue("0355 123456");

    // The stored record still has the lead's value.
    await other.goto(detail);
    await expect(other.getByRole("region", { name: "Stammdaten" })).toContainText("Guben");

    // Saving again applies the coordinator's input on top of the new version.
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page).toHaveURL(/notice=saved/);
    const identity = page.getByRole("region", { name: "Stammdaten" });
    await expect(identity).toContainText("Cottbus");
    await expect(identity).toContainText("0355 123456");
  } finally {
    await otherContext.close();
  }
});

test("bad input to the participant pages answers 4xx, never 500", async ({ newSession }) => {
  const projectId = await projectIdByCode(PROJECT);
  const api = await newSession("coordinator");
  const base = `/projects/${projectId}/participants`;

  const list = await api.get(`${base}?page=-1&pageSize=abc&sort=%27&dir=x&status=%00&entryFrom=99.99.9999&area=${"x".repeat(500)}&q=${"%25".repeat(300)}`);
  expect(list.status()).toBe(200);
  expect((await api.get(`${base}/does-not-exist`)).status()).toBe(404);
  expect((await api.get(`${base}/${"x".repeat(200)}`)).status()).toBe(404);

  const invalid = await api.post(`${base}/new`, {
    form: { participantNo: "", firstName: "A".repeat(500), lastName: "B", postcode: "12", birthDate: "31.02.2020", gender: "robot", entryDate: "gestern", longTermUnemployed: "on", employmentStatus: "employed" },
  });
  expect(invalid.status()).toBe(400);
  const json = await api.post(`${base}/new`, { data: { participantNo: 1 }, headers: { "Content-Type": "application/json" } });
  expect(json.status()).toBeLessThan(500);
  expect(json.status()).toBeGreaterThanOrEqual(400);
  const multipart = await api.post(`${base}/new`, { multipart: { participantNo: { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("x") }, firstName: "A", lastName: "B", postcode: "03149" } });
  expect(multipart.status()).toBe(400);

  const existing = (await api.get(base)).status() === 200 ? await firstParticipantPath(api, base) : null;
  if (existing) {
    expect((await api.post(`${existing}/edit`, { form: { version: "abc", participantNo: "TN-X" } })).status()).toBe(400);
    expect((await api.post(`${existing}/exit`, { form: { intent: "delete", version: "1" } })).status()).toBe(400);
    expect((await api.post(`${existing}/follow-up`, { form: { version: "1", status6Months: "rich" } })).status()).toBe(400);
  }
});

/** The path of the first participant linked from the list page. */
async function firstParticipantPath(api: import("@playwright/test").APIRequestContext, base: string): Promise<string | null> {
  const html = await (await api.get(base)).text();
  const match = new RegExp(`href="(${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/[a-z0-9]+)"`).exec(html);
  return match ? match[1] : null;
}
