// Benchmark: importing a 10,000-row participant file (data contract section 1) into a fresh database —
// parse, planImport and applyImport, the way `biwaq import participants` and the upload page run it.
// Also times the identical re-import (all unchanged, nothing written), a re-import where every row
// changes (10,000 updates) and the 50,000-row export (CSV and XLSX): streamed directly and as an export
// job writing its file, each with the heap growth and the longest event-loop stall while it ran; with
// --expose-gc (as bench/run.ts runs it) also the heap a job holds after full collections.
// Runs on a fresh SQLite file, and also on a fresh PostgreSQL database when DATABASE_URL is a
// postgres URL. The goal: the 10,000-row import well under 20 s.
//
//   node --import tsx bench/import-10k.ts [--rows 10000] [--export-rows 50000 | 0 to skip the export]
// Wall time depends on what else the machine runs; the CPU time printed beside it does much less.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import pg from "pg";
import { configureExportJobs, resetExportJobs, waitForExportJob } from "~/modules/exports/jobs.server";
import { startParticipantExportJob } from "~/modules/exports/participants.server";
import { exportParticipants } from "~/modules/participants/export.server";
import { parseParticipantFile } from "~/modules/participants/import-parser";
import { applyImport, planImport, summaryLine } from "~/modules/participants/import.server";
import { parseListQuery } from "~/modules/participants/schema";
import { databaseProvider } from "~/utils/database-url";
import { createDb, prepareConnection } from "~/utils/db.server";
import { runMigrations } from "~/utils/migrate.server";
import { parseBenchOptions, pick, prng, useHandle } from "./support";

const options = parseBenchOptions({ rows: 10_000, "export-rows": 50_000 });
const ROWS = options.rows;
const EXPORT_ROWS = options["export-rows"];
const GOAL_S = 20;
const PG_BENCH_DATABASE = "biwaq_bench_import";
const AREAS = ["Forster Innenstadt", "Forst Nord", "Forst Süd"];

const pad = (n: number) => String(n).padStart(2, "0");
const germanDate = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
};

