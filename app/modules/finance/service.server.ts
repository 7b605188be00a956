// Finance of a project: financing plan, budget (year × category × partner), receipts (expenses), payment
// claims (Mittelabruf) and the funding report. Every query carries the project id, so another project's
// record is simply not found (404). Every change writes an audit entry (field names only) in the same
// transaction. Money is integer cents; all rounding is in money.ts (half up to the cent, see
// docs/decisions/007-money-rounding.md). Flat-rate amounts are computed, never typed.
import { changedFields, recordAudit } from "~/modules/audit/service.server";
import { assertDatesOpen } from "~/modules/periods/lock.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput, type FormValues } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import { isUniqueConstraintError } from "~/utils/prisma-errors";
import { ValidationError } from "~/utils/validation";
import {
  applyRateBp,
  checkFinancing,
  claimAmountCents,
  costPerParticipantCents,
  DIRECT_CATEGORIES,
  eligibleDirectCents,
  emptyCosts,
  FINANCING_KINDS,
  flatRateCents,
  isCategoryEligible,
  mulDivRound,
  type DirectCategory,
  type DirectCosts,
  type FinancingCheck,
  type FinancingKind,
  type FlatRateModel,
} from "./money";
import {
  BudgetLineSchema,
  ClaimPeriodSchema,
  ClaimStatusSchema,
  ExpenseSchema,
  FinancingSourceSchema,
  type BudgetLineInput,
  type ClaimPeriodInput,
  type ClaimStatus,
  type ClaimStatusInput,
  type ExpenseData,
  type ExpenseFilter,
  type ExpenseInput,
  type FinancingSourceInput,
} from "./schema";

type Input<T> = T | FormValues;

// ---------------------------------------------------------------- project settings

export interface FinanceProject {
  id: string;
  code: string;
  title: string;
  startDate: Date;
  endDate: Date;
  flatRateModel: FlatRateModel;
  flatRateBp: number;
  maxFundingRateBp: number;
  eligibleCostCents: number | null;
}

const FINANCE_PROJECT_SELECT = {
  id: true,
  code: true,
  title: true,
  startDate: true,
  endDate: true,
  flatRateModel: true,
  flatRateBp: true,
  maxFundingRateBp: true,
  eligibleCostCents: true,
} as const;

/** The project's finance settings (flat-rate model and rate, maximum funding rate); 404 when unknown. */
export async function getFinanceProject(projectId: string, client: Tx | typeof db = db): Promise<FinanceProject> {
  const project = await client.project.findUnique({ where: { id: projectId }, select: FINANCE_PROJECT_SELECT });
  if (!project) notFound();
  return { ...project, flatRateModel: project.flatRateModel as FlatRateModel };
}

/** The budget years of the project (calendar years from start to end). */
export function projectYears(project: Pick<FinanceProject, "startDate" | "endDate">): number[] {
  const years: number[] = [];
  for (let y = project.startDate.getUTCFullYear(); y <= project.endDate.getUTCFullYear(); y++) years.push(y);
  return years;
}

const yearRange = (year: number) => ({ gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) });

async function checkPartner(tx: Tx | typeof db, projectId: string, partnerId: string | null, field = "partnerId") {
  if (!partnerId) return;
  const partner = await tx.partner.findFirst({ where: { id: partnerId, projectId }, select: { id: true } });
  if (!partner) throw new ValidationError({ [field]: ["finance.partnerUnknown"] });
}

/** Partners of the project for the selects (those with an own budget first). */
export async function listFinancePartners(projectId: string) {
  return db.partner.findMany({ where: { projectId }, orderBy: [{ hasBudget: "desc" }, { name: "asc" }], select: { id: true, name: true, hasBudget: true } });
}

// ---------------------------------------------------------------- financing plan

const KIND_ORDER = (kind: string) => FINANCING_KINDS.indexOf(kind as FinancingKind);

export interface FinancingPlan {
  sources: { id: string; kind: FinancingKind; name: string; amountCents: number; note: string | null; shareBp: number }[];
  check: FinancingCheck;
  maxFundingRateBp: number;
  eligibleCostCents: number | null;
}

