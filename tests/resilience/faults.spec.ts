// Faults: a participant import killed hard in the middle of its write, a server killed hard while
// coordinators save activities, and `biwaq backup` taken while saves run. Each test has its own
// database (SQLite file, or a PostgreSQL database when DATABASE_URL names one) and its own server.
import { expect, test } from "@playwright/test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  createFixture,
  emptyStats,
  freshDatabase,
  participantCsv,
  participantSnapshot,
  restorePostgresDump,
  runCoordinator,
  sleep,
  spawnCli,
  sql,
  sqliteIntegrity,
  startServer,
  stopServer,
  TMP_DIR,
  verifyRun,
  writeTransactionOpen,
  type ActivityRecord,
  type TestDatabase,
} from "./harness";
import { buildDir, databaseName, postgresBase, serverPort } from "./support";

const IMPORT_ROWS = Number(process.env.RESILIENCE_IMPORT_ROWS ?? 5000);

async function count(url: string, text: string, params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: unknown }>(url, text, params);
  return Number(row.n);
}

/** The database is sound: SQLite's integrity and foreign-key checks pass (PostgreSQL enforces both itself). */
function expectSound(database: TestDatabase): void {
  if (database.provider === "sqlite") expect(sqliteIntegrity(database.url)).toBe("ok");
}