/** A German Excel-style file: BOM, `;`, German headers, TT.MM.JJJJ dates; ~5 % incomplete rows. */
export function generateParticipantCsv(rows: number, variant = 0, prefix = "TN"): string {
  const random = prng(2026);
  const header =
    "Teilnehmenden-Nr;Vorname;Nachname;Geburtsdatum;Geschlecht;PLZ;Programmgebiet;Eintrittsdatum;Erwerbsstatus;langzeitarbeitslos;" +
    "Bildungsniveau;Behinderung;Drittstaatsangehörig;ausländische Herkunft;Minderheit;obdachlos;ländlich;Austrittsdatum;Verbleib;" +
    "Qualifikation erlangt;Beschäftigungsfähigkeit verbessert";
  const lines = [`\uFEFF${header}`];
  const day = 86_400_000;
  for (let i = 1; i <= rows; i++) {
    const entry = Date.UTC(2019, 0, 1) + Math.floor(random() * 1400) * day;
    const birth = entry - Math.floor((18 + random() * 45) * 365.25) * day;
    const status = pick(random, ["arbeitslos", "arbeitslos", "nichterwerbstätig", "erwerbstätig"] as const);
    const left = random() < 0.5;
    const exit = entry + Math.floor(30 + random() * 300) * day;
    const incomplete = random() < 0.05;
    lines.push(
      [
        `${prefix}-${String(i).padStart(6, "0")}`,
        `Vorname${i}`,
        `Nachname${i}`,
        germanDate(birth),
        pick(random, ["w", "m", "w", "m", "d"]),
        pick(random, ["03149", "03130", "04315"]),
        pick(random, AREAS),
        germanDate(entry),
        status,
        status === "arbeitslos" && random() < 0.4 ? "ja" : "nein",
        incomplete ? "" : pick(random, ["isced_0_2", "isced_3_4", "isced_5_8"]),
        pick(random, ["ja", "nein", "keine Angabe"]),
        pick(random, ["ja", "nein", "keine Angabe"]),
        pick(random, ["ja", "nein"]),
        pick(random, ["nein", "keine Angabe"]),
        "nein",
        variant === 0 ? "nein" : "ja",
        left ? germanDate(exit) : "",
        left ? pick(random, ["job_searching", "education_training", "employed", "self_employed", "other"]) : "",
        left ? pick(random, ["ja", "nein"]) : "",
        left ? pick(random, ["ja", "nein"]) : "",
      ].join(";"),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}


/** Wall time of the last timed() call's CPU use (user + system, this process), in seconds. */
let lastCpuS = 0;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  lastCpuS = (used.user + used.system) / 1e6;
  return [result, (performance.now() - start) / 1000];
}

async function importFile(projectId: string, text: string) {
  const data = new TextEncoder().encode(text);
  const [parsed, parseS] = await timed(() => parseParticipantFile(data, "bench.csv"));
  const cpuParse = lastCpuS;
  const [plan, planS] = await timed(() => planImport(projectId, parsed));
  const cpuPlan = lastCpuS;
  const [result, applyS] = await timed(() => applyImport(projectId, plan, null, { source: "csv" }));
  return { result, parseS, planS, applyS, totalS: parseS + planS + applyS, cpuS: cpuParse + cpuPlan + lastCpuS };
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

async function run(url: string) {
  const label = databaseProvider(url) === "postgresql" ? "PostgreSQL" : "SQLite";
  await runMigrations(url, { quiet: true });
  const handle = createDb(url);
  await prepareConnection(handle);
  useHandle(handle);
  const { db } = handle;
  const project = await db.project.create({
    data: { code: "BENCH-IMPORT", title: "Import benchmark", startDate: new Date("2019-01-01"), endDate: new Date("2022-12-31") },
  });
  for (const name of AREAS) {
    const area = await db.programmeArea.create({ data: { name, municipality: "Forst (Lausitz)", federalState: "Brandenburg", regionCategory: "transition" } });
    await db.projectArea.create({ data: { projectId: project.id, areaId: area.id } });
  }

  const file = generateParticipantCsv(ROWS);
  const first = await importFile(project.id, file);
  console.log(
    `${label}: import of ${ROWS} rows (${(file.length / 1024 / 1024).toFixed(1)} MB): ${first.totalS.toFixed(2)} s ` +
      `(parse ${first.parseS.toFixed(2)} s, plan ${first.planS.toFixed(2)} s, apply ${first.applyS.toFixed(2)} s; CPU ${first.cpuS.toFixed(2)} s, ` +
      `load average ${loadavg()[0].toFixed(1)}) — ${summaryLine(first.result.counts)} ` +
      `— goal < ${GOAL_S} s: ${first.totalS < GOAL_S ? "ok" : "MISSED"}`,
  );
  const again = await importFile(project.id, file);
  console.log(`${label}: identical re-import: ${again.totalS.toFixed(2)} s (CPU ${again.cpuS.toFixed(2)} s) — ${summaryLine(again.result.counts)}`);
  const changed = await importFile(project.id, generateParticipantCsv(ROWS, 1));
  console.log(`${label}: re-import with every row changed: ${changed.totalS.toFixed(2)} s (CPU ${changed.cpuS.toFixed(2)} s) — ${summaryLine(changed.result.counts)}`);

  if (EXPORT_ROWS === 0) {
    await db.$disconnect();
    return;
  }
  if (EXPORT_ROWS > ROWS) {
    const extra = await importFile(project.id, generateParticipantCsv(EXPORT_ROWS - ROWS, 0, "EX"));
    console.log(`${label}: filled to ${EXPORT_ROWS} participants (${extra.totalS.toFixed(2)} s)`);
  }
  const user = await db.user.create({ data: { email: `bench-export-${Date.now()}@example.org`, name: "Bench", passwordHash: "x" } });
  const jobDir = mkdtempSync(path.join(tmpdir(), "biwaq-bench-exports-"));
  await configureExportJobs({ dir: jobDir });
  const exportParams = (format: "csv" | "xlsx") => ({
    projectId: project.id,
    projectCode: project.code,
    query: parseListQuery(new URLSearchParams()),
    scope: { identity: true, sensitive: true },
    format,
    locale: "de" as const,
  });
  const ways = {
    // The streamed body, read as fast as possible (what a script reading the stream gets).
    direct: async (format: "csv" | "xlsx") => drain((await exportParticipants({ ...exportParams(format), actorId: null })).body),
    // The job the pages start: queued, written to a file under the data folder.
    job: async (format: "csv" | "xlsx") => {
      const owner = { userId: user.id, projectId: project.id };
      const started = await startParticipantExportJob({ ...exportParams(format), actorId: user.id });
      const done = await waitForExportJob(started.id, owner);
      if (done?.state !== "ready") throw new Error(`export job ended as ${done?.state}`);
      return done.size ?? 0;
    },
  };
  try {
    for (const format of ["csv", "xlsx"] as const) {
      for (const [way, exportOnce] of Object.entries(ways)) {
        globalThis.gc?.();
        const heapBefore = process.memoryUsage().heapUsed;
        let peak = heapBefore;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
        const stalls = monitorEventLoopDelay({ resolution: 10 });
        stalls.enable();
        const [size, seconds] = await timed(() => exportOnce(format));
        stalls.disable();
        clearInterval(sampler);
        console.log(
          `${label}: export of ${Math.max(EXPORT_ROWS, ROWS)} participants as ${format} (${way}): ${seconds.toFixed(2)} s (CPU ${lastCpuS.toFixed(2)} s), ` +
            `${(size / 1024 / 1024).toFixed(1)} MB, heap growth ≤ ${((peak - heapBefore) / 1024 / 1024).toFixed(0)} MB, ` +
            `longest event-loop stall ${(stalls.max / 1e6).toFixed(0)} ms (p99 ${(stalls.percentile(99) / 1e6).toFixed(0)} ms)`,
        );
      }
    }
    // why: the peak above includes garbage not yet collected; what full collections leave is what an
    // export holds. A separate, untimed run: the forced collections would show up as stalls.
    if (globalThis.gc) {
      for (const format of ["csv", "xlsx"] as const) {
        globalThis.gc();
        const heapBefore = process.memoryUsage().heapUsed;
        let retained = heapBefore;
        const collector = setInterval(() => {
          globalThis.gc!();
          retained = Math.max(retained, process.memoryUsage().heapUsed);
        }, 500);
        await ways.job(format);
        clearInterval(collector);
        console.log(`${label}: export job as ${format}: heap held after full collections ≤ ${((retained - heapBefore) / 1024 / 1024).toFixed(1)} MB`);
      }
    }
  } finally {
    await resetExportJobs();
    rmSync(jobDir, { recursive: true, force: true });
  }
  await db.$disconnect();
}

async function main() {
  const file = path.join(tmpdir(), `biwaq-bench-import-${process.pid}.db`);
  try {
    await run(`file:${file}`);
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  const base = process.env.DATABASE_URL;
  if (base && databaseProvider(base) === "postgresql") {
    const target = new URL(base);
    target.pathname = `/${PG_BENCH_DATABASE}`;
    const admin = new URL(base);
    admin.pathname = "/postgres";
    const drop = async () => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${PG_BENCH_DATABASE}" WITH (FORCE)`);
      await client.end();
    };
    await drop();
    try {
      await run(target.toString());
    } finally {
      await drop();
    }
  }
}

await main();