/** The financing sources with their shares and the plan's checks (shares, funding rate ≤ maximum, own share ≥ 10 %). */
export async function getFinancingPlan(projectId: string, client: Tx | typeof db = db): Promise<FinancingPlan> {
  const project = await getFinanceProject(projectId, client);
  const rows = await client.financingSource.findMany({ where: { projectId }, select: { id: true, kind: true, name: true, amountCents: true, note: true } });
  rows.sort((a, b) => KIND_ORDER(a.kind) - KIND_ORDER(b.kind) || a.name.localeCompare(b.name, "de"));
  const check = checkFinancing(rows.map((r) => ({ kind: r.kind as FinancingKind, amountCents: r.amountCents })), project.maxFundingRateBp, project.eligibleCostCents);
  return {
    sources: rows.map((r, i) => ({ ...r, kind: r.kind as FinancingKind, shareBp: check.sharesBp[i] })),
    check,
    maxFundingRateBp: project.maxFundingRateBp,
    eligibleCostCents: project.eligibleCostCents,
  };
}

/** Adds a financing source; validation errors write nothing. */
export async function createFinancingSource(projectId: string, userId: string, input: Input<FinancingSourceInput>) {
  const data = parseInput(FinancingSourceSchema, input);
  return db.$transaction(async (tx) => {
    await getFinanceProject(projectId, tx);
    const created = await tx.financingSource.create({ data: { ...data, projectId }, select: { id: true } });
    await recordAudit(tx, { userId, projectId, action: "create", entity: "FinancingSource", entityId: created.id, fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== null) });
    return created;
  });
}

/** Changes a financing source of this project (404 for another project's id). */
export async function updateFinancingSource(projectId: string, userId: string, sourceId: string, input: Input<FinancingSourceInput>) {
  const data = parseInput(FinancingSourceSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.financingSource.findFirst({ where: { id: sourceId, projectId } });
    if (!before) notFound();
    const fields = changedFields(before as unknown as Record<string, unknown>, data);
    await tx.financingSource.update({ where: { id: sourceId }, data });
    await recordAudit(tx, { userId, projectId, action: "update", entity: "FinancingSource", entityId: sourceId, fields });
    return { id: sourceId, changed: fields };
  });
}

/** Removes a financing source of this project. */
export async function deleteFinancingSource(projectId: string, userId: string, sourceId: string) {
  await db.$transaction(async (tx) => {
    const result = await tx.financingSource.deleteMany({ where: { id: sourceId, projectId } });
    if (result.count !== 1) notFound();
    await recordAudit(tx, { userId, projectId, action: "delete", entity: "FinancingSource", entityId: sourceId });
  });
}

// ---------------------------------------------------------------- budget

export interface BudgetLineRow {
  id: string;
  year: number;
  category: DirectCategory;
  partnerId: string | null;
  partnerName: string | null;
  amountCents: number;
  note: string | null;
}

/** The typed budget lines (staff, fees, material) by year, partner, category; flat-rate lines are computed elsewhere. */
export async function listBudgetLines(projectId: string, client: Tx | typeof db = db): Promise<BudgetLineRow[]> {
  const rows = await client.budgetLine.findMany({
    where: { projectId, category: { in: [...DIRECT_CATEGORIES] } },
    orderBy: [{ year: "asc" }, { category: "asc" }],
    select: { id: true, year: true, category: true, partnerId: true, amountCents: true, note: true, partner: { select: { name: true } } },
  });
  return rows
    .map(({ partner, ...r }) => ({ ...r, category: r.category as DirectCategory, partnerName: partner?.name ?? null }))
    .sort((a, b) => a.year - b.year || (a.partnerName ?? "").localeCompare(b.partnerName ?? "", "de") || DIRECT_CATEGORIES.indexOf(a.category) - DIRECT_CATEGORIES.indexOf(b.category));
}

