// Benchmark: the project dashboard (loadProjectDashboard: day-level aggregates in the database, targets
// with projection, milestones, budget) for a project with 50,000 participants, 5,000 activities with
// 100,000 attendance rows, 500 organisations, 16 targets and a budget; and the portfolio (loadPortfolio)
// over that project and three smaller ones. Generates the data into a fresh SQLite database (participants
// as in bench/esf-report.ts, attendance with multi-row INSERTs as in bench/activity-logging.ts), and also
// into a fresh PostgreSQL database when DATABASE_URL is a postgres URL. Prints p50/p95 server time of
// 20 runs after two warm-ups; the goal is p95 under 300 ms. Slow runs are reported, not failed.
//
//   node --import tsx bench/dashboard.ts [--participants 50000] [--runs 20] [--sqlite-file F]
// --sqlite-file keeps the SQLite database in F and reuses it on the next run (skips generating).
import { performance } from "node:perf_hooks";
import { loadPortfolio, loadProjectDashboard } from "~/modules/dashboards/service.server";
import type { DbHandle } from "~/utils/db.server";
import { BENCH_END as END, BENCH_START as START, generateParticipantRows, parseBenchOptions, pick, printMachineLoad, prng, randomDay, measureWithCpu, runOnEachProvider, withBenchDatabase } from "./support";

const options = parseBenchOptions({ participants: 50_000, runs: 20 }, true);
const PARTICIPANTS = options.participants;
const RUNS = options.runs;
const ACTIVITIES = 5_000;
const PER_ACTIVITY = 20;
const SMALL_PROJECT_PARTICIPANTS = 1_000;
const GOAL_MS = 300;
const PG_BENCH_DATABASE = "biwaq_bench_dashboard";
/** "Today" of the measurement: in the middle of the project, so every target gets a trend projection. */
const NOW = new Date("2021-07-01T10:00:00.000Z");

interface Fixture {
  projectId: string;
  areaId: string;
  adminId: string;
}

async function fillProject(handle: DbHandle, random: () => number, code: string, participants: number, activities: number): Promise<{ projectId: string; areaId: string }> {
  const { db, provider } = handle;
  const prefix = code.toLowerCase();
  const fields = await Promise.all(
    [["HF1", "Nachhaltige Integration in Beschäftigung"], ["HF2", "Stärkung der lokalen Ökonomie"]].map(([fieldCode, name]) =>
      db.actionField.upsert({ where: { code: fieldCode }, update: {}, create: { code: fieldCode, name } }),
    ),
  );
  const areas = await Promise.all(
    ["Nord", "Mitte", "Süd"].map((name) =>
      db.programmeArea.create({ data: { name: `${code} ${name}`, municipality: "Benchstadt", federalState: "Sachsen", regionCategory: "transition" }, select: { id: true } }),
    ),
  );
  const areaIds = areas.map((a) => a.id);
  const project = await db.project.create({
    data: {
      code,
      title: `Benchmark ${code}`,
      startDate: new Date(START),
      endDate: new Date(END),
      areas: { create: areaIds.map((areaId) => ({ areaId })) },
      actionFields: { create: fields.map((f) => ({ actionFieldId: f.id })) },
    },
    select: { id: true },
  });
  const rows = generateParticipantRows(random, project.id, participants, { areaIds, idPrefix: prefix, employabilityImproved: true });
  for (let i = 0; i < rows.length; i += 2000) await db.participant.createMany({ data: rows.slice(i, i + 2000) });

  const types = await Promise.all(fields.map((f) => db.activityType.create({ data: { projectId: project.id, actionFieldId: f.id, name: `Typ ${f.code}` }, select: { id: true } })));
  const activityRows = Array.from({ length: activities }, (_, i) => {
    const field = random() < 0.7 ? 0 : 1;
    return {
      id: `${prefix}-a-${String(i).padStart(6, "0")}`,
      projectId: project.id,
      typeId: types[field].id,
      actionFieldId: fields[field].id,
      areaId: pick(random, areaIds),
      title: "Kurs",
      startsAt: new Date(randomDay(random).getTime() + Math.floor(8 + random() * 14) * 3600 * 1000),
      durationMinutes: 90,
    };
  });
  for (let i = 0; i < activityRows.length; i += 2000) await db.activity.createMany({ data: activityRows.slice(i, i + 2000) });
  // why raw INSERTs: createMany of 100,000 rows through the query engine is slow; literal multi-row
  // INSERTs of generated (safe) ids take seconds on both providers.
  const present = provider === "postgresql" ? ["true", "false"] : ["1", "0"];
  let values: string[] = [];
  const flush = async () => {
    if (!values.length) return;
    await db.$executeRawUnsafe(`INSERT INTO "Attendance" ("id", "activityId", "participantId", "present", "minutes") VALUES ${values.join(",")}`);
    values = [];
  };
  let n = 0;
  for (const activity of activityRows) {
    const first = Math.floor(random() * (rows.length - PER_ACTIVITY));
    for (let k = 0; k < PER_ACTIVITY; k++) {
      values.push(`('${prefix}-t-${n++}','${activity.id}','${rows[first + k].id}',${random() < 0.9 ? present[0] : present[1]},90)`);
      if (values.length === 5000) await flush();
    }
  }
  await flush();

  await db.organisation.createMany({
    data: Array.from({ length: 500 }, (_, i) => ({
      projectId: project.id,
      name: `Organisation ${i}`,
      kind: random() < 0.1 ? ("public_body" as const) : ("business" as const),
      sizeClass: pick(random, ["micro", "small", "medium", "large"] as const),
      firstSupportDate: randomDay(random),
      areaId: pick(random, areaIds),
    })),
  });
  const indicators = ["EECO01", "EECO02", "EECO07", "EECO13", "EECR01", "EECR04", "EECR06", "EECO19", "employability_improved", "businesses_supported", "activities_held", "hours_delivered"];
  await db.target.createMany({
    data: [
      ...indicators.map((indicator) => ({ projectId: project.id, indicator, targetValue: 100 + Math.floor(random() * 1000) })),
      ...[2020, 2021].map((year) => ({ projectId: project.id, indicator: "EECO01", year, targetValue: 1000 })),
      ...areaIds.slice(0, 2).map((areaId) => ({ projectId: project.id, indicator: "EECO01", areaId, targetValue: 5000 })),
    ],
  });
  await db.milestone.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      projectId: project.id,
      title: `Meilenstein ${i + 1}`,
      dueDate: randomDay(random),
      status: pick(random, ["planned", "in_progress", "done", "delayed"] as const),
      actionFieldId: random() < 0.5 ? pick(random, fields).id : null,
    })),
  });
  await db.budgetLine.createMany({
    data: [2019, 2020, 2021, 2022].flatMap((year) =>
      (["staff", "fees", "material"] as const).map((category) => ({ projectId: project.id, year, category, amountCents: 5_000_000 + Math.floor(random() * 5_000_000) })),
    ),
  });
  await db.expense.createMany({
    data: Array.from({ length: 1000 }, (_, i) => ({
      projectId: project.id,
      date: randomDay(random),
      category: pick(random, ["staff", "fees", "material"] as const),
      payee: "Lieferant",
      purpose: "Sachkosten",
      receiptNo: `B-${i + 1}`,
      amountCents: 10_000 + Math.floor(random() * 100_000),
    })),
  });
  return { projectId: project.id, areaId: areaIds[0] };
}

