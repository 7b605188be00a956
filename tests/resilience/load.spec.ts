// Load, scaled to fit CI (RESILIENCE_USERS × RESILIENCE_SECONDS, default 10 × 15 s; the full 50 × 60 s
// run is `npm run load`): simulated coordinators log activities with attendance and edit attendance
// through the real forms of a production server on its own database; no request fails and every
// acknowledged write is in the database with its complete attendance.
import { expect, test } from "@playwright/test";
import { createFixture, emptyStats, freshDatabase, quantile, runCoordinator, startServer, stopServer, verifyRun } from "./harness";
import { buildDir, databaseName, postgresBase, serverPort } from "./support";

const USERS = Number(process.env.RESILIENCE_USERS ?? 10);
const SECONDS = Number(process.env.RESILIENCE_SECONDS ?? 15);

test(`${USERS} coordinators save for ${SECONDS} s: no errors, every acknowledged write is stored`, async ({}, testInfo) => {
  test.setTimeout(SECONDS * 1000 + 180_000);
  const database = await freshDatabase(databaseName("load"), postgresBase);
  try {
    const fixture = await createFixture(database.url, { coordinators: USERS, participants: 120 });
    const server = await startServer({ databaseUrl: database.url, port: await serverPort(testInfo), buildDir });
    const stats = emptyStats();
    const runId = Date.now().toString(36);
    try {
      const until = Date.now() + SECONDS * 1000;
      await Promise.all(fixture.coordinators.map((email, i) => runCoordinator(server.origin, fixture, email, runId, i + 1, stats, { until, minSaves: 2, stopOnError: true })));
    } finally {
      await stopServer(server);
    }
    const summary =
      `${database.provider}: ${stats.creates} activities, ${stats.edits} edits, ${stats.errors} errors; ` +
      `saves p50 ${Math.round(quantile(stats.writeLatencies, 0.5))} ms, p95 ${Math.round(quantile(stats.writeLatencies, 0.95))} ms`;
    testInfo.annotations.push({ type: "load", description: summary });
    console.log(`load: ${summary}`);
    expect(stats.errorSamples).toEqual([]);
    expect(stats.creates).toBeGreaterThan(0);
    expect(stats.edits).toBeGreaterThan(0);
    const check = await verifyRun(database.url, fixture, runId, stats.activities);
    expect(check.problems).toEqual([]);
    expect(check.verifiedActivities).toBe(stats.creates);
  } finally {
    await database.drop();
  }
});
