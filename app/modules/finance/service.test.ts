import { beforeAll, describe, expect, it } from "vitest";
import { addMember, auditOf, createParticipant, createProject, createUser, day, expectStatus, type ProjectFixture } from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import {
  createBudgetLine,
  createClaim,
  createExpense,
  createFinancingSource,
  deleteDraftClaim,
  deleteExpense,
  getClaimLimits,
  getFinancingPlan,
  getFundingReport,
  listExpenses,
  previewClaim,
  setClaimStatus,
  updateExpense,
  updateFinancingSource,
} from "./service.server";

// Hand-computed example (see money.test.ts), project with 15 % indirect costs on staff costs, 90 % funding:
//   plan: ESF Plus 72.000,00 € + federal 18.000,00 € + own share 10.000,00 € = 100.000,00 € (72/18/10 %)
//   budget 2021: staff 40.000,00, fees 5.000,00, material 3.000,00, flat rate 15 % × 40.000 = 6.000,00
//                → 54.000,00 €; budget 2022: staff 1.000,00 + flat 150,00 = 1.150,00 €
//   funded budget = 55.150,00 × 90 % = 49.635,00 €
//   receipts March/April 2021: staff 1.000,50 + fees 250,00 + material 49,99 = 1.300,49 €
//     flat rate 1.000,50 × 15 % = 150,075 → 150,08 €; eligible 1.450,57 €; claim × 90 % → 1.305,51 €
//   shares used: 1.450,57 × 72 % = 1.044,4104 → 1.044,41; × 18 % = 261,1026 → 261,10; × 10 % → 145,06 €
//   cost per participant 2021: 1.450,57 € / 2 complete entrants = 725,285 → 725,29 €

let project: ProjectFixture;
let other: ProjectFixture;
let accountant: { id: string };
let partnerId: string;
let otherPartnerId: string;
let otherExpenseId: string;

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const receipt = (values: Record<string, unknown> = {}) => ({
  date: "15.03.2021",
  category: "staff",
  payee: "Erika Muster",
  purpose: "Gehalt März 2021",
  receiptNo: `R-${Math.random().toString(36).slice(2, 10)}`,
  amountCents: "1.000,50",
  ...values,
});

beforeAll(async () => {
  project = await createProject({ start: "2021-01-01", end: "2022-12-31" });
  other = await createProject({ start: "2021-01-01", end: "2022-12-31" });
  await db.project.update({ where: { id: project.id }, data: { flatRateModel: "indirect_on_staff", flatRateBp: 1500, maxFundingRateBp: 9000 } });
  accountant = await createUser("Anna Buchhaltung");
  await addMember(project.id, accountant.id, "accountant");
  partnerId = (await db.partner.create({ data: { projectId: project.id, name: "Bildungsträger Süd", type: "education_provider", hasBudget: true }, select: { id: true } })).id;
  otherPartnerId = (await db.partner.create({ data: { projectId: other.id, name: "Fremder Partner", type: "education_provider" }, select: { id: true } })).id;
  otherExpenseId = (await createExpense(other.id, accountant.id, receipt({ receiptNo: "X-1" }))).id;
});

