import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { db, getDbHandle } from "~/utils/db.server";
import { databaseProvider, resolveDatabaseUrl } from "~/utils/database-url";
import { backupDatabase } from "./backup.server";

const dir = mkdtempSync(path.join(tmpdir(), "biwaq-backup-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const onSqlite = databaseProvider(resolveDatabaseUrl(process.env.DATABASE_URL)) === "sqlite";
const hasPgDump = !spawnSync("pg_dump", ["--version"]).error;

describe("backupDatabase", () => {
  it.skipIf(!onSqlite)("copies the SQLite database while writes go on, and the copy passes an integrity check", async () => {
    const handle = getDbHandle();
    const writes = (async () => {
      for (let i = 0; i < 40; i++) await db.user.create({ data: { email: `backup-${i}@example.org`, name: `B ${i}`, passwordHash: "x" } });
    })();
    const result = await backupDatabase(handle.url, path.join(dir, "copy.db"));
    await writes;
    expect(result.integrity).toBe("ok");
    const copy = new Database(result.file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const copied = (copy.prepare("SELECT COUNT(*) AS n FROM User WHERE email LIKE 'backup-%'").get() as { n: number }).n;
    copy.close();
    expect(copied).toBeGreaterThanOrEqual(0);
    expect(copied).toBeLessThanOrEqual(40);
  });

  it.skipIf(onSqlite || !hasPgDump)("PostgreSQL: writes a pg_dump archive of the running database", async () => {
    await db.user.create({ data: { email: "pg-backup@example.org", name: "PG", passwordHash: "x" } });
    const result = await backupDatabase(getDbHandle().url, path.join(dir, "copy.dump"));
    expect(result.provider).toBe("postgresql");
    const listing = spawnSync("pg_restore", ["--list", result.file], { encoding: "utf8" });
    expect(listing.status).toBe(0);
    expect(listing.stdout).toContain("TABLE DATA public User");
  });

  it.skipIf(!onSqlite)("refuses to overwrite the database itself and leaves no partial file on failure", async () => {
    const handle = getDbHandle();
    await expect(backupDatabase(handle.url, handle.url.replace(/^file:/, ""))).rejects.toThrow(/must differ/);
    await expect(backupDatabase("file:/nonexistent/dir/x.db", path.join(dir, "never.db"))).rejects.toThrow(/not found/);
    expect(existsSync(path.join(dir, "never.db"))).toBe(false);
  });
});