async function fill(handle: DbHandle): Promise<Fixture> {
  const { db, provider } = handle;
  const existing = await db.project.findUnique({ where: { code: "BENCH-DASH" }, select: { id: true, areas: { select: { areaId: true }, take: 1 } } });
  const admin = await db.user.upsert({ where: { email: "bench-admin@bench.biwaq" }, update: {}, create: { email: "bench-admin@bench.biwaq", name: "Bench Admin", passwordHash: "x", isAdmin: true } });
  if (existing) return { projectId: existing.id, areaId: existing.areas[0].areaId, adminId: admin.id };
  const random = prng(2026);
  const main = await fillProject(handle, random, "BENCH-DASH", PARTICIPANTS, ACTIVITIES);
  for (const code of ["BENCH-S1", "BENCH-S2", "BENCH-S3"]) await fillProject(handle, random, code, SMALL_PROJECT_PARTICIPANTS, 200);
  if (provider === "postgresql") await db.$executeRawUnsafe(`ANALYZE`);
  return { ...main, adminId: admin.id };
}

/** Times `run` against the goal (see measureWithCpu in bench/support.ts). */
const measure = (label: string, run: () => Promise<unknown>) => measureWithCpu(label, RUNS, GOAL_MS, run);

async function bench(provider: string, url: string): Promise<boolean> {
  console.log(`${provider}: migrating the database`);
  return withBenchDatabase(url, async (handle) => {
    const started = performance.now();
    const fixture = await fill(handle);
    const [participants, attendance] = await Promise.all([handle.db.participant.count({ where: { projectId: fixture.projectId } }), handle.db.attendance.count()]);
    console.log(`  ${participants.toLocaleString("en")} participants (plus 3 × ${SMALL_PROJECT_PARTICIPANTS.toLocaleString("en")}), ${attendance.toLocaleString("en")} attendance rows ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const sample = await loadProjectDashboard(fixture.projectId, {}, NOW, { withBudget: true });
    console.log(`  entered ${sample.figures.entered}, active ${sample.figures.active}, activities ${sample.figures.activities}, targets behind ${sample.figures.targets.behind}/${sample.figures.targets.total}`);
    const whole = await measure("project dashboard, whole duration", () => loadProjectDashboard(fixture.projectId, {}, NOW, { withBudget: true }));
    const filtered = await measure("project dashboard, 2021 and one area", () =>
      loadProjectDashboard(fixture.projectId, { from: new Date(Date.UTC(2021, 0, 1)), to: new Date(Date.UTC(2021, 11, 31)), areaId: fixture.areaId }, NOW, { withBudget: true }),
    );
    const portfolio = await measure("portfolio of 4 projects (admin)", () => loadPortfolio({ id: fixture.adminId, isAdmin: true }, NOW));
    return whole < GOAL_MS && filtered < GOAL_MS && portfolio < GOAL_MS;
  });
}

let ok = true;
// why: the machines are shared; a busy one measures slower, so say how busy it was.
printMachineLoad();
await runOnEachProvider("dashboard", PG_BENCH_DATABASE, async (label, url) => {
  ok = (await bench(label, url)) && ok;
  return true; // why: a slow run on a busy machine is reported, not failed (see bench/run.ts)
}, options.sqliteFile);
console.log(ok ? `goal met: p95 under ${GOAL_MS} ms` : `goal missed on this run (p95 ≥ ${GOAL_MS} ms); compare with the load average above`);
