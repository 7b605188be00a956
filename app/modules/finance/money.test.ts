import { describe, expect, it } from "vitest";
import {
  applyRateBp,
  checkFinancing,
  claimAmountCents,
  costPerParticipantCents,
  eligibleCostsCents,
  flatRateCents,
  mulDivRound,
  shareBp,
} from "./money";

// Hand-computed example (worked out on paper, to the cent):
//   staff 1.000,50 €, fees 250,00 €, material 49,99 € → direct costs 1.300,49 €
//   indirect_on_direct 7 %:  1.300,49 × 0,07 = 91,0343  → 91,03 €;  eligible 1.391,52 €
//   indirect_on_staff 15 %:  1.000,50 × 0,15 = 150,075  → 150,08 € (half up); eligible 1.450,57 €
//   staff_costs_remaining 26 %: 1.000,50 × 0,26 = 260,13 €; fees/material covered → eligible 1.260,63 €
//   claims at 90 %: 1.391,52 → 1.252,368 → 1.252,37 €; 1.450,57 → 1.305,513 → 1.305,51 €;
//                   1.260,63 → 1.134,567 → 1.134,57 €
const costs = { staff: 100_050, fees: 25_000, material: 4_999 };

describe("rounding", () => {
  it("rounds half up (away from zero) to the cent", () => {
    expect(applyRateBp(150, 1500)).toBe(23); // 22,5 ct
    expect(applyRateBp(149, 1500)).toBe(22); // 22,35 ct
    expect(applyRateBp(-150, 1500)).toBe(-23);
    expect(mulDivRound(10, 1, 4)).toBe(3); // 2,5
    expect(mulDivRound(0, 5, 7)).toBe(0);
    expect(mulDivRound(5, 5, 0)).toBe(0);
  });
});

describe("flat rates (hand example)", () => {
  it("none computes nothing", () => {
    expect(flatRateCents("none", 2600, costs)).toBe(0);
    expect(eligibleCostsCents("none", 2600, costs)).toBe(130_049);
  });
  it("indirect costs 7 % of direct costs", () => {
    expect(flatRateCents("indirect_on_direct", 700, costs)).toBe(9_103);
    expect(eligibleCostsCents("indirect_on_direct", 700, costs)).toBe(139_152);
    expect(claimAmountCents(139_152, 9000)).toBe(125_237);
  });
  it("indirect costs 15 % of staff costs, rounded half up", () => {
    expect(flatRateCents("indirect_on_staff", 1500, costs)).toBe(15_008);
    expect(eligibleCostsCents("indirect_on_staff", 1500, costs)).toBe(145_057);
    expect(claimAmountCents(145_057, 9000)).toBe(130_551);
  });
  it("26 % on staff costs covering all other costs leaves fees and material out", () => {
    expect(flatRateCents("staff_costs_remaining", 2600, costs)).toBe(26_013);
    expect(eligibleCostsCents("staff_costs_remaining", 2600, costs)).toBe(126_063);
    expect(claimAmountCents(126_063, 9000)).toBe(113_457);
  });
});

describe("financing plan", () => {
  const plan = [
    { kind: "esf_plus" as const, amountCents: 72_000_000 },
    { kind: "federal" as const, amountCents: 18_000_000 },
    { kind: "own_share" as const, amountCents: 6_000_000 },
    { kind: "municipal" as const, amountCents: 4_000_000 },
  ];
  it("computes shares and passes 90 % / 10 %", () => {
    const check = checkFinancing(plan, 9000, 100_000_000);
    expect(check.totalCents).toBe(100_000_000);
    expect(check.sharesBp).toEqual([7200, 1800, 600, 400]);
    expect(check.fundingRateBp).toBe(9000);
    expect(check.ownShareBp).toBe(1000);
    expect(check.effectiveFundingRateBp).toBe(9000);
    expect(check.problems).toEqual([]);
  });
  it("refuses funding one cent above the maximum although the rounded share reads 90,00 %", () => {
    const check = checkFinancing([{ ...plan[0], amountCents: 72_000_001 }, ...plan.slice(1)], 9000, null);
    expect(check.fundingRateBp).toBe(9000);
    expect(check.problems).toEqual(["fundingRateTooHigh", "ownShareTooLow"]);
  });
  it("reports a total that differs from the eligible costs and an empty plan", () => {
    expect(checkFinancing(plan, 9000, 99_999_999).problems).toEqual(["totalMismatch"]);
    expect(checkFinancing([], 9000, null).problems).toEqual(["empty"]);
  });
  it("shares round half up to the basis point", () => {
    expect(shareBp(1, 3)).toBe(3333);
    expect(shareBp(2, 3)).toBe(6667);
  });
});

describe("cost per participant", () => {
  it("divides and rounds half up; null without participants", () => {
    expect(costPerParticipantCents(139_152, 7)).toBe(19_879);
    expect(costPerParticipantCents(139_152, 0)).toBeNull();
  });
});
