// Load test: N simulated coordinators log activities with attendance (and now and then edit the
// attendance of one of their activities) through the real form POSTs of the production server for S
// seconds, on a fresh SQLite file or PostgreSQL database. Reports acknowledged writes, errors and the
// latency (p50/p95/max) of saves and page loads, then checks that every acknowledged write is in the
// database with its complete attendance. Exit code 1 on any error or missing write.
//
//   node --import tsx scripts/load-test.ts [--users 50] [--seconds 60] [--db sqlite|postgres] [--port 3420]
//     [--think-ms 0] (random pause up to this long after each save) [--ramp-seconds 0] (stagger the logins)
// PostgreSQL: DATABASE_URL names the server; the test uses (and drops) database biwaq_load. The build goes
// to BIWAQ_BUILD_DIR (default build-load) and is made once when it is missing.
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import {
  createFixture,
  describeError,
  emptyStats,
  ensureBuild,
  freePort,
  freshDatabase,
  quantile,
  runCoordinator,
  sleep,
  sql,
  startServer,
  stopServer,
  verifyRun,
} from "../tests/resilience/harness";

const { values: options } = parseArgs({
  options: {
    users: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    db: { type: "string", default: "sqlite" },
    port: { type: "string", default: process.env.PORT ?? "3420" },
    "think-ms": { type: "string", default: "0" },
    participants: { type: "string", default: "300" },
    "ramp-seconds": { type: "string", default: "0" },
  },
});
const USERS = Math.max(1, Number(options.users));
const SECONDS = Math.max(1, Number(options.seconds));
const POSTGRES = options.db === "postgres" || options.db === "postgresql";
const BUILD_DIR = process.env.BIWAQ_BUILD_DIR ?? "build-load";
const log = (line: string) => console.log(line);
const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<boolean> {
  if (POSTGRES && !/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")) throw new Error("--db postgres needs DATABASE_URL pointing at a PostgreSQL server");
  ensureBuild(BUILD_DIR, log);
  const database = await freshDatabase(POSTGRES ? "biwaq_load" : `load_${process.pid}`, POSTGRES ? process.env.DATABASE_URL : undefined);
  const runId = Date.now().toString(36);
  try {
    const fixture = await createFixture(database.url, { coordinators: USERS, participants: Number(options.participants) });
    const server = await startServer({ databaseUrl: database.url, port: await freePort(Number(options.port)), buildDir: BUILD_DIR });
    const stats = emptyStats();
    try {
      log(`load test: ${USERS} coordinators × ${SECONDS} s against ${server.origin} on ${database.provider} (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`);
      const started = performance.now();
      const until = Date.now() + SECONDS * 1000;
      const rampMs = (Number(options["ramp-seconds"]) * 1000) / USERS;
      const users = fixture.coordinators.map(async (email, i) => {
        await sleep(i * rampMs);
        await runCoordinator(server.origin, fixture, email, runId, i + 1, stats, { until, thinkMs: Number(options["think-ms"]) }).catch((error) => {
          stats.errors++;
          stats.errorSamples.push(`u${i + 1}: ${describeError(error)}`);
        });
      });
      await Promise.all(users);
      const elapsed = (performance.now() - started) / 1000;
      log(`  ${elapsed.toFixed(1)} s, ${stats.creates} activities logged, ${stats.edits} attendance edits, ${stats.reads} page loads, ${stats.errors} errors`);
      log(`  throughput: ${((stats.creates + stats.edits) / elapsed).toFixed(1)} saves/s`);
      log(`  saves:      p50 ${ms(quantile(stats.writeLatencies, 0.5))}, p95 ${ms(quantile(stats.writeLatencies, 0.95))}, max ${ms(Math.max(...stats.writeLatencies))} (${stats.writeLatencies.length})`);
      log(`  page loads: p50 ${ms(quantile(stats.readLatencies, 0.5))}, p95 ${ms(quantile(stats.readLatencies, 0.95))}, max ${ms(Math.max(...stats.readLatencies))} (${stats.readLatencies.length})`);
      for (const sample of stats.errorSamples) log(`  error: ${sample}`);
      if (stats.errors) log(`  server output (last lines):\n${server.output.join("").split("\n").slice(-30).join("\n")}`);
      if (server.child.exitCode !== null || server.child.signalCode !== null) log(`  the server exited (${server.child.exitCode ?? server.child.signalCode})`);
    } finally {
      await stopServer(server);
    }
    const check = await verifyRun(database.url, fixture, runId, stats.activities);
    const [{ n: attendanceTotal }] = await sql<{ n: number }>(database.url, `SELECT COUNT(*) AS "n" FROM "Attendance"`);
    log(
      `  database: ${check.verifiedActivities} of ${stats.creates} acknowledged activities found with their complete attendance` +
        ` (${check.attendanceRows} attendance rows of this run, ${Number(attendanceTotal)} in all; ${check.auditEntries} audit entries)`,
    );
    if (check.unacknowledgedPresent) log(`  ${check.unacknowledgedPresent} unacknowledged saves are in the database completely`);
    for (const problem of check.problems.slice(0, 20)) log(`  PROBLEM: ${problem}`);
    const ok = stats.errors === 0 && check.problems.length === 0 && check.verifiedActivities === stats.creates;
    log(ok ? "PASS: no errors, every acknowledged write is in the database" : "FAIL");
    return ok;
  } finally {
    await database.drop();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
