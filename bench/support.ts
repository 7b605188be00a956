// Shared plumbing of the benchmarks: run one benchmark on a fresh SQLite file and, when DATABASE_URL
// is a postgres URL, on a fresh PostgreSQL database that is dropped afterwards.
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { insertModelRows } from "~/modules/demo/bulk-insert.server";
import { deriveParticipantValues } from "~/modules/participants/derive";
import { databaseProvider } from "~/utils/database-url";
import { createDb, prepareConnection, type DbHandle } from "~/utils/db.server";
import { runMigrations } from "~/utils/migrate.server";

/**
 * Writes generated `rows` (as for createMany; rows without an id get a random one) into `model`'s table
 * with multi-row INSERTs in one transaction and returns how many were written. `handle` must be the
 * process-wide client (globalThis.__biwaqDb), whose provider decides how values are encoded.
 * why: createMany of 50,000 participants costs minutes of query-engine CPU on the shared machines;
 * the demo generator's bulk INSERTs write the same rows in seconds.
 */
export async function insertGenerated(handle: DbHandle, model: string, rows: readonly object[]): Promise<number> {
  const withIds = rows.map((row) => ("id" in row && row.id ? row : { id: randomUUID(), ...row }));
  return handle.db.$transaction((tx) => insertModelRows(tx, model, withIds), { maxWait: 60_000, timeout: 30 * 60_000 });
}

export type ProviderBench = (label: "SQLite" | "PostgreSQL", url: string) => Promise<boolean>;

async function dropPostgresDatabase(base: string, name: string): Promise<void> {
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Runs `bench` on SQLite (in `keepSqliteFile` when given, so a later run can reuse the data) and on
 * PostgreSQL in database `postgresName`; sets a non-zero exit code when any run missed its goal.
 */
export async function runOnEachProvider(name: string, postgresName: string, bench: ProviderBench, keepSqliteFile?: string): Promise<void> {
  let ok = true;
  const dir = path.join(tmpdir(), `biwaq-bench-${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    ok = (await bench("SQLite", `file:${keepSqliteFile ? path.resolve(keepSqliteFile) : path.join(dir, "bench.db")}`)) && ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const base = process.env.DATABASE_URL;
  if (base && databaseProvider(base) === "postgresql") {
    const target = new URL(base);
    target.pathname = `/${postgresName}`;
    await dropPostgresDatabase(base, postgresName);
    try {
      ok = (await bench("PostgreSQL", target.toString())) && ok;
    } finally {
      await dropPostgresDatabase(base, postgresName);
    }
  } else {
    console.log("PostgreSQL: skipped (set DATABASE_URL to a postgres URL to include it)");
  }
  if (!ok) process.exitCode = 1;
}

/**
 * Parses the numeric size options `--<name> N` (defaults as given) and, when `withSqliteFile`, `--sqlite-file F`;
 * unknown options and non-numbers stop the benchmark with a message.
 */
export function parseBenchOptions<K extends string>(defaults: Record<K, number>, withSqliteFile = false): Record<K, number> & { sqliteFile?: string } {
  const config: Record<string, { type: "string"; default?: string }> = {};
  for (const [name, value] of Object.entries<number>(defaults)) config[name] = { type: "string", default: String(value) };
  if (withSqliteFile) config["sqlite-file"] = { type: "string" };
  const { values } = parseArgs({ options: config });
  const parsed: Record<string, number | string | undefined> = {};
  for (const name of Object.keys(defaults)) {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number, got ${String(values[name])}`);
    parsed[name] = value;
  }
  if (withSqliteFile) parsed.sqliteFile = values["sqlite-file"] as string | undefined;
  return parsed as Record<K, number> & { sqliteFile?: string };
}

/** Deterministic PRNG (mulberry32), so every run measures the same data. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `values`, chosen by `random`. */
export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

/** Uses `handle` as the process-wide client that the services read through `db`. */
export function useHandle(handle: DbHandle): void {
  (globalThis as { __biwaqDb?: DbHandle }).__biwaqDb = handle;
}

/** Migrates the database at `url`, serves it as the process-wide client while `run` runs, then disconnects. */
export async function withBenchDatabase<T>(url: string, run: (handle: DbHandle) => Promise<T>): Promise<T> {
  await runMigrations(url, { quiet: true });
  const handle = createDb(url);
  await prepareConnection(handle);
  useHandle(handle);
  try {
    return await run(handle);
  } finally {
    await handle.db.$disconnect();
  }
}