describe("financing plan", () => {
  it("stores sources in cents, computes shares and checks them; audits field names", async () => {
    const esf = await createFinancingSource(project.id, accountant.id, { kind: "esf_plus", name: "ESF Plus", amountCents: "72.000,00" });
    await createFinancingSource(project.id, accountant.id, { kind: "federal", name: "Bundesmittel", amountCents: "18.000,00" });
    const own = await createFinancingSource(project.id, accountant.id, { kind: "own_share", name: "Eigenanteil", amountCents: "5.000,00" });
    let plan = await getFinancingPlan(project.id);
    expect(plan.check.problems).toContain("fundingRateTooHigh");
    expect(plan.check.problems).toContain("ownShareTooLow");
    await updateFinancingSource(project.id, accountant.id, own.id, { kind: "own_share", name: "Eigenanteil", amountCents: "10.000,00" });
    plan = await getFinancingPlan(project.id);
    expect(plan.check.totalCents).toBe(10_000_000);
    expect(plan.sources.map((s) => [s.kind, s.shareBp])).toEqual([["esf_plus", 7200], ["federal", 1800], ["own_share", 1000]]);
    expect(plan.check.problems).toEqual([]);
    const audit = await auditOf("FinancingSource", esf.id);
    expect(audit[0].fields).toEqual(["kind", "name", "amountCents"]);
    expect(JSON.stringify(audit)).not.toContain("7200000");
    expect((await auditOf("FinancingSource", own.id))[1].fields).toEqual(["amountCents"]);
  });

  it("refuses a negative amount and writes nothing", async () => {
    const before = await db.financingSource.count({ where: { projectId: project.id } });
    const error = await validationError(createFinancingSource(project.id, accountant.id, { kind: "other", name: "Spende", amountCents: "-5,00" }));
    expect(error.fieldErrors.amountCents).toEqual(["finance.amountPositive"]);
    expect(await db.financingSource.count({ where: { projectId: project.id } })).toBe(before);
  });
});

describe("budget", () => {
  it("takes lines per year × category (× partner) and refuses flat-rate lines, other years, foreign partners, duplicates", async () => {
    await createBudgetLine(project.id, accountant.id, { year: "2021", category: "staff", amountCents: "40.000,00" });
    await createBudgetLine(project.id, accountant.id, { year: "2021", category: "fees", amountCents: "5.000,00" });
    await createBudgetLine(project.id, accountant.id, { year: "2021", category: "material", amountCents: "3.000,00" });
    await createBudgetLine(project.id, accountant.id, { year: "2022", category: "staff", partnerId, amountCents: "1.000,00" });
    const count = await db.budgetLine.count({ where: { projectId: project.id } });
    expect((await validationError(createBudgetLine(project.id, accountant.id, { year: 2021, category: "flat_rate", amountCents: 100 }))).fieldErrors.category).toEqual(["finance.unknownCategory"]);
    expect((await validationError(createBudgetLine(project.id, accountant.id, { year: 2023, category: "staff", amountCents: 100 }))).fieldErrors.year).toEqual(["finance.yearOutsideProject"]);
    expect((await validationError(createBudgetLine(project.id, accountant.id, { year: 2021, category: "staff", partnerId: otherPartnerId, amountCents: 100 }))).fieldErrors.partnerId).toEqual(["finance.partnerUnknown"]);
    expect((await validationError(createBudgetLine(project.id, accountant.id, { year: 2021, category: "staff", amountCents: 100 }))).fieldErrors.category).toEqual(["finance.budgetLineExists"]);
    expect(await db.budgetLine.count({ where: { projectId: project.id } })).toBe(count);
    const limits = await getClaimLimits(project.id);
    expect(limits.budgetEligibleCents).toBe(5_515_000);
    expect(limits.fundingRateBp).toBe(9000);
    expect(limits.fundedBudgetCents).toBe(4_963_500);
  });
});

