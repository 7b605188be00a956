// The coordinators' daily path, keyboard only: log a group session with 15 attendees without touching
// the mouse (Tab, Shift+Tab, Enter, Space, arrows and typing), then the activity shows 15 present.
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, demoEmail, expect, test } from "./fixtures";
import { projectIdByCode, sql } from "./support/db";

const SESSION_DAY = "15.06.2021";
const SESSION_ISO = "2021-06-15";

/** What the focused element must be: an id, an id prefix, a role, or its exact text. */
interface Target {
  id?: string;
  idPrefix?: string;
  role?: string;
  text?: string;
}

/** Presses Tab (or Shift+Tab) until the focused element matches `target`; fails after `max` presses. */
async function tabTo(page: Page, target: Target, options: { back?: boolean; max?: number } = {}) {
  const key = options.back ? "Shift+Tab" : "Tab";
  for (let i = 0; i < (options.max ?? 120); i++) {
    await page.keyboard.press(key);
    const found = await page.evaluate((t) => {
      const el = document.activeElement;
      if (!el) return false;
      if (t.id !== undefined && el.id !== t.id) return false;
      if (t.idPrefix !== undefined && !el.id.startsWith(t.idPrefix)) return false;
      if (t.role !== undefined && el.getAttribute("role") !== t.role) return false;
      if (t.text !== undefined && (el.textContent ?? "").trim() !== t.text) return false;
      return true;
    }, target);
    if (found) return;
  }
  throw new Error(`keyboard focus never reached ${JSON.stringify(target)}`);
}

/** Participant numbers of the project who are in the project on the session day (entered, not yet left). */
async function activeParticipantNumbers(projectId: string, count: number): Promise<string[]> {
  const rows = await sql<{ participantNo: string; entryDate: unknown; exitDate: unknown }>(
    `SELECT "participantNo", "entryDate", "exitDate" FROM "Participant" WHERE "projectId" = ? ORDER BY "participantNo"`,
    [projectId],
  );
  const day = new Date(`${SESSION_ISO}T00:00:00.000Z`).getTime();
  const time = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string | number | Date).getTime());
  const active = rows.filter((r) => {
    const entry = time(r.entryDate);
    const exit = time(r.exitDate);
    return (entry === null || entry <= day) && (exit === null || exit >= day);
  });
  if (active.length < count) throw new Error(`demo data: only ${active.length} participants active on ${SESSION_DAY}`);
  return active.slice(0, count).map((r) => r.participantNo);
}

test("a coordinator logs a group session with 15 attendees using only the keyboard", async ({ page }) => {
  test.setTimeout(120_000);
  const projectId = await projectIdByCode("FORST-2019");
  const numbers = await activeParticipantNumbers(projectId, 15);
  const title = `Bewerbungstraining Tastatur ${Date.now()}`;

  // Sign in with the keyboard.
  await page.goto("/login");
  await tabTo(page, { id: "email" });
  await page.keyboard.type(demoEmail("coordinator"));
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname !== "/login");

  // Open the project and its activities through links, with Tab and Enter.
  await page.goto(`/projects/${projectId}`);
  await tabTo(page, { text: "Aktivitäten" });
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/projects/${projectId}/activities`);
  await tabTo(page, { text: "Aktivität erfassen" });
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/projects/${projectId}/activities/new`);
  await expect(page.locator('fieldset.attendance[data-ready="true"]')).toBeVisible();

  // The activity: type (type-ahead in the select), date, time, duration, title.
  await tabTo(page, { id: "typeId" });
  await page.keyboard.type("Bewerbungstraining");
  await expect(page.locator("#typeId option:checked")).toHaveText("Bewerbungstraining");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(SESSION_DAY);
  await page.keyboard.press("Tab");
  await page.keyboard.type("10:00");
  await page.keyboard.press("Tab");
  await page.keyboard.type("2");
  await tabTo(page, { id: "title" });
  await page.keyboard.type(title);

  // Attendance: type each number, wait for the highlighted match, Enter adds it.
  await tabTo(page, { role: "combobox" });
  const search = page.getByRole("combobox", { name: "Teilnehmende hinzufügen" });
  for (const [index, number] of numbers.entries()) {
    await page.keyboard.type(number);
    await expect(page.locator('[role="option"][aria-selected="true"]')).toContainText(number);
    await page.keyboard.press("Enter");
    await expect(page.locator("table.attendance-table tbody tr")).toHaveCount(index + 1);
    await expect(search).toBeFocused();
    await expect(search).toHaveValue("");
  }
  await expect(page.locator(".attendance-summary")).toContainText("15 Teilnehmende ausgewählt, davon 15 anwesend");

  // Space marks the first attendee absent; "Alle anwesend" (Shift+Tab back, Enter) marks everyone present again.
  await tabTo(page, { idPrefix: "present_" });
  await page.keyboard.press("Space");
  await expect(page.locator(".attendance-summary")).toContainText("davon 14 anwesend");
  await tabTo(page, { text: "Alle anwesend" }, { back: true });
  await page.keyboard.press("Enter");
  await expect(page.locator(".attendance-summary")).toContainText("davon 15 anwesend");

  // Save with the keyboard.
  await tabTo(page, { text: "Aktivität speichern" });
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/activities\/[a-z0-9]+\?created=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("attendance-count")).toHaveText("15 anwesend");

  const activityId = new URL(page.url()).pathname.split("/").pop()!;
  const rows = await sql<{ present: unknown; minutes: unknown }>(`SELECT "present", "minutes" FROM "Attendance" WHERE "activityId" = ?`, [activityId]);
  expect(rows).toHaveLength(15);
  // SQLite answers 1/0, PostgreSQL true/false
  expect(rows.every((r) => (r.present === true || r.present === 1) && Number(r.minutes) === 120)).toBe(true);
});
