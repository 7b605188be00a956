// Pure money arithmetic of the finance domain: flat rates, shares, funding rate, claim amounts.
// Money is integer cents everywhere; rates and shares are basis points (10000 = 100 %).
//
// Rounding rule (docs/decisions/007-money-rounding.md): every computed amount is rounded once,
// commercially (half up, i.e. half away from zero) to the whole cent, at the moment it is computed
// from its inputs — never from an already rounded intermediate of the same kind. Sums of rounded
// amounts are exact (integers), so a total is the sum of its shown lines. Shares are rounded the same
// way to the whole basis point (0,01 %).

export const COST_CATEGORIES = ["staff", "fees", "material", "flat_rate"] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
/** Categories a receipt or a typed budget line may have; flat-rate amounts are always computed. */
export const DIRECT_CATEGORIES = ["staff", "fees", "material"] as const;
export type DirectCategory = (typeof DIRECT_CATEGORIES)[number];

export const FLAT_RATE_MODELS = ["none", "staff_costs_remaining", "indirect_on_staff", "indirect_on_direct"] as const;
export type FlatRateModel = (typeof FLAT_RATE_MODELS)[number];

export const FINANCING_KINDS = ["esf_plus", "federal", "own_share", "municipal", "other"] as const;
export type FinancingKind = (typeof FINANCING_KINDS)[number];

export const BP_FULL = 10_000;
/** ESF Plus: own share / co-financing at least 10 %. */
export const MIN_OWN_SHARE_BP = 1_000;

/** a × b / c rounded half away from zero to an integer (exact for |a × b| < 2^53). */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) return 0;
  const negative = a * b * c < 0;
  const numerator = Math.abs(a * b);
  const denominator = Math.abs(c);
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  const rounded = remainder * 2 >= denominator ? quotient + 1 : quotient;
  return negative ? -rounded : rounded;
}

/** `cents` × `bp` / 10000, half up to the cent. */
export function applyRateBp(cents: number, bp: number): number {
  return mulDivRound(cents, bp, BP_FULL);
}

/** The share of `part` in `total` in basis points, half up; 0 when the total is 0. */
export function shareBp(part: number, total: number): number {
  return total === 0 ? 0 : mulDivRound(part, BP_FULL, total);
}

export type DirectCosts = Record<DirectCategory, number>;

export const emptyCosts = (): DirectCosts => ({ staff: 0, fees: 0, material: 0 });

/** The base a flat rate is computed on: direct staff costs, or all direct costs for indirect_on_direct. */
export function flatRateBase(model: FlatRateModel, costs: DirectCosts): number {
  switch (model) {
    case "none":
      return 0;
    case "staff_costs_remaining":
    case "indirect_on_staff":
      return costs.staff;
    case "indirect_on_direct":
      return costs.staff + costs.fees + costs.material;
  }
}

/** The flat-rate amount in cents for these direct costs (rounded once, half up). */
export function flatRateCents(model: FlatRateModel, rateBp: number, costs: DirectCosts): number {
  return model === "none" ? 0 : applyRateBp(flatRateBase(model, costs), rateBp);
}

/**
 * Whether direct costs of `category` are eligible under the model: with a flat rate on staff costs that
 * covers all other costs (staff_costs_remaining), fees and material are paid by the flat rate.
 */
export function isCategoryEligible(model: FlatRateModel, category: DirectCategory): boolean {
  return model !== "staff_costs_remaining" || category === "staff";
}

/** Eligible direct costs under the model (categories the flat rate covers are left out). */
export function eligibleDirectCents(model: FlatRateModel, costs: DirectCosts): number {
  return DIRECT_CATEGORIES.filter((c) => isCategoryEligible(model, c)).reduce((sum, c) => sum + costs[c], 0);
}

/** Eligible costs = eligible direct costs + the computed flat rate. */
export function eligibleCostsCents(model: FlatRateModel, rateBp: number, costs: DirectCosts): number {
  return eligibleDirectCents(model, costs) + flatRateCents(model, rateBp, costs);
}

export interface FinancingSourceAmount {
  kind: FinancingKind;
  amountCents: number;
}

export interface FinancingCheck {
  totalCents: number;
  /** Share per source, same order as given. */
  sharesBp: number[];
  /** ESF Plus + federal funds. */
  fundedCents: number;
  fundingRateBp: number;
  /** Own share + municipal co-financing + others. */
  ownCents: number;
  ownShareBp: number;
  /** The rate that claims use: the plan's funding rate, capped by the project's maximum. */
  effectiveFundingRateBp: number;
  problems: FinancingProblem[];
}

export type FinancingProblem = "empty" | "fundingRateTooHigh" | "ownShareTooLow" | "totalMismatch";

/**
 * Shares of the financing plan and its checks: funding (ESF Plus + federal) at most `maxFundingRateBp`,
 * own share / co-financing at least 10 %, and — when the grant notice names eligible costs — the sources
 * add up to exactly those costs (then the shares add up to 100 % of them).
 */
export function checkFinancing(sources: FinancingSourceAmount[], maxFundingRateBp: number, eligibleCostCents: number | null): FinancingCheck {
  const totalCents = sources.reduce((sum, s) => sum + s.amountCents, 0);
  const fundedCents = sources.filter((s) => s.kind === "esf_plus" || s.kind === "federal").reduce((sum, s) => sum + s.amountCents, 0);
  const ownCents = totalCents - fundedCents;
  const fundingRateBp = shareBp(fundedCents, totalCents);
  const ownShareBp = shareBp(ownCents, totalCents);
  const problems: FinancingProblem[] = [];
  if (totalCents === 0) problems.push("empty");
  else {
    // why: compare exact amounts, not rounded shares, so 90,004 % is not passed as 90,00 %.
    if (fundedCents * BP_FULL > maxFundingRateBp * totalCents) problems.push("fundingRateTooHigh");
    if (ownCents * BP_FULL < MIN_OWN_SHARE_BP * totalCents) problems.push("ownShareTooLow");
  }
  if (eligibleCostCents !== null && totalCents !== eligibleCostCents) problems.push("totalMismatch");
  return {
    totalCents,
    sharesBp: sources.map((s) => shareBp(s.amountCents, totalCents)),
    fundedCents,
    fundingRateBp,
    ownCents,
    ownShareBp,
    effectiveFundingRateBp: Math.min(fundingRateBp, maxFundingRateBp),
    problems,
  };
}

/** The payment claim amount: eligible costs × funding rate, half up to the cent. */
export function claimAmountCents(eligibleCents: number, fundingRateBp: number): number {
  return applyRateBp(eligibleCents, fundingRateBp);
}

/** Cost per participant, half up to the cent; null when nobody entered. */
export function costPerParticipantCents(totalCents: number, participants: number): number | null {
  return participants > 0 ? mulDivRound(totalCents, 1, participants) : null;
}
