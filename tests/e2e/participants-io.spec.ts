// Participant import / export journeys: an accountant sees participant numbers and characteristics but
// never a name — on the page and in the exported file (an export job, downloaded from its page); a
// coordinator imports a CSV through upload, preview and confirm.
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { projectIdByCode, sql } from "./support/db";

/** `name` as a whole word (letters around it do not count), case-sensitive. */
const wholeWord = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "u");

async function identitiesOf(projectCode: string) {
  const projectId = await projectIdByCode(projectCode);
  const rows = await sql<{ firstName: string; lastName: string }>(
    `SELECT "firstName", "lastName" FROM "ParticipantIdentity" WHERE "projectId" = ? AND "anonymisedAt" IS NULL`,
    [projectId],
  );
  expect(rows.length).toBeGreaterThan(50);
  return rows;
}

test("an accountant opens the pseudonymous participant list and its export and sees no names", async ({ page, login }) => {
  const people = await identitiesOf("FORST-2019");
  await login("accountant");
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Mittendrin statt Außen vor" }).click();
  await page.getByRole("navigation", { name: "Projektnavigation" }).getByRole("link", { name: "Teilnehmende" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teilnehmende (pseudonymisiert)" })).toBeVisible();

  const table = page.getByRole("table");
  await expect(table.getByRole("cell", { name: /^TN-\d{4}$/ }).first()).toBeVisible();
  const tableText = (await table.innerText()).normalize("NFC");
  const pageText = (await page.locator("main").innerText()).normalize("NFC");
  for (const person of people) {
    expect(pageText).not.toContain(`${person.firstName} ${person.lastName}`);
    expect(pageText).not.toContain(`${person.lastName}, ${person.firstName}`);
    expect(tableText).not.toMatch(wholeWord(person.lastName));
    expect(tableText).not.toMatch(wholeWord(person.firstName));
  }

  await page.getByRole("button", { name: "Als CSV exportieren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Der Export ist fertig" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Herunterladen/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Teilnehmende-FORST-2019-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path())).toString("utf8").normalize("NFC");
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").trim().split(/\r\n/);
  expect(header.split(";")).toEqual(expect.arrayContaining(["Teilnehmenden-Nr", "Geschlecht", "Eintrittsdatum", "Alter bei Eintritt"]));
  for (const column of ["Vorname", "Nachname", "Geburtsdatum", "PLZ", "Straße", "E-Mail", "Telefon", "Behinderung", "Minderheit"]) {
    expect(header.split(";")).not.toContain(column);
  }
  expect(rows.length).toBe(people.length);
  for (const person of people) {
    expect(csv).not.toMatch(wholeWord(person.lastName));
    expect(csv).not.toMatch(wholeWord(person.firstName));
  }

  // The full register and the import stay closed to the accountant.
  await expect(page).toHaveURL(/\/exports\/[A-Za-z0-9_-]{22}$/);
  const projectPath = new URL(page.url()).pathname.replace(/\/exports\/[^/]+$/, "");
  expect((await page.request.get(`${projectPath}/participants`)).status()).toBe(403);
  expect((await page.request.get(`${projectPath}/participants/import`)).status()).toBe(403);
});

test("a coordinator uploads a CSV, checks the preview and confirms the import", async ({ page, login }) => {
  const run = Date.now().toString(36).toUpperCase();
  const csv =
    "\uFEFFTeilnehmenden-Nr;Vorname;Nachname;Geburtsdatum;Geschlecht;PLZ;Eintrittsdatum;Erwerbsstatus;Bildungsniveau\r\n" +
    `E2E-${run}-1;Ida;Import${run};03.04.1990;w;04315;01.03.2021;arbeitslos;isced_3_4\r\n` +
    `E2E-${run}-2;Jan;Import${run};05.06.1985;m;04315;01.03.2021;erwerbstätig;\r\n` +
    `E2E-${run}-3;Kai;Import${run};07.08.1980;d;0431;01.03.2021;arbeitslos;isced_0_2\r\n`;

  await login("coordinator");
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Arbeit im Quartier" }).click();
  await page.getByRole("navigation", { name: "Projektnavigation" }).getByRole("link", { name: "Teilnehmende" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/participants$/);
  await page.getByRole("link", { name: "Teilnehmende importieren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teilnehmende importieren" })).toBeVisible();

  await page.getByLabel("Datei (CSV oder XLSX)").setInputFiles({ name: "neue-teilnehmende.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Vorschau anzeigen" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Vorschau: neue-teilnehmende.csv" })).toBeVisible();
  const summary = page.locator("dl.card-grid");
  await expect(summary.locator("div", { hasText: "Neu anzulegen" }).locator("dd")).toHaveText("2");
  await expect(summary.locator("div", { hasText: "Abgelehnt" }).locator("dd")).toHaveText("1");
  await expect(summary.locator("div", { hasText: "Davon unvollständig" }).locator("dd")).toHaveText("1");
  const rejected = page.getByRole("table", { name: "Abgelehnt – werden nicht übernommen" });
  await expect(rejected.getByRole("row", { name: /^4 Die PLZ „0431“ hat nicht genau fünf Ziffern\.$/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Neu anzulegen" })).toContainText(`E2E-${run}-1`);
  await expect(page.getByRole("table", { name: /^Unvollständig/ })).toContainText("Bildungsniveau");
  expect(await sql(`SELECT "id" FROM "Participant" WHERE "participantNo" LIKE ?`, [`E2E-${run}-%`])).toHaveLength(0);

  await page.getByRole("button", { name: "Import bestätigen" }).click();
  const done = page.getByRole("status").filter({ hasText: "Import abgeschlossen" });
  await expect(done).toBeVisible();
  await expect(done).toContainText("2 angelegt, 0 aktualisiert, 0 unverändert, davon 1 unvollständig; 1 Zeilen abgelehnt.");

  const stored = await sql<{ participantNo: string; isComplete: number | boolean }>(
    `SELECT "participantNo", "isComplete" FROM "Participant" WHERE "participantNo" LIKE ? ORDER BY "participantNo"`,
    [`E2E-${run}-%`],
  );
  expect(stored.map((r) => [r.participantNo, Boolean(r.isComplete)])).toEqual([
    [`E2E-${run}-1`, true],
    [`E2E-${run}-2`, false],
  ]);
});