describe("expenses", () => {
  it("records receipts typed the German way, staff details only for staff costs", async () => {
    const staff = await createExpense(project.id, accountant.id, receipt({ receiptNo: "B-2021-001", staffPerson: "Erika Muster", staffMonth: "03.2021", staffHours: "160,5" }));
    await createExpense(project.id, accountant.id, receipt({ receiptNo: "B-2021-002", date: "2021-03-20", category: "fees", payee: "Dozent GbR", purpose: "Honorar Kurs", amountCents: "250,00", staffPerson: "ignoriert" }));
    await createExpense(project.id, accountant.id, receipt({ receiptNo: "B-2021-003", date: "02.04.2021", category: "material", payee: "Bürobedarf AG", purpose: "Papier", amountCents: "49,99", paidAt: "05.04.2021" }));
    const rows = await listExpenses(project.id, { year: 2021 });
    expect(rows.map((r) => [r.receiptNo, r.amountCents, r.staffPerson, r.staffMonth, r.staffMinutes])).toEqual([
      ["B-2021-003", 4_999, null, null, null],
      ["B-2021-002", 25_000, null, null, null],
      ["B-2021-001", 100_050, "Erika Muster", "2021-03", 9_630],
    ]);
    expect((await auditOf("Expense", staff.id))[0].action).toBe("create");
  });

  it("refuses bad input with clear messages and writes nothing", async () => {
    const before = await db.expense.count({ where: { projectId: project.id } });
    const audits = await db.auditEvent.count({ where: { projectId: project.id } });
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ amountCents: "-10,00" })))).fieldErrors.amountCents).toEqual(["finance.amountPositive"]);
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ amountCents: "0" })))).fieldErrors.amountCents).toEqual(["finance.amountPositive"]);
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ date: "31.12.2020" })))).fieldErrors.date).toEqual(["finance.dateOutsideProject"]);
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ category: "catering" })))).fieldErrors.category).toEqual(["finance.unknownCategory"]);
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ category: "flat_rate" })))).fieldErrors.category).toEqual(["finance.unknownCategory"]);
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ receiptNo: "B-2021-001" })))).fieldErrors.receiptNo).toEqual(["finance.receiptNoTaken"]);
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ partnerId: otherPartnerId })))).fieldErrors.partnerId).toEqual(["finance.partnerUnknown"]);
    expect((await validationError(createExpense(project.id, accountant.id, receipt({ paidAt: "01.03.2021" })))).fieldErrors.paidAt).toEqual(["finance.paidBeforeDate"]);
    expect(await db.expense.count({ where: { projectId: project.id } })).toBe(before);
    expect(await db.auditEvent.count({ where: { projectId: project.id } })).toBe(audits);
  });

  it("answers 404 for another project's receipt", async () => {
    await expectStatus(updateExpense(project.id, accountant.id, otherExpenseId, 1, receipt()), 404);
    await expectStatus(deleteExpense(project.id, accountant.id, otherExpenseId), 404);
    expect(await db.expense.count({ where: { id: otherExpenseId } })).toBe(1);
  });

  it("under a flat rate covering all other costs, fees are refused", async () => {
    const p = await createProject({ start: "2021-01-01", end: "2021-12-31" });
    await db.project.update({ where: { id: p.id }, data: { flatRateModel: "staff_costs_remaining", flatRateBp: 2600 } });
    expect((await validationError(createExpense(p.id, accountant.id, receipt({ category: "fees" })))).fieldErrors.category).toEqual(["finance.categoryCoveredByFlatRate"]);
  });
});

