import { describe, expect, it } from "vitest";
import { DAYS_PER_MONTH, monthKey, monthsBetween, projectTarget } from "./projection";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const series = (entries: Record<string, number>) => new Map(Object.entries(entries));
const period = { from: day("2020-01-01"), to: day("2021-12-31") };

describe("monthsBetween / monthKey", () => {
  it("lists every month across a year boundary", () => {
    expect(monthsBetween(day("2020-11-15"), day("2021-02-01"))).toEqual(["2020-11", "2020-12", "2021-01", "2021-02"]);
    expect(monthsBetween(day("2021-02-01"), day("2020-11-15"))).toEqual([]);
    expect(monthKey(day("2020-03-31"))).toBe("2020-03");
  });
});

describe("projectTarget", () => {
  it("extrapolates a steady pace of the last six complete months to the period end", () => {
    // 10 per month from January to June 2021 (and 30 before): slope 10 per month.
    const monthly = series({ "2020-12": 30, "2021-01": 10, "2021-02": 10, "2021-03": 10, "2021-04": 10, "2021-05": 10, "2021-06": 10, "2021-07": 4 });
    const result = projectTarget({ monthly, actual: 94, targetValue: 150, period, today: day("2021-07-10") });
    expect(result.monthsUsed).toBe(6);
    expect(result.ratePerMonth).toBeCloseTo(10, 10);
    // 174 days from 10.07. to 31.12.2021
    expect(result.projected).toBeCloseTo(94 + (10 * 174) / DAYS_PER_MONTH, 10);
    expect(result.reaches).toBe(true);
  });

  it("fits the least-squares slope of the cumulative values (hand-computed)", () => {
    // Cumulative at x = 0..3 (before January, end of Jan, Feb, Mar): 0, 0, 6, 6
    const monthly = series({ "2020-01": 0, "2020-02": 6, "2020-03": 0 });
    const result = projectTarget({ monthly, actual: 6, targetValue: 100, period, today: day("2020-04-15") });
    expect(result.monthsUsed).toBe(3);
    // x̄ = 1.5, ȳ = 3: (−1.5)(−3) + (−0.5)(−3) + (0.5)(3) + (1.5)(3) = 4.5 + 1.5 + 1.5 + 4.5 = 12; Σ(x−x̄)² = 5 → 2.4
    expect(result.ratePerMonth).toBeCloseTo(2.4, 10);
    expect(result.reaches).toBe(false);
  });

  it("uses only the window and ignores the current, incomplete month for the trend", () => {
    const monthly = series({ "2020-01": 100, "2021-06": 50 });
    const result = projectTarget({ monthly, actual: 150, targetValue: 150, period, today: day("2021-06-20"), window: 3 });
    // March–May 2021: no growth → rate 0, the projection stays at the actual
    expect(result.ratePerMonth).toBe(0);
    expect(result.projected).toBe(150);
    expect(result.reaches).toBe(true);
  });

  it("treats a falling trend (negative corrections) as no growth", () => {
    const monthly = series({ "2020-01": 10, "2020-02": -5, "2020-03": -5 });
    const result = projectTarget({ monthly, actual: 0, targetValue: 5, period, today: day("2020-04-01") });
    expect(result.ratePerMonth).toBe(0);
    expect(result.projected).toBe(0);
  });

  it("uses the pace since the start while no month is complete", () => {
    const result = projectTarget({ monthly: series({ "2020-01": 5 }), actual: 5, targetValue: 100, period, today: day("2020-01-10") });
    expect(result.monthsUsed).toBe(0);
    expect(result.ratePerMonth).toBeCloseTo(5 / (10 / DAYS_PER_MONTH), 10);
  });

  it("projects the actual once the period is over and nothing before it starts", () => {
    expect(projectTarget({ monthly: series({}), actual: 7, targetValue: 5, period, today: day("2022-03-01") })).toEqual({ ratePerMonth: null, projected: 7, reaches: true, monthsUsed: 0 });
    expect(projectTarget({ monthly: series({}), actual: 0, targetValue: 5, period, today: day("2019-12-31") })).toEqual({ ratePerMonth: null, projected: null, reaches: null, monthsUsed: 0 });
    expect(projectTarget({ monthly: series({}), actual: 0, targetValue: 5, period: null, today: day("2020-06-01") }).projected).toBeNull();
  });
});
