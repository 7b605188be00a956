// The accountant's day with the demo data: the to-do list names the overdue draft payment claim of a
// running project and leads to the finance pages, where that draft is listed with its receipts.
import { expect, test } from "./fixtures";
import { projectIdByCode, sql } from "./support/db";

test("the accountant's to-do list leads to the overdue draft payment claim", async ({ page, login }) => {
  await login("accountant");
  const tasks = page.getByRole("region", { name: "Ihre Aufgaben" });
  const forst = tasks.getByRole("group", { name: /FORST-2019/ });
  const overdue = forst.getByRole("link", { name: /Überfällige Mittelabrufe \(Entwurf\)/ });
  await expect(overdue).toHaveText(/: 1$/);
  // closed projects have every claim paid: nothing to do there
  await expect(tasks.getByRole("group", { name: /LEIPZIG-MWQ-2015/ })).toHaveCount(0);

  await overdue.click();
  await expect(page).toHaveURL(new RegExp(`/projects/${await projectIdByCode("FORST-2019")}/finance$`));
  await expect(page.getByRole("heading", { level: 1, name: "Finanzen" })).toBeVisible();
  await page.getByRole("navigation", { name: "Finanzbereiche" }).getByRole("link", { name: "Mittelabrufe" }).click();
  const draft = page.getByTestId("claims-table").getByRole("row", { name: /^3 01\.01\.2021 – 31\.12\.2021/ });
  await expect(draft).toContainText("Entwurf");
  const [{ n }] = await sql<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM "Expense" e JOIN "PaymentClaim" c ON c.id = e."claimId" JOIN "Project" p ON p.id = c."projectId" WHERE p.code = ? AND c.number = 3',
    ["FORST-2019"],
  );
  expect(Number(n)).toBeGreaterThan(0);
  await expect(draft.getByRole("cell").nth(3)).toHaveText(String(Number(n)));
});