describe("payment claims", () => {
  const period = { periodStart: "01.03.2021", periodEnd: "30.04.2021" };

  it("previews and creates a claim from the period's unclaimed receipts, to the cent", async () => {
    const preview = await previewClaim(project.id, period);
    expect(preview.expenses.map((e) => e.receiptNo)).toEqual(["B-2021-001", "B-2021-002", "B-2021-003"]);
    expect(preview.costs).toEqual({ staff: 100_050, fees: 25_000, material: 4_999 });
    expect(preview.flatRateCents).toBe(15_008);
    expect(preview.eligibleCents).toBe(145_057);
    expect(preview.amountCents).toBe(130_551);
    expect(preview.exceedsBudget).toBe(false);
    const claim = await createClaim(project.id, accountant.id, period);
    expect(claim).toMatchObject({ number: 1, amountCents: 130_551 });
    expect(await db.expense.count({ where: { claimId: claim.id } })).toBe(3);
    expect((await auditOf("PaymentClaim", claim.id))[0].fields).toContain("amountCents");
    // claimed receipts are fixed and no longer offered
    expect((await previewClaim(project.id, period)).expenses).toEqual([]);
    const claimed = (await listExpenses(project.id, { claimed: "yes" }))[0];
    expect((await validationError(updateExpense(project.id, accountant.id, claimed.id, claimed.version, receipt()))).formErrors).toEqual(["finance.expenseClaimed"]);
    expect((await validationError(createClaim(project.id, accountant.id, period))).fieldErrors.periodEnd).toEqual(["finance.claimEmpty"]);
  });

  it("refuses a claim over the funded budget and writes nothing", async () => {
    await createExpense(project.id, accountant.id, receipt({ receiptNo: "B-2022-001", date: "15.01.2022", amountCents: "50.000,00", partnerId }));
    const claims = await db.paymentClaim.count({ where: { projectId: project.id } });
    const preview = await previewClaim(project.id, { periodStart: "01.01.2022", periodEnd: "31.01.2022" });
    // 50.000 + 15 % = 57.500 × 90 % = 51.750 > 49.635 − 1.305,51 remaining
    expect(preview.amountCents).toBe(5_175_000);
    expect(preview.remainingCents).toBe(4_963_500 - 130_551);
    expect(preview.exceedsBudget).toBe(true);
    const error = await validationError(createClaim(project.id, accountant.id, { periodStart: "01.01.2022", periodEnd: "31.01.2022" }));
    expect(error.formErrors).toEqual(["finance.claimOverBudget"]);
    expect(await db.paymentClaim.count({ where: { projectId: project.id } })).toBe(claims);
    expect(await db.expense.count({ where: { projectId: project.id, receiptNo: "B-2022-001", claimId: null } })).toBe(1);
  });

  it("edits an unclaimed receipt at its version, audits the changed field names, refuses a stale version", async () => {
    const row = (await listExpenses(project.id, { q: "B-2022-001" }))[0];
    const values = receipt({ receiptNo: "B-2022-001", date: "15.01.2022", amountCents: "50.000,00", partnerId });
    const updated = await updateExpense(project.id, accountant.id, row.id, row.version, { ...values, purpose: "Gehalt Januar 2022" });
    expect(updated.changed).toEqual(["purpose"]);
    expect((await auditOf("Expense", row.id)).at(-1)?.fields).toEqual(["purpose"]);
    expect((await validationError(updateExpense(project.id, accountant.id, row.id, row.version, values))).formErrors).toEqual(["error.conflict"]);
  });

  it("refuses periods outside the project or reversed", async () => {
    expect((await validationError(createClaim(project.id, accountant.id, { periodStart: "01.12.2020", periodEnd: "31.01.2021" }))).fieldErrors.periodStart).toEqual(["finance.dateOutsideProject"]);
    expect((await validationError(createClaim(project.id, accountant.id, { periodStart: "01.02.2021", periodEnd: "31.01.2021" }))).fieldErrors.periodEnd).toEqual(["validation.endBeforeStart"]);
  });

  it("moves draft → submitted → paid, refuses other transitions; 404 across projects", async () => {
    const claim = await db.paymentClaim.findFirstOrThrow({ where: { projectId: project.id, number: 1 } });
    expect((await validationError(setClaimStatus(project.id, accountant.id, { claimId: claim.id, status: "paid" }))).fieldErrors.status).toEqual(["finance.claimTransition"]);
    await expectStatus(setClaimStatus(other.id, accountant.id, { claimId: claim.id, status: "submitted" }), 404);
    await setClaimStatus(project.id, accountant.id, { claimId: claim.id, status: "submitted" }, new Date("2021-05-03T10:00:00Z"));
    await setClaimStatus(project.id, accountant.id, { claimId: claim.id, status: "paid", paidAt: "20.05.2021" });
    const stored = await db.paymentClaim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored.status).toBe("paid");
    expect(stored.submittedAt).toEqual(day("2021-05-03"));
    expect(stored.paidAt).toEqual(day("2021-05-20"));
    expect(stored.paidAmountCents).toBe(130_551);
    expect((await validationError(deleteDraftClaim(project.id, accountant.id, claim.id))).formErrors).toEqual(["finance.claimNotDraft"]);
  });

  it("a rejected or deleted draft releases its receipts", async () => {
    const p = await createProject({ start: "2021-01-01", end: "2021-12-31" });
    await createFinancingSource(p.id, accountant.id, { kind: "esf_plus", name: "ESF", amountCents: 90_000 });
    await createFinancingSource(p.id, accountant.id, { kind: "own_share", name: "Eigen", amountCents: 10_000 });
    await createBudgetLine(p.id, accountant.id, { year: 2021, category: "staff", amountCents: 100_000 });
    await createExpense(p.id, accountant.id, receipt({ date: "10.02.2021", amountCents: 1_000 }));
    const first = await createClaim(p.id, accountant.id, { periodStart: "01.01.2021", periodEnd: "31.03.2021" });
    expect(first.amountCents).toBe(900);
    await setClaimStatus(p.id, accountant.id, { claimId: first.id, status: "rejected" });
    expect(await db.expense.count({ where: { projectId: p.id, claimId: null } })).toBe(1);
    const second = await createClaim(p.id, accountant.id, { periodStart: "01.01.2021", periodEnd: "31.03.2021" });
    expect(second.number).toBe(2);
    await deleteDraftClaim(p.id, accountant.id, second.id);
    expect(await db.expense.count({ where: { projectId: p.id, claimId: null } })).toBe(1);
  });
});

