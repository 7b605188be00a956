// Reporting-period lock, end to end: a lead closes a period covering an activity, the coordinator's
// edit is refused with the German message and their input kept, an administrator reopens the period
// with a reason, the edit then goes through, and the change log shows closing and reopening.
// Own data only: an activity and a five-day period in January 2019 of FORST-2019.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, loginThroughForm, test, type DemoRole } from "./fixtures";
import { projectIdByCode } from "./support/db";

const LOCKED = "Der Berichtszeitraum 02.01.2019–06.01.2019 ist abgeschlossen. Einträge mit Datum in diesem Zeitraum können erst geändert werden, nachdem eine Administratorin oder ein Administrator ihn wieder geöffnet hat.";

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginThroughForm(page, role);
  return page;
}

/** No serious or critical axe violation (WCAG 2.1 A + AA) on the page as it is now. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a closed reporting period holds edits until an administrator reopens it", async ({ browser }) => {
  test.setTimeout(120_000);
  const projectId = await projectIdByCode("FORST-2019");
  const periods = `/projects/${projectId}/reports/periods`;
  const title = `Stadtteiltreff Berichtszeitraum ${Date.now()}`;

  // The coordinator logs an activity on 03.01.2019.
  const coordinator = await pageAs(browser, "coordinator");
  await coordinator.goto(`/projects/${projectId}/activities/new`);
  await expect(coordinator.locator('fieldset.attendance[data-ready="true"]')).toBeVisible();
  await coordinator.locator("#typeId").selectOption({ index: 1 });
  await coordinator.locator("#date").fill("03.01.2019");
  await coordinator.locator("#time").fill("10:00");
  await coordinator.locator("#duration").fill("2");
  await coordinator.locator("#title").fill(title);
  await coordinator.getByRole("button", { name: "Aktivität speichern" }).click();
  await coordinator.waitForURL(/\/activities\/[a-z0-9]+\?created=1$/);
  const activityUrl = new URL(coordinator.url()).pathname;

  // The lead adds the period 02.01.–06.01.2019 and closes it (after confirming).
  const lead = await pageAs(browser, "lead");
  await lead.goto(`/projects/${projectId}/reports`);
  await lead.getByRole("link", { name: "Berichtszeiträume" }).click();
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Berichtszeiträume");
  await lead.getByLabel("Beginn").fill("2019-01-02");
  await lead.getByLabel("Ende", { exact: true }).fill("2019-01-06");
  await lead.getByRole("button", { name: "Anlegen" }).click();
  await expect(lead.getByRole("status")).toHaveText("Der Berichtszeitraum wurde angelegt.");
  const leadRow = lead.locator('tr[data-period="2019-01-02_2019-01-06"]');
  await expect(leadRow.getByRole("cell").first()).toHaveText("offen");
  await leadRow.getByRole("button", { name: "Abschließen" }).click();
  await expect(lead.locator('tr[data-period="2019-01-02_2019-01-06"]')).toContainText("Bitte bestätigen Sie den Abschluss mit dem Häkchen.");
  await leadRow.getByLabel(/Ja, den Berichtszeitraum 02\.01\.2019–06\.01\.2019 abschließen/).check();
  await leadRow.getByRole("button", { name: "Abschließen" }).click();
  await expect(lead.getByRole("status")).toHaveText("Der Berichtszeitraum wurde abgeschlossen.");
  await expect(leadRow).toContainText(/abgeschlossen am .* von Lena Lehmann/);
  await expectAccessible(lead);

  // The coordinator's edit is refused with the period named; what they typed stays in the form.
  await coordinator.goto(activityUrl);
  await coordinator.locator("#title").fill(`${title} (korrigiert)`);
  await coordinator.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(coordinator.getByRole("alert")).toContainText(LOCKED);
  await expect(coordinator.locator("#title")).toHaveValue(`${title} (korrigiert)`);
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(title);

  // Only an administrator can reopen, and only with a reason.
  await lead.reload();
  await expect(leadRow.getByRole("button", { name: "Wieder öffnen" })).toHaveCount(0);
  const admin = await pageAs(browser, "admin");
  await admin.goto(periods);
  const adminRow = admin.locator('tr[data-period="2019-01-02_2019-01-06"]');
  await expectAccessible(admin);
  await adminRow.getByLabel("Begründung für das Wiederöffnen").fill("Titel der Aktivität vom 03.01.2019 falsch erfasst");
  await adminRow.getByRole("button", { name: "Wieder öffnen" }).click();
  await expect(admin.getByRole("status")).toHaveText("Der Berichtszeitraum wurde wieder geöffnet.");
  await expect(adminRow).toContainText(/wieder geöffnet am .* von Ada Albrecht/);

  // Now the same edit goes through.
  await coordinator.getByRole("button", { name: "Änderungen speichern" }).click();
  await coordinator.waitForURL(/\?saved=1$/);
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(`${title} (korrigiert)`);

  // The change log shows both steps, with who did them and the reason.
  await lead.reload();
  const log = lead.getByTestId("periods-audit");
  await expect(log.getByRole("row").filter({ hasText: "abgeschlossen" })).toContainText("Lena Lehmann");
  await expect(log.getByRole("row").filter({ hasText: "wieder geöffnet" })).toContainText("Ada Albrecht");
  await expect(log.getByRole("row").filter({ hasText: "wieder geöffnet" })).toContainText("Titel der Aktivität vom 03.01.2019 falsch erfasst");
});
