import { describe, expect, it } from "vitest";
import { assessProgress, elapsedShare, targetPeriod } from "./progress";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const project = { startDate: day("2020-03-01"), endDate: day("2022-06-30") };

describe("targetPeriod", () => {
  it("is the project duration without a year", () => {
    expect(targetPeriod(project, null)).toEqual({ from: day("2020-03-01"), to: day("2022-06-30") });
  });
  it("intersects the calendar year with the project duration", () => {
    expect(targetPeriod(project, 2020)).toEqual({ from: day("2020-03-01"), to: day("2020-12-31") });
    expect(targetPeriod(project, 2021)).toEqual({ from: day("2021-01-01"), to: day("2021-12-31") });
    expect(targetPeriod(project, 2022)).toEqual({ from: day("2022-01-01"), to: day("2022-06-30") });
  });
  it("is null for a year outside the project", () => {
    expect(targetPeriod(project, 2019)).toBeNull();
    expect(targetPeriod(project, 2023)).toBeNull();
  });
});

describe("elapsedShare", () => {
  const year2021 = { from: day("2021-01-01"), to: day("2021-12-31") };
  it("counts whole days including today", () => {
    expect(elapsedShare(year2021, day("2020-12-31"))).toBe(0);
    expect(elapsedShare(year2021, day("2021-01-01"))).toBeCloseTo(1 / 365, 10);
    // 01.01.–01.07.2021 = 181 + 1 days
    expect(elapsedShare(year2021, day("2021-07-01"))).toBeCloseTo(182 / 365, 10);
    expect(elapsedShare(year2021, day("2021-12-31"))).toBe(1);
    expect(elapsedShare(year2021, day("2024-01-01"))).toBe(1);
    expect(elapsedShare(null, day("2021-07-01"))).toBe(0);
  });
});

describe("assessProgress", () => {
  it("is behind below 90 % of the steady pace", () => {
    // target 100, half the period passed: expected 50, behind below 45
    expect(assessProgress(44, 100, 0.5)).toEqual({ percent: 44, expectedShare: 0.5, expectedValue: 50, status: "behind" });
    expect(assessProgress(45, 100, 0.5).status).toBe("on_track");
    expect(assessProgress(60, 100, 0.5).status).toBe("on_track");
  });
  it("is reached at the target whatever the date, and never behind before the period starts", () => {
    expect(assessProgress(100, 100, 0.1).status).toBe("reached");
    expect(assessProgress(130, 100, 1)).toMatchObject({ percent: 130, status: "reached" });
    expect(assessProgress(0, 100, 0).status).toBe("on_track");
    expect(assessProgress(89, 100, 1).status).toBe("behind");
    expect(assessProgress(90, 100, 1).status).toBe("on_track");
  });
});