describe("funding report", () => {
  it("matches the hand example for 2021 to the cent", async () => {
    await createParticipant(project.id, { entryDate: day("2021-02-01") });
    await createParticipant(project.id, { entryDate: day("2021-07-01") });
    await createParticipant(project.id, { entryDate: day("2021-07-01"), isComplete: false });
    await createParticipant(project.id, { entryDate: day("2022-02-01") });
    const report = await getFundingReport(project.id, 2021);
    const row = (c: string) => report.rows.find((r) => r.category === c)!;
    expect(row("staff")).toEqual({ category: "staff", budgetCents: 4_000_000, actualCents: 100_050, remainingCents: 3_899_950 });
    expect(row("fees")).toEqual({ category: "fees", budgetCents: 500_000, actualCents: 25_000, remainingCents: 475_000 });
    expect(row("material")).toEqual({ category: "material", budgetCents: 300_000, actualCents: 4_999, remainingCents: 295_001 });
    expect(row("flat_rate")).toEqual({ category: "flat_rate", budgetCents: 600_000, actualCents: 15_008, remainingCents: 584_992 });
    expect(row("total")).toEqual({ category: "total", budgetCents: 5_400_000, actualCents: 145_057, remainingCents: 5_254_943 });
    expect(report.financing.map((f) => [f.kind, f.usedCents])).toEqual([["esf_plus", 104_441], ["federal", 26_110], ["own_share", 14_506]]);
    expect(report.participants).toBe(2);
    expect(report.costPerParticipantCents).toBe(72_529);
    expect(report.claims).toEqual({ claimedCents: 130_551, paidCents: 130_551 });
    expect(report.receipts.map((r) => r.receiptNo)).toEqual(["B-2021-001", "B-2021-002", "B-2021-003"]);
  });

  it("splits by partner and computes the flat rate per year × partner", async () => {
    const report = await getFundingReport(project.id, 2022);
    const partner = report.byPartner.find((p) => p.partnerId === partnerId)!;
    expect(partner.partnerName).toBe("Bildungsträger Süd");
    expect(partner.rows.find((r) => r.category === "flat_rate")).toMatchObject({ budgetCents: 15_000, actualCents: 750_000 });
    expect(report.rows.find((r) => r.category === "total")).toMatchObject({ budgetCents: 115_000, actualCents: 5_750_000, remainingCents: -5_635_000 });
    const all = await getFundingReport(project.id, null);
    expect(all.byYear.map((y) => y.year)).toEqual([2021, 2022]);
    expect(all.rows.find((r) => r.category === "total")!.actualCents).toBe(145_057 + 5_750_000);
  });
});
