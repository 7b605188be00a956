// `npm run bench`: runs every benchmark of the suite one after the other on fresh databases
// (SQLite; PostgreSQL too when DATABASE_URL is a postgres URL) and prints their numbers. Speed goals
// are checked here, not in timed unit tests: the machines are shared and noisy.
//
//   npm run bench                 all benchmarks
//   npm run bench -- esf import   only those whose name contains one of the words
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

const BENCHMARKS = [
  { name: "participant-list", file: "participant-list.ts", goal: "first page and a search < 100 ms with 50,000 participants" },
  { name: "import-10k", file: "import-10k.ts", goal: "10,000-row import < 20 s" },
  { name: "esf-report", file: "esf-report.ts", goal: "ESF report for 50,000 participants < 1 s" },
  { name: "activity-logging", file: "activity-logging.ts", goal: "activity with 30 attendees < 150 ms with 500,000 attendance rows" },
  { name: "progress-report", file: "progress-report.ts", goal: "progress report (year and whole duration) < 1 s with 400,000 attendance rows" },
  { name: "dashboard", file: "dashboard.ts", goal: "project dashboard and portfolio with 50,000 participants < 300 ms (p95)" },
  { name: "http-pages", file: "http.ts", goal: "production server, 1× and 10× data: list/detail pages ≤ 2× growth, dashboards and ESF report < 1 s, RSS < 512 MB" },
];

const filters = process.argv.slice(2);
const selected = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
if (selected.length === 0) {
  console.error(`no benchmark matches ${filters.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  process.exit(2);
}

const suiteStarted = performance.now();
const summary: { name: string; goal: string; seconds: number; ok: boolean }[] = [];
for (const bench of selected) {
  console.log(`\n=== ${bench.name} — goal: ${bench.goal} (load average ${loadavg()[0].toFixed(1)})`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", path.join(here, bench.file)], { stdio: "inherit", env: process.env });
  summary.push({ name: bench.name, goal: bench.goal, seconds: (performance.now() - started) / 1000, ok: result.status === 0 });
}

console.log("\n=== summary");
for (const row of summary) console.log(`${row.ok ? "ran   " : "FAILED"} ${row.name.padEnd(18)} ${row.seconds.toFixed(0).padStart(5)} s   goal: ${row.goal}`);
console.log(`total  ${"wall time".padEnd(18)} ${((performance.now() - suiteStarted) / 1000).toFixed(0).padStart(5)} s   (load average ${loadavg()[0].toFixed(1)})`);
process.exit(summary.every((row) => row.ok) ? 0 : 1);
