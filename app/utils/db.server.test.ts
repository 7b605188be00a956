// Concurrent writes against the test file's database: a second process (the `biwaq` CLI) writing while
// this process writes in a loop, and — on SQLite, where one connection serves the whole process — many
// interactive transactions at once and plain statements beside an open transaction.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db, getDbHandle } from "~/utils/db.server";

const ROOT = path.resolve(__dirname, "..", "..");
const isSqlite = () => getDbHandle().provider === "sqlite";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `biwaq …` as its own process against this file's database. */
function biwaq(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "biwaq.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

/** A transaction that reads, lets other work run, then writes: the shape of every service save. */
async function readThenWrite(key: string, thinkMs = 2): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.loginThrottle.findUnique({ where: { key } });
    await pause(thinkMs);
    await tx.loginThrottle.upsert({
      where: { key },
      create: { key, failures: 1, windowStart: new Date() },
      update: { failures: (current?.failures ?? 0) + 1 },
    });
  });
}

describe("writes from two processes at once", () => {
  it("both succeed: the CLI creates users while this process saves in a loop", { timeout: 90_000 }, async () => {
    const key = `loop-${randomBytes(4).toString("hex")}`;
    let stop = false;
    let saved = 0;
    const failures: string[] = [];
    const loop = (async () => {
      while (!stop) {
        try {
          await readThenWrite(key);
          saved++;
        } catch (error) {
          failures.push((error as Error).message.split("\n").at(-1) ?? "");
        }
        // why: a server is not writing every moment; without any gap the other process could only wait.
        await pause(1);
      }
    })();
    const emails = [0, 1, 2].map((i) => `cli-${i}-${randomBytes(3).toString("hex")}@locking.test`);
    try {
      const results = await Promise.all(
        emails.map((email) => biwaq(["user", "create", "--email", email, "--name", "Locking Test", "--role", "coordinator", "--password", "locking-test-pass-1"])),
      );
      for (const result of results) expect(result.stderr.split("\n").filter((l) => l.includes("error")).join("\n")).toBe("");
      expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    } finally {
      stop = true;
      await loop;
    }
    expect(failures).toEqual([]);
    expect(saved).toBeGreaterThan(0);
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(3);
    // Every acknowledged save of the loop is there (one process writes this key: no lost update).
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key } })).failures).toBe(saved);
  });
});

describe.runIf(isSqlite())("one SQLite connection in one process", () => {
  it("runs many interactive transactions at once one after another: none fails, no update is lost", async () => {
    const key = `many-${randomBytes(4).toString("hex")}`;
    // why 100 × 25 ms: the queue is longer than Prisma's default 2 s wait for a transaction to start.
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => readThenWrite(key, 25)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key } })).failures).toBe(100);
  });

  it("keeps a plain write made while another request's transaction is open and then rolls back", async () => {
    const kept = `kept-${randomBytes(4).toString("hex")}`;
    const undone = `undone-${randomBytes(4).toString("hex")}`;
    let plainWrite: Promise<unknown> | undefined;
    const failing = db.$transaction(async (tx) => {
      await tx.loginThrottle.create({ data: { key: undone, windowStart: new Date() } });
      // Another request writes outside any transaction while this one is open …
      plainWrite = db.loginThrottle.create({ data: { key: kept, windowStart: new Date() } });
      await pause(20);
      // … and does not see this transaction's uncommitted row.
      throw new Error("validation failed");
    });
    await expect(failing).rejects.toThrow("validation failed");
    await plainWrite;
    expect(await db.loginThrottle.count({ where: { key: kept } })).toBe(1);
    expect(await db.loginThrottle.count({ where: { key: undone } })).toBe(0);
  });

  it("answers a plain read during an open transaction at once, with committed rows only", async () => {
    const key = `dirty-${randomBytes(4).toString("hex")}`;
    const seen = await db.$transaction(async (tx) => {
      await tx.loginThrottle.create({ data: { key, windowStart: new Date() } });
      // Another request's read (here awaited inside the transaction: it must not wait for its end).
      return db.loginThrottle.count({ where: { key } });
    });
    expect(seen).toBe(0);
    expect(await db.loginThrottle.count({ where: { key } })).toBe(1);
  });
});