export const DAY = 86_400_000;
/** Start and end of the generated projects' duration (UTC), unless a benchmark needs a longer one. */
export const BENCH_START = Date.UTC(2019, 0, 1);
export const BENCH_END = Date.UTC(2022, 11, 31);

/** A random day (midnight UTC) between `start` and `end`. */
export function randomDay(random: () => number, start = BENCH_START, end = BENCH_END): Date {
  return new Date(start + Math.floor(random() * ((end - start) / DAY)) * DAY);
}

/**
 * Generates `count` participant rows of `projectId` (ESF-relevant answers, leavers with their results, derived
 * values), the same rows for the same `random` state. `areaIds` spreads them over areas; `idPrefix` gives them
 * fixed ids `<prefix>-p-000000…`; `employabilityImproved` also draws that answer for leavers.
 */
export function generateParticipantRows(
  random: () => number,
  projectId: string,
  count: number,
  options: { areaIds?: readonly string[]; idPrefix?: string; employabilityImproved?: boolean } = {},
) {
  const answers = ["yes", "no", "no", "no", "no_answer"] as const;
  const rows = [];
  for (let i = 0; i < count; i++) {
    const entryDate = randomDay(random);
    const birthDate = new Date(entryDate.getTime() - Math.floor((16 + random() * 50) * 365.25) * DAY);
    const left = random() < 0.5;
    const exitDate = left ? new Date(entryDate.getTime() + Math.floor(30 + random() * 300) * DAY) : null;
    const incomplete = random() < 0.05;
    const employmentStatus = pick(random, ["unemployed", "unemployed", "inactive", "employed"] as const);
    const record = {
      gender: pick(random, ["female", "male", "female", "male", "diverse"] as const),
      employmentStatus,
      longTermUnemployed: employmentStatus === "unemployed" && random() < 0.5,
      educationLevel: incomplete ? null : pick(random, ["isced_0_2", "isced_3_4", "isced_5_8"] as const),
      entryDate,
      exitDate,
    };
    // why this order of draws: it keeps the data of earlier runs (same seed → same rows).
    const area = options.areaIds ? { areaId: pick(random, options.areaIds) } : {};
    rows.push({
      ...(options.idPrefix ? { id: `${options.idPrefix}-p-${String(i).padStart(6, "0")}` } : {}),
      projectId,
      participantNo: `TN-${String(i + 1).padStart(6, "0")}`,
      ...area,
      ...record,
      disability: pick(random, answers),
      thirdCountryNational: pick(random, answers),
      foreignBackground: pick(random, answers),
      minority: pick(random, answers),
      homeless: pick(random, answers),
      ruralArea: pick(random, answers),
      exitStatus: left ? pick(random, ["job_searching", "education_training", "employed", "self_employed", "other"] as const) : null,
      qualificationGained: left ? random() < 0.4 : null,
      ...(options.employabilityImproved ? { employabilityImproved: left ? random() < 0.5 : null } : {}),
      status6Months: left ? pick(random, ["employed", "self_employed", "not_employed", "unknown"] as const) : null,
      situationImproved6Months: left ? pick(random, ["yes", "no", "unknown"] as const) : null,
      ...deriveParticipantValues({ ...record, birthDate }),
    });
  }
  return rows;
}

/**
 * Prints how busy the machine is and the time of a fixed CPU-bound reference (50 million additions), so runs
 * on differently busy shared machines can be compared.
 */
export function printMachineLoad(): void {
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${availableParallelism()} cores`);
  let checksum = 0;
  const started = performance.now();
  for (let i = 0; i < 50_000_000; i++) checksum += i;
  console.log(`reference loop: ${(performance.now() - started).toFixed(0)} ms (checksum ${checksum > 0 ? "ok" : "?"})`);
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Times `run(i)` `runs` times after two warm-ups (`run(-1)`, `run(-2)`: first query plans, JIT) and prints
 * the wall-clock p50/p95 against `goalMs` and this process's CPU time per run; returns the wall-clock p95.
 * why the CPU time: on a busy machine wall time mostly measures waiting for a core; the CPU time (which
 * includes SQLite's work, done in-process) shows the cost of the code itself. The load average is printed too.
 */
export async function measureWithCpu(label: string, runs: number, goalMs: number, run: (i: number) => Promise<unknown>): Promise<number> {
  await run(-1);
  await run(-2);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const s = stats(times);
  const c = stats(cpu);
  const verdict = s.p95 < goalMs ? "ok" : "SLOW";
  console.log(`  ${label}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, ${runs} runs) ${verdict}`);
  console.log(`    node CPU per run: p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} CPUs`);
  return s.p95;
}
