// Export jobs: a coordinator starts an XLSX export of the register, sees it ready on its own page and
// downloads it; nobody else can open that job. Without JavaScript the same flow works (the page
// reloads itself while the job runs).
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { projectIdByCode, sqlValue } from "./support/db";

const exportEvents = (email: string, format: string) =>
  sqlValue<number>(
    `SELECT COUNT(*) AS "n" FROM "AuditEvent" e JOIN "User" u ON u."id" = e."userId" WHERE u."email" = ? AND e."action" = 'export' AND e."note" LIKE ?`,
    [email, `participant list ${format}%`],
  ).then(Number);

test("a coordinator exports the register as XLSX in the background and downloads the file", async ({ page, login, apiAs }) => {
  const auditsBefore = await exportEvents("coordinator@demo.biwaq.de", "xlsx");
  await login("coordinator");
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Mittendrin statt Außen vor" }).click();
  await page.getByRole("navigation", { name: "Projektnavigation" }).getByRole("link", { name: "Teilnehmende" }).click();
  await page.getByRole("button", { name: "Als XLSX exportieren" }).click();

  await expect(page).toHaveURL(/\/projects\/[^/]+\/exports\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Export: Teilnehmende (XLSX)" })).toBeVisible();
  const ready = page.getByRole("status").filter({ hasText: "Der Export ist fertig" });
  await expect(ready).toBeVisible();
  const rows = Number((await ready.innerText()).match(/fertig: ([\d.]+) Zeilen/)![1].replace(/\./g, ""));
  expect(rows).toBeGreaterThan(20);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Herunterladen/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Teilnehmende-FORST-2019-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as never);
  const sheet = workbook.worksheets[0];
  expect(sheet.name).toBe("Teilnehmende");
  expect(sheet.getCell("A1").value).toBe("Teilnehmenden-Nr");
  expect(sheet.getCell("B1").value).toBe("Vorname");
  expect(sheet.actualRowCount).toBe(rows + 1);
  expect(String(sheet.getCell("A2").value)).toMatch(/^TN-/);
  expect(await exportEvents("coordinator@demo.biwaq.de", "xlsx")).toBe(auditsBefore + 1);

  // The export page lists the job as ready.
  const jobPath = new URL(page.url()).pathname;
  const projectPath = jobPath.replace(/\/exports\/.*$/, "");
  await page.goto(`${projectPath}/participants/export`);
  await expect(page.getByRole("heading", { level: 1, name: "Teilnehmende exportieren" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Ihre Exporte in diesem Projekt" }).getByRole("row").nth(1)).toContainText("XLSX (Excel)fertig");

  // The job belongs to the coordinator: another member of the project sees nothing, not even the file.
  const lead = await apiAs("lead");
  expect((await lead.get(jobPath, { maxRedirects: 0 })).status()).toBe(404);
  expect((await lead.get(`${jobPath}/download`, { maxRedirects: 0 })).status()).toBe(404);
  // … and in another project the same id does not exist either.
  const otherProject = await projectIdByCode("LEIPZIG-AIQ-2019");
  const coordinator = await apiAs("coordinator");
  expect((await coordinator.get(jobPath.replace(projectPath, `/projects/${otherProject}`), { maxRedirects: 0 })).status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a manager exports the pseudonymous list as CSV", async ({ page, login }) => {
    await login("manager");
    const projectId = await projectIdByCode("LEIPZIG-AIQ-2019");
    await page.goto(`/projects/${projectId}/participants/overview?completeness=complete`);
    await page.getByRole("button", { name: "Als CSV exportieren" }).click();
    await expect(page).toHaveURL(/\/exports\/[A-Za-z0-9_-]{22}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Export: Teilnehmende (CSV)" })).toBeVisible();
    // Ready at once, or after the page reloaded itself.
    await expect(page.getByRole("status").filter({ hasText: "Der Export ist fertig" })).toBeVisible();
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Herunterladen/ }).click();
    const csv = (await readFile(await (await downloading).path())).toString("utf8");
    const [header, ...lines] = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header.split(";")).toContain("Teilnehmenden-Nr");
    expect(header.split(";")).not.toContain("Vorname");
    // Only complete records were exported (the list's filter went along).
    const completeColumn = header.split(";").indexOf("vollständig");
    expect(completeColumn).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.split(";")[completeColumn]).toBe("yes");
  });
});
