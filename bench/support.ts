// Shared plumbing of the benchmarks: run one benchmark on a fresh SQLite file and, when DATABASE_URL
// is a postgres URL, on a fresh PostgreSQL database that is dropped afterwards.
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { insertModelRows } from "~/modules/demo/bulk-insert.server";
import { databaseProvider } from "~/utils/database-url";
import type { DbHandle } from "~/utils/db.server";

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