async function checkBudgetLine(tx: Tx, project: FinanceProject, data: { year: number; category: DirectCategory; partnerId: string | null }, exceptId?: string) {
  const errors: Record<string, ("finance.yearOutsideProject" | "finance.categoryCoveredByFlatRate")[]> = {};
  if (!projectYears(project).includes(data.year)) errors.year = ["finance.yearOutsideProject"];
  if (!isCategoryEligible(project.flatRateModel, data.category)) errors.category = ["finance.categoryCoveredByFlatRate"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await checkPartner(tx, project.id, data.partnerId);
  const duplicate = await tx.budgetLine.findFirst({
    where: { projectId: project.id, year: data.year, category: data.category, partnerId: data.partnerId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (duplicate) throw new ValidationError({ category: ["finance.budgetLineExists"] });
}

/** Adds a budget line for year × category (× partner); one line per combination. */
export async function createBudgetLine(projectId: string, userId: string, input: Input<BudgetLineInput>) {
  const data = parseInput(BudgetLineSchema, input);
  return db.$transaction(async (tx) => {
    const project = await getFinanceProject(projectId, tx);
    await checkBudgetLine(tx, project, data);
    const created = await tx.budgetLine.create({ data: { ...data, projectId }, select: { id: true } });
    await recordAudit(tx, { userId, projectId, action: "create", entity: "BudgetLine", entityId: created.id, fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== null) });
    return created;
  });
}

/** Changes a budget line of this project. */
export async function updateBudgetLine(projectId: string, userId: string, lineId: string, input: Input<BudgetLineInput>) {
  const data = parseInput(BudgetLineSchema, input);
  return db.$transaction(async (tx) => {
    const project = await getFinanceProject(projectId, tx);
    const before = await tx.budgetLine.findFirst({ where: { id: lineId, projectId, category: { in: [...DIRECT_CATEGORIES] } } });
    if (!before) notFound();
    await checkBudgetLine(tx, project, data, lineId);
    const fields = changedFields(before as unknown as Record<string, unknown>, data);
    await tx.budgetLine.update({ where: { id: lineId }, data });
    await recordAudit(tx, { userId, projectId, action: "update", entity: "BudgetLine", entityId: lineId, fields });
    return { id: lineId, changed: fields };
  });
}

/** Removes a budget line of this project. */
export async function deleteBudgetLine(projectId: string, userId: string, lineId: string) {
  await db.$transaction(async (tx) => {
    const result = await tx.budgetLine.deleteMany({ where: { id: lineId, projectId } });
    if (result.count !== 1) notFound();
    await recordAudit(tx, { userId, projectId, action: "delete", entity: "BudgetLine", entityId: lineId });
  });
}

// ---------------------------------------------------------------- expenses (receipts)

const EXPENSE_SELECT = {
  id: true,
  date: true,
  category: true,
  partnerId: true,
  payee: true,
  purpose: true,
  receiptNo: true,
  amountCents: true,
  paidAt: true,
  staffPerson: true,
  staffMonth: true,
  staffMinutes: true,
  claimId: true,
  version: true,
  partner: { select: { name: true } },
  claim: { select: { number: true, status: true } },
} as const;

/** The project's receipts by date (newest first), filtered by year, category, partner, claimed state and text. */
export async function listExpenses(projectId: string, filter: ExpenseFilter = {}) {
  const where: Record<string, unknown> = { projectId };
  if (filter.year) where.date = yearRange(filter.year);
  if (filter.category) where.category = filter.category;
  if (filter.partner) where.partnerId = filter.partner;
  if (filter.claimed === "yes") where.claimId = { not: null };
  if (filter.claimed === "no") where.claimId = null;
  if (filter.q) where.OR = [{ payee: { contains: filter.q } }, { purpose: { contains: filter.q } }, { receiptNo: { contains: filter.q } }];
  const rows = await db.expense.findMany({ where, orderBy: [{ date: "desc" }, { receiptNo: "desc" }], select: EXPENSE_SELECT, take: 1000 });
  return rows.map(({ partner, claim, ...r }) => ({ ...r, partnerName: partner?.name ?? null, claimNumber: claim?.number ?? null, claimStatus: claim?.status ?? null }));
}
export type ExpenseRow = Awaited<ReturnType<typeof listExpenses>>[number];

/** Stored values of a validated receipt: staff details only for staff costs; hours → minutes. */
export function expenseValues(data: ExpenseData) {
  const { staffHours, ...rest } = data;
  const staff = data.category === "staff";
  return {
    ...rest,
    staffPerson: staff ? data.staffPerson : null,
    staffMonth: staff ? data.staffMonth : null,
    staffMinutes: staff && staffHours !== null ? Math.round(staffHours * 60) : null,
  };
}

/** Date within the project's duration, category allowed by the flat-rate model, partner of this project, receipt number free. */
export async function checkExpense(tx: Tx | typeof db, project: FinanceProject, data: ReturnType<typeof expenseValues>, exceptId?: string) {
  const errors: Record<string, ("finance.dateOutsideProject" | "finance.categoryCoveredByFlatRate" | "finance.paidBeforeDate")[]> = {};
  if (data.date < project.startDate || data.date > project.endDate) errors.date = ["finance.dateOutsideProject"];
  if (!isCategoryEligible(project.flatRateModel, data.category)) errors.category = ["finance.categoryCoveredByFlatRate"];
  if (data.paidAt && data.paidAt < data.date) errors.paidAt = ["finance.paidBeforeDate"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await checkPartner(tx, project.id, data.partnerId);
  const duplicate = await tx.expense.findFirst({ where: { projectId: project.id, receiptNo: data.receiptNo, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (duplicate) throw new ValidationError({ receiptNo: ["finance.receiptNoTaken"] });
}

function rethrowReceiptConflict(error: unknown): never {
  // why: two people saving the same receipt number at once — the unique index decides, the form says why.
  if (isUniqueConstraintError(error)) throw new ValidationError({ receiptNo: ["finance.receiptNoTaken"] });
  throw error;
}

/** Records a receipt; every check fails with a field error and nothing written. */
export async function createExpense(projectId: string, userId: string, input: Input<ExpenseInput>) {
  const data = expenseValues(parseInput(ExpenseSchema, input));
  return db
    .$transaction(async (tx) => {
      const project = await getFinanceProject(projectId, tx);
      await checkExpense(tx, project, data);
      await assertDatesOpen(tx, projectId, [data.date]);
      const created = await tx.expense.create({ data: { ...data, projectId }, select: { id: true, version: true } });
      await recordAudit(tx, { userId, projectId, action: "create", entity: "Expense", entityId: created.id, fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== null) });
      return created;
    })
    .catch(rethrowReceiptConflict);
}

/** One receipt of this project (404 otherwise). */
export async function getExpense(projectId: string, expenseId: string) {
  const row = await db.expense.findFirst({ where: { id: expenseId, projectId }, select: EXPENSE_SELECT });
  if (!row) notFound();
  return row;
}

/** Changes a receipt read at `version`; receipts in a payment claim are fixed (remove the draft claim first). */
export async function updateExpense(projectId: string, userId: string, expenseId: string, version: number, input: Input<ExpenseInput>) {
  const data = expenseValues(parseInput(ExpenseSchema, input));
  return db
    .$transaction(async (tx) => {
      const project = await getFinanceProject(projectId, tx);
      const before = await tx.expense.findFirst({ where: { id: expenseId, projectId } });
      if (!before) notFound();
      if (before.claimId) throw new ValidationError({}, ["finance.expenseClaimed"]);
      if (before.version !== version) throw new ValidationError({}, ["error.conflict"]);
      await checkExpense(tx, project, data, expenseId);
      await assertDatesOpen(tx, projectId, [before.date, data.date]);
      const fields = changedFields(before as unknown as Record<string, unknown>, data);
      const result = await tx.expense.updateMany({ where: { id: expenseId, projectId, version, claimId: null }, data: { ...data, version: { increment: 1 } } });
      if (result.count !== 1) throw new ValidationError({}, ["error.conflict"]);
      await recordAudit(tx, { userId, projectId, action: "update", entity: "Expense", entityId: expenseId, fields });
      return { id: expenseId, version: version + 1, changed: fields };
    })
    .catch(rethrowReceiptConflict);
}

/** Deletes an unclaimed receipt of this project. */
export async function deleteExpense(projectId: string, userId: string, expenseId: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.expense.findFirst({ where: { id: expenseId, projectId }, select: { claimId: true, date: true } });
    if (!before) notFound();
    if (before.claimId) throw new ValidationError({}, ["finance.expenseClaimed"]);
    await assertDatesOpen(tx, projectId, [before.date]);
    await tx.expense.delete({ where: { id: expenseId } });
    await recordAudit(tx, { userId, projectId, action: "delete", entity: "Expense", entityId: expenseId });
  });
}

// ---------------------------------------------------------------- costs and budget aggregation

type CostRow = { category: string; partnerId: string | null; amountCents: number; year: number };

interface CostGroup {
  year: number;
  partnerId: string | null;
  costs: DirectCosts;
}

function groupCosts(rows: CostRow[]): CostGroup[] {
  const groups = new Map<string, CostGroup>();
  for (const row of rows) {
    if (!(DIRECT_CATEGORIES as readonly string[]).includes(row.category)) continue;
    const key = `${row.year}|${row.partnerId ?? ""}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { year: row.year, partnerId: row.partnerId, costs: emptyCosts() }));
    group.costs[row.category as DirectCategory] += row.amountCents;
  }
  return [...groups.values()];
}

/** Sums of direct costs per category and the flat rate computed per group (year × partner), then summed. */
function totals(groups: CostGroup[], model: FlatRateModel, rateBp: number) {
  const costs = emptyCosts();
  let flatRate = 0;
  let eligible = 0;
  for (const group of groups) {
    for (const c of DIRECT_CATEGORIES) costs[c] += group.costs[c];
    const flat = flatRateCents(model, rateBp, group.costs);
    flatRate += flat;
    eligible += eligibleDirectCents(model, group.costs) + flat;
  }
  return { costs, flatRate, eligible, total: costs.staff + costs.fees + costs.material + flatRate };
}

async function budgetRows(client: Tx | typeof db, projectId: string): Promise<CostRow[]> {
  return client.budgetLine.findMany({ where: { projectId, category: { in: [...DIRECT_CATEGORIES] } }, select: { category: true, partnerId: true, amountCents: true, year: true } });
}

async function expenseRows(client: Tx | typeof db, projectId: string, where: Record<string, unknown> = {}) {
  const rows = await client.expense.findMany({ where: { projectId, ...where }, select: { id: true, category: true, partnerId: true, amountCents: true, date: true } });
  return rows.map((r) => ({ ...r, year: r.date.getUTCFullYear() }));
}

/** Funded share of the whole budget (eligible budget incl. computed flat rates × funding rate), and what claims already hold. */
async function claimLimits(client: Tx | typeof db, project: FinanceProject) {
  const [plan, budget, claims] = await Promise.all([
    getFinancingPlan(project.id, client),
    budgetRows(client, project.id),
    client.paymentClaim.findMany({ where: { projectId: project.id, status: { not: "rejected" } }, select: { amountCents: true } }),
  ]);
  const budgetEligible = totals(groupCosts(budget), project.flatRateModel, project.flatRateBp).eligible;
  const fundingRateBp = plan.check.effectiveFundingRateBp;
  const fundedBudgetCents = applyRateBp(budgetEligible, fundingRateBp);
  const claimedCents = claims.reduce((sum, c) => sum + c.amountCents, 0);
  return { plan, fundingRateBp, budgetEligibleCents: budgetEligible, fundedBudgetCents, claimedCents, remainingCents: fundedBudgetCents - claimedCents };
}

// ---------------------------------------------------------------- payment claims

const CLAIM_SELECT = {
  id: true,
  number: true,
  periodStart: true,
  periodEnd: true,
  dueDate: true,
  amountCents: true,
  status: true,
  submittedAt: true,
  paidAt: true,
  paidAmountCents: true,
  note: true,
  _count: { select: { expenses: true } },
} as const;

/** The project's payment claims, newest number first, with the number of receipts each holds. */
export async function listClaims(projectId: string) {
  const rows = await db.paymentClaim.findMany({ where: { projectId }, orderBy: { number: "desc" }, select: CLAIM_SELECT });
  return rows.map(({ _count, ...r }) => ({ ...r, status: r.status as ClaimStatus, expenseCount: _count.expenses }));
}

/** The claims' budget state: funded budget, claimed (not rejected), remaining, funding rate. */
export async function getClaimLimits(projectId: string) {
  const project = await getFinanceProject(projectId);
  const { plan: _plan, ...limits } = await claimLimits(db, project);
  return limits;
}

export interface ClaimPreview {
  periodStart: Date;
  periodEnd: Date;
  expenses: { id: string; date: Date; category: DirectCategory; receiptNo: string; payee: string; purpose: string; amountCents: number }[];
  costs: DirectCosts;
  flatRateCents: number;
  eligibleCents: number;
  fundingRateBp: number;
  amountCents: number;
  fundedBudgetCents: number;
  claimedCents: number;
  remainingCents: number;
  exceedsBudget: boolean;
}

async function buildPreview(tx: Tx | typeof db, projectId: string, input: Input<ClaimPeriodInput>) {
  const data = parseInput(ClaimPeriodSchema, input);
  const project = await getFinanceProject(projectId, tx);
  const errors: Record<string, ("finance.dateOutsideProject" | "validation.endBeforeStart")[]> = {};
  if (data.periodStart < project.startDate || data.periodStart > project.endDate) errors.periodStart = ["finance.dateOutsideProject"];
  if (data.periodEnd < project.startDate || data.periodEnd > project.endDate) errors.periodEnd = ["finance.dateOutsideProject"];
  if (!errors.periodEnd && data.periodEnd < data.periodStart) errors.periodEnd = ["validation.endBeforeStart"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const limits = await claimLimits(tx, project);
  const rows = await tx.expense.findMany({
    where: { projectId, claimId: null, date: { gte: data.periodStart, lte: data.periodEnd } },
    orderBy: [{ date: "asc" }, { receiptNo: "asc" }],
    select: { id: true, date: true, category: true, receiptNo: true, payee: true, purpose: true, amountCents: true, partnerId: true },
  });
  // why: receipts a flat rate covers (fees/material under staff_costs_remaining) are not claimable.
  const expenses = rows.filter((r) => isCategoryEligible(project.flatRateModel, r.category as DirectCategory));
  const sums = totals(groupCosts(expenses.map((e) => ({ ...e, year: e.date.getUTCFullYear() }))), project.flatRateModel, project.flatRateBp);
  const amountCents = claimAmountCents(sums.eligible, limits.fundingRateBp);
  const preview: ClaimPreview = {
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
    expenses: expenses.map(({ partnerId: _p, ...e }) => ({ ...e, category: e.category as DirectCategory })),
    costs: sums.costs,
    flatRateCents: sums.flatRate,
    eligibleCents: sums.eligible,
    fundingRateBp: limits.fundingRateBp,
    amountCents,
    fundedBudgetCents: limits.fundedBudgetCents,
    claimedCents: limits.claimedCents,
    remainingCents: limits.remainingCents,
    exceedsBudget: limits.claimedCents + amountCents > limits.fundedBudgetCents,
  };
  return { data, preview, plan: limits.plan };
}

/**
 * What a claim for the period would hold: the unclaimed receipts dated in it, their costs, the flat rate
 * (per year × partner), eligible costs, the amount (eligible × funding rate, half up) and the budget state.
 */
export async function previewClaim(projectId: string, input: Input<ClaimPeriodInput>): Promise<ClaimPreview> {
  return (await buildPreview(db, projectId, input)).preview;
}

/**
 * Creates a draft claim from the period's unclaimed receipts. Refused (nothing written) without a
 * financing plan, without receipts, or when all claims together would exceed the funded budget.
 */
export async function createClaim(projectId: string, userId: string, input: Input<ClaimPeriodInput>) {
  return db.$transaction(async (tx) => {
    const { data, preview, plan } = await buildPreview(tx, projectId, input);
    if (plan.check.totalCents === 0) throw new ValidationError({}, ["finance.planMissing"]);
    if (preview.expenses.length === 0) throw new ValidationError({ periodEnd: ["finance.claimEmpty"] });
    if (preview.exceedsBudget) throw new ValidationError({}, ["finance.claimOverBudget"]);
    const last = await tx.paymentClaim.findFirst({ where: { projectId }, orderBy: { number: "desc" }, select: { number: true } });
    const claim = await tx.paymentClaim.create({
      data: { projectId, number: (last?.number ?? 0) + 1, periodStart: data.periodStart, periodEnd: data.periodEnd, dueDate: data.dueDate, note: data.note, amountCents: preview.amountCents, status: "draft" },
      select: { id: true, number: true, amountCents: true },
    });
    const ids = preview.expenses.map((e) => e.id);
    const linked = await tx.expense.updateMany({ where: { projectId, id: { in: ids }, claimId: null }, data: { claimId: claim.id } });
    if (linked.count !== ids.length) throw new ValidationError({}, ["error.conflict"]);
    await recordAudit(tx, { userId, projectId, action: "create", entity: "PaymentClaim", entityId: claim.id, fields: ["number", "periodStart", "periodEnd", "amountCents", "status", ...(data.dueDate ? ["dueDate"] : []), ...(data.note ? ["note"] : [])], note: `receipts=${ids.length}` });
    return claim;
  });
}

const TRANSITIONS: Record<ClaimStatus, ClaimStatus[]> = {
  draft: ["submitted", "rejected"],
  submitted: ["paid", "rejected"],
  paid: [],
  rejected: [],
};

/**
 * Moves a claim on: draft → submitted → paid / rejected (a draft may be withdrawn as rejected). Paid
 * records the date (default today) and amount (default the claimed amount). A rejected claim releases
 * its receipts, so they can be claimed again.
 */
export async function setClaimStatus(projectId: string, userId: string, input: Input<ClaimStatusInput>, now = new Date()) {
  const data = parseInput(ClaimStatusSchema, input);
  return db.$transaction(async (tx) => {
    const claim = await tx.paymentClaim.findFirst({ where: { id: data.claimId, projectId }, select: { id: true, status: true, amountCents: true } });
    if (!claim) notFound();
    if (!TRANSITIONS[claim.status as ClaimStatus].includes(data.status)) throw new ValidationError({ status: ["finance.claimTransition"] });
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const update: Record<string, unknown> = { status: data.status };
    if (data.status === "submitted") update.submittedAt = today;
    if (data.status === "paid") {
      update.paidAt = data.paidAt ?? today;
      update.paidAmountCents = data.paidAmountCents ?? claim.amountCents;
    }
    await tx.paymentClaim.update({ where: { id: claim.id }, data: update });
    if (data.status === "rejected") await tx.expense.updateMany({ where: { projectId, claimId: claim.id }, data: { claimId: null } });
    await recordAudit(tx, { userId, projectId, action: "update", entity: "PaymentClaim", entityId: claim.id, fields: Object.keys(update), note: `${claim.status}->${data.status}` });
    return { id: claim.id, status: data.status };
  });
}

/** Deletes a draft claim of this project and releases its receipts. */
export async function deleteDraftClaim(projectId: string, userId: string, claimId: string) {
  await db.$transaction(async (tx) => {
    const claim = await tx.paymentClaim.findFirst({ where: { id: claimId, projectId }, select: { status: true } });
    if (!claim) notFound();
    if (claim.status !== "draft") throw new ValidationError({}, ["finance.claimNotDraft"]);
    await tx.expense.updateMany({ where: { projectId, claimId }, data: { claimId: null } });
    await tx.paymentClaim.delete({ where: { id: claimId } });
    await recordAudit(tx, { userId, projectId, action: "delete", entity: "PaymentClaim", entityId: claimId });
  });
}

// ---------------------------------------------------------------- overview and funding report

export type ReportCategory = DirectCategory | "flat_rate";
export const REPORT_CATEGORIES: ReportCategory[] = ["staff", "fees", "material", "flat_rate"];

export interface BudgetVsActual {
  category: ReportCategory | "total";
  budgetCents: number;
  actualCents: number;
  remainingCents: number;
}

function budgetVsActual(budget: ReturnType<typeof totals>, actual: ReturnType<typeof totals>): BudgetVsActual[] {
  const pick = (t: ReturnType<typeof totals>, c: ReportCategory) => (c === "flat_rate" ? t.flatRate : t.costs[c]);
  const rows: BudgetVsActual[] = REPORT_CATEGORIES.map((c) => ({ category: c, budgetCents: pick(budget, c), actualCents: pick(actual, c), remainingCents: pick(budget, c) - pick(actual, c) }));
  rows.push({ category: "total", budgetCents: budget.total, actualCents: actual.total, remainingCents: budget.total - actual.total });
  return rows;
}

export interface FundingReport {
  project: FinanceProject;
  year: number | null;
  years: number[];
  rows: BudgetVsActual[];
  byYear: { year: number; rows: BudgetVsActual[] }[];
  byPartner: { partnerId: string | null; partnerName: string | null; rows: BudgetVsActual[] }[];
  financing: { kind: FinancingKind; name: string; planCents: number; shareBp: number; usedCents: number }[];
  plan: FinancingCheck;
  eligibleActualCents: number;
  claims: { claimedCents: number; paidCents: number };
  participants: number;
  costPerParticipantCents: number | null;
  receipts: ExpenseRow[];
}

/**
 * The funding report (zahlenmäßiger Nachweis) for one budget year or the whole project: budget vs actual
 * per category (flat rates computed per year × partner), per year and per partner, the financing shares
 * actually used (eligible actual costs split by the plan's shares), claims, cost per participant (total
 * actual costs / complete participants who entered in the period) and the receipt list (Belegliste).
 */
export async function getFundingReport(projectId: string, year: number | null): Promise<FundingReport> {
  const project = await getFinanceProject(projectId);
  const years = projectYears(project);
  const inYear = (y: number) => year === null || y === year;
  const [budgetAll, actualAll, plan, partners, claims, participants, receipts] = await Promise.all([
    budgetRows(db, projectId),
    expenseRows(db, projectId),
    getFinancingPlan(projectId),
    db.partner.findMany({ where: { projectId }, select: { id: true, name: true } }),
    db.paymentClaim.findMany({ where: { projectId, status: { not: "rejected" }, ...(year ? { periodStart: yearRange(year) } : {}) }, select: { amountCents: true, status: true, paidAmountCents: true } }),
    db.participant.count({ where: { projectId, isComplete: true, entryDate: year ? yearRange(year) : { not: null } } }),
    listExpenses(projectId, year ? { year } : {}),
  ]);
  const model = project.flatRateModel;
  const budget = budgetAll.filter((r) => inYear(r.year));
  const actual = actualAll.filter((r) => inYear(r.year));
  const sum = (rows: CostRow[]) => totals(groupCosts(rows), model, project.flatRateBp);
  const overall = { budget: sum(budget), actual: sum(actual) };
  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  const partnerIds = [...new Set([...budget, ...actual].map((r) => r.partnerId))].sort((a, b) => (a === null ? -1 : b === null ? 1 : (partnerName.get(a) ?? "").localeCompare(partnerName.get(b) ?? "", "de")));
  const eligibleActual = overall.actual.eligible;
  return {
    project,
    year,
    years,
    rows: budgetVsActual(overall.budget, overall.actual),
    byYear: years.filter(inYear).map((y) => ({ year: y, rows: budgetVsActual(sum(budget.filter((r) => r.year === y)), sum(actual.filter((r) => r.year === y))) })),
    byPartner: partnerIds.map((id) => ({
      partnerId: id,
      partnerName: id ? (partnerName.get(id) ?? null) : null,
      rows: budgetVsActual(sum(budget.filter((r) => r.partnerId === id)), sum(actual.filter((r) => r.partnerId === id))),
    })),
    financing: plan.sources.map((s) => ({ kind: s.kind, name: s.name, planCents: s.amountCents, shareBp: s.shareBp, usedCents: mulDivRound(eligibleActual, s.amountCents, plan.check.totalCents) })),
    plan: plan.check,
    eligibleActualCents: eligibleActual,
    claims: {
      claimedCents: claims.reduce((s, c) => s + c.amountCents, 0),
      paidCents: claims.filter((c) => c.status === "paid").reduce((s, c) => s + (c.paidAmountCents ?? c.amountCents), 0),
    },
    participants,
    costPerParticipantCents: costPerParticipantCents(overall.actual.total, participants),
    receipts: [...receipts].reverse(),
  };
}

/** The finance overview: the plan with checks, the budget table year × category with actuals, and the claim budget. */
export async function getFinanceOverview(projectId: string) {
  const [report, limits] = await Promise.all([getFundingReport(projectId, null), getClaimLimits(projectId)]);
  return { report, limits };
}

/**
 * Budget vs actual costs per budget year (direct costs plus computed flat rates, as the funding report
 * counts them), for dashboards: figures only, no receipts. Two queries.
 */
export async function getBudgetUsageByYear(projectId: string): Promise<{ year: number; budgetCents: number; actualCents: number }[]> {
  const project = await getFinanceProject(projectId);
  const [budget, actual] = await Promise.all([budgetRows(db, projectId), expenseRows(db, projectId)]);
  const sum = (rows: CostRow[]) => totals(groupCosts(rows), project.flatRateModel, project.flatRateBp).total;
  return projectYears(project).map((year) => ({
    year,
    budgetCents: sum(budget.filter((r) => r.year === year)),
    actualCents: sum(actual.filter((r) => r.year === year)),
  }));
}

/** File name of a funding report export, e.g. Finanzbericht-FORST-2019-2021.xlsx. */
export function fundingReportFileName(project: Pick<FinanceProject, "code">, year: number | null, extension: string) {
  return `Finanzbericht-${project.code.replace(/[^A-Za-z0-9_-]/g, "_")}-${year ?? "gesamt"}.${extension}`;
}