test.describe("faults", () => {
  test(`a participant import (${IMPORT_ROWS} rows) killed during its write leaves nothing half-done and re-runs to a clean import's result`, async ({}, testInfo) => {
    test.setTimeout(600_000);
    const dir = path.join(TMP_DIR, `resilience-import-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "participants.csv");
    writeFileSync(file, participantCsv(IMPORT_ROWS));
    const database = await freshDatabase(databaseName("import"), postgresBase);
    const clean = await freshDatabase(databaseName("import_clean"), postgresBase);
    try {
      const fixture = await createFixture(database.url, { coordinators: 0, participants: 0, code: "IMPORT-KILL" });
      const cleanFixture = await createFixture(clean.url, { coordinators: 0, participants: 0, code: "IMPORT-KILL" });
      const args = ["import", "participants", "--project", "IMPORT-KILL", "--file", file];

      // Kill the CLI once a write transaction has been open for two probes in a row (the import's, not
      // a statement at start-up).
      const killed = spawnCli(args, database.url);
      let seenOpen = 0;
      let killedInTransaction = false;
      while (killed.child.exitCode === null) {
        seenOpen = (await writeTransactionOpen(database.url)) ? seenOpen + 1 : 0;
        if (seenOpen >= 2) {
          killed.child.kill("SIGKILL");
          killedInTransaction = true;
          break;
        }
        await sleep(15);
      }
      const outcome = await killed.done;
      testInfo.annotations.push({ type: "import kill", description: killedInTransaction ? "killed while its write transaction was open" : `finished first (${outcome.code})` });
      expect(killedInTransaction, "the import's write transaction was never seen open").toBe(true);
      expect(outcome.signal).toBe("SIGKILL");

      // Consistent: all or nothing, and every participant with its identity.
      expectSound(database);
      const participants = await count(database.url, `SELECT COUNT(*) AS "n" FROM "Participant" WHERE "projectId" = ?`, [fixture.projectId]);
      expect([0, IMPORT_ROWS]).toContain(participants);
      expect(await count(database.url, `SELECT COUNT(*) AS "n" FROM "ParticipantIdentity" WHERE "projectId" = ?`, [fixture.projectId])).toBe(participants);
      expect(await count(database.url, `SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "projectId" = ? AND "action" = 'import'`, [fixture.projectId])).toBe(participants ? 1 : 0);
      expect(await count(database.url, `SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "projectId" = ? AND "entity" = 'Participant' AND "action" = 'create'`, [fixture.projectId])).toBe(participants);

      // Re-run after the crash, and a clean import elsewhere: the same participants with the same values.
      const rerun = await spawnCli(args, database.url).done;
      expect(rerun.stderr).toBe("");
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toContain(participants ? `imported 0, updated 0, unchanged ${IMPORT_ROWS}` : `imported ${IMPORT_ROWS}, updated 0, unchanged 0`);
      const reference = await spawnCli(args, clean.url).done;
      expect(reference.code).toBe(0);
      expect(reference.stdout).toContain(`imported ${IMPORT_ROWS}, updated 0, unchanged 0, incomplete 0, rejected 0`);
      const recovered = await participantSnapshot(database.url, fixture.projectId);
      expect(recovered).toHaveLength(IMPORT_ROWS);
      expect(recovered).toEqual(await participantSnapshot(clean.url, cleanFixture.projectId));
      expectSound(database);

      // And once more: the import is idempotent.
      const again = await spawnCli(args, database.url).done;
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`imported 0, updated 0, unchanged ${IMPORT_ROWS}`);
    } finally {
      await database.drop();
      await clean.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a server killed while coordinators save: every acknowledged save is complete, every other one complete or absent", async ({}, testInfo) => {
    test.setTimeout(300_000);
    const database = await freshDatabase(databaseName("crash"), postgresBase);
    try {
      const fixture = await createFixture(database.url, { coordinators: 6, participants: 80 });
      const port = await serverPort(testInfo, 1);
      let server = await startServer({ databaseUrl: database.url, port, buildDir });
      const stats = emptyStats();
      const runId = Date.now().toString(36);
      const stop = new AbortController();
      const users = fixture.coordinators.map((email, i) =>
        runCoordinator(server.origin, fixture, email, runId, i + 1, stats, { until: Date.now() + 120_000, signal: stop.signal }).catch(() => {}),
      );
      // Kill once saves are flowing (edits included), while requests are in flight.
      for (let i = 0; i < 600 && (stats.creates < 15 || stats.edits < 2); i++) await sleep(50);
      expect(stats.creates).toBeGreaterThanOrEqual(15);
      await stopServer(server, "SIGKILL");
      stop.abort();
      await Promise.all(users);
      const unanswered = stats.activities.filter((a) => !a.createAcknowledged).length + stats.activities.reduce((n, a) => n + a.pending.length, 0);
      const crash = `${stats.creates} creates and ${stats.edits} edits acknowledged, ${unanswered} saves unanswered at the kill`;
      testInfo.annotations.push({ type: "crash", description: crash });
      console.log(`crash (${database.provider}): ${crash}`);

      // Restart on the same database: it is sound and holds exactly what the rules allow.
      server = await startServer({ databaseUrl: database.url, port, buildDir });
      try {
        expectSound(database);
        const check = await verifyRun(database.url, fixture, runId, stats.activities);
        expect(check.problems).toEqual([]);
        expect(check.verifiedActivities).toBe(stats.creates);
        expect(await count(database.url, `SELECT COUNT(*) AS "n" FROM "Attendance" a LEFT JOIN "Activity" x ON x."id" = a."activityId" WHERE x."id" IS NULL`)).toBe(0);

        // The restarted server takes saves again.
        const after = emptyStats();
        await runCoordinator(server.origin, fixture, fixture.coordinators[0], `${runId}r`, 1, after, { until: Date.now() + 60_000, maxSaves: 5 });
        expect(after.errorSamples).toEqual([]);
        expect(after.creates).toBeGreaterThan(0);
        expect((await verifyRun(database.url, fixture, `${runId}r`, after.activities)).problems).toEqual([]);
      } finally {
        await stopServer(server);
      }
    } finally {
      await database.drop();
    }
  });

  test("`biwaq backup` while coordinators save gives a sound, complete copy", async ({}, testInfo) => {
    test.setTimeout(300_000);
    const database = await freshDatabase(databaseName("backup"), postgresBase);
    const dir = path.join(TMP_DIR, `resilience-backup-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    let restored: TestDatabase | undefined;
    try {
      const fixture = await createFixture(database.url, { coordinators: 6, participants: 80 });
      const server = await startServer({ databaseUrl: database.url, port: await serverPort(testInfo, 2), buildDir });
      const stats = emptyStats();
      const runId = Date.now().toString(36);
      const stop = new AbortController();
      let backup: Awaited<ReturnType<typeof spawnCli>["done"]>;
      let backupStarted = 0;
      const out = path.join(dir, database.provider === "sqlite" ? "copy.db" : "copy.dump");
      try {
        const users = fixture.coordinators.map((email, i) =>
          runCoordinator(server.origin, fixture, email, runId, i + 1, stats, { until: Date.now() + 120_000, signal: stop.signal }),
        );
        for (let i = 0; i < 600 && stats.creates < 10; i++) await sleep(50);
        backupStarted = Date.now();
        backup = await spawnCli(["backup", "--out", out], database.url).done;
        // Saves go on a little after the copy, so the live database is ahead of it.
        await sleep(1000);
        stop.abort();
        await Promise.all(users);
      } finally {
        await stopServer(server);
      }
      expect(backup.stderr).toBe("");
      expect(backup.code).toBe(0);
      expect(stats.errorSamples).toEqual([]);

      let copyUrl: string;
      if (database.provider === "sqlite") {
        expect(backup.stdout).toContain("integrity check ok");
        expect(sqliteIntegrity(out)).toBe("ok");
        copyUrl = `file:${out}`;
      } else {
        restored = await restorePostgresDump(postgresBase!, databaseName("restored"), out);
        copyUrl = restored.url;
      }
      // Every save acknowledged before the backup began is in the copy; every activity in it has one
      // complete attendance state that was sent; nothing else of the run is there.
      const beforeBackup = (record: ActivityRecord) => record.createAcknowledged && record.acknowledgedAt! < backupStarted;
      const check = await verifyRun(copyUrl, fixture, runId, stats.activities, { mustExist: beforeBackup, allowed: (record) => record.history });
      expect(check.problems).toEqual([]);
      const inCopy = await count(copyUrl, `SELECT COUNT(*) AS "n" FROM "Activity" WHERE "projectId" = ?`, [fixture.projectId]);
      const live = await count(database.url, `SELECT COUNT(*) AS "n" FROM "Activity" WHERE "projectId" = ?`, [fixture.projectId]);
      testInfo.annotations.push({ type: "backup", description: `${inCopy} activities in the copy, ${live} in the live database` });
      console.log(`backup (${database.provider}): ${inCopy} activities in the copy, ${live} in the live database`);
      expect(inCopy).toBeGreaterThanOrEqual(stats.activities.filter(beforeBackup).length);
      expect(inCopy).toBeLessThanOrEqual(live);
      // The copy is a whole database: users, memberships and participants came along.
      expect(await count(copyUrl, `SELECT COUNT(*) AS "n" FROM "ProjectMembership" WHERE "projectId" = ?`, [fixture.projectId])).toBe(6);
      expect(await count(copyUrl, `SELECT COUNT(*) AS "n" FROM "Participant" WHERE "projectId" = ?`, [fixture.projectId])).toBe(80);
    } finally {
      await restored?.drop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
