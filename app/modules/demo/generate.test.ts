// The demo generator is deterministic and keeps the programme's rules (pure: no database writes).
import { describe, expect, it } from "vitest";
import { FLAT_RATE_LIMITS_BP, MAX_FUNDING_RATE_BP } from "~/modules/projects/schema";
import { DEMO_PROJECTS } from "./data";
import { generateProjectRows, type GenerateContext } from "./generate";
import { createRandom } from "./random";

const context = (projectId: string): GenerateContext => ({
  projectId,
  areaIds: { forst: "area-forst", gruenau: "area-gruenau", osten: "area-osten", paunsdorf: "area-paunsdorf", weisswasser: "area-weisswasser" },
  actionFieldIds: { HF1: "hf1", HF2: "hf2", HF3: "hf3" },
  leadUserId: "lead",
  coordinatorUserId: "coordinator",
});

/** The rows with every generated id replaced by its first-seen position, so two runs can be compared. */
function withoutIds(rows: unknown): unknown {
  const ids = new Map<string, string>();
  return JSON.parse(
    JSON.stringify(rows, (key, value) => {
      if (typeof value === "string" && /^[0-9a-f]{32}$/.test(value)) {
        if (!ids.has(value)) ids.set(value, `id${ids.size}`);
        return ids.get(value);
      }
      return value;
    }),
  );
}

describe("demo data generator", () => {
  it("gives the same content on every run (seeded per project)", () => {
    for (const spec of DEMO_PROJECTS) {
      expect(withoutIds(generateProjectRows(spec, context("p1")))).toEqual(withoutIds(generateProjectRows(spec, context("p1"))));
    }
  });

  it("keeps the funding rules: ESF Plus + federal ≤ 90 %, own share ≥ 10 %, flat rate within the ESF Plus limit", () => {
    for (const spec of DEMO_PROJECTS) {
      const f = spec.financing;
      expect(f.esfPlusBp + f.federalBp).toBeLessThanOrEqual(MAX_FUNDING_RATE_BP);
      expect(f.ownShareBp + f.municipalBp).toBeGreaterThanOrEqual(1000);
      expect(f.esfPlusBp + f.federalBp + f.ownShareBp + f.municipalBp).toBe(10000);
      expect(spec.flatRateBp).toBeLessThanOrEqual(FLAT_RATE_LIMITS_BP[spec.flatRateModel]);
    }
  });

  it("stays inside each project's period and links every row to the project", () => {
    for (const spec of DEMO_PROJECTS) {
      const rows = generateProjectRows(spec, context("p1"));
      const start = new Date(`${spec.start}T00:00:00Z`).getTime();
      const end = new Date(`${spec.end}T23:59:59Z`).getTime();
      for (const a of rows.activities) {
        expect((a.startsAt as Date).getTime()).toBeGreaterThanOrEqual(start);
        expect((a.startsAt as Date).getTime()).toBeLessThanOrEqual(end);
        expect(a.projectId).toBe("p1");
      }
      for (const e of rows.expenses) {
        expect((e.date as Date).getTime()).toBeGreaterThanOrEqual(start);
        expect((e.date as Date).getTime()).toBeLessThanOrEqual(end);
      }
      expect(new Set(rows.expenses.map((e) => e.receiptNo)).size).toBe(rows.expenses.length);
      expect(rows.participants.every((p) => p.projectId === "p1")).toBe(true);
      const budget = rows.budgetLines.reduce((sum, line) => sum + line.amountCents, 0);
      expect(rows.project.eligibleCostCents).toBe(budget);
      expect(rows.financingSources.reduce((sum, s) => sum + s.amountCents, 0)).toBe(budget);
    }
  });
});

describe("seeded random numbers", () => {
  it("repeats for the same seed and differs for another", () => {
    const a = createRandom("FORST-2019");
    const b = createRandom("FORST-2019");
    const c = createRandom("WEISSWASSER");
    const draws = (r: ReturnType<typeof createRandom>) => Array.from({ length: 20 }, () => r.int(1, 1000));
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    expect(draws(c)).not.toEqual(first);
  });

  it("samples distinct items and picks by weight", () => {
    const r = createRandom(42);
    const sample = r.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 2000; i++) counts[r.weighted([["a", 9], ["b", 1]] as const)]++;
    expect(counts.a).toBeGreaterThan(counts.b * 5);
  });
});
