// Consistent backups while the server runs: SQLite through its online backup API (pages are copied
// under the database's own locking, so concurrent writers are safe), PostgreSQL through pg_dump
// (a single snapshot transaction).
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { databaseProvider, resolveDatabaseUrl, sqliteFilePath } from "~/utils/database-url";

export interface BackupResult {
  provider: "sqlite" | "postgresql";
  file: string;
  bytes: number;
  integrity: "ok" | "not_checked";
}

/** Writes a consistent copy of the database to `outFile` (atomically: a temp file is renamed). */
export async function backupDatabase(rawUrl: string | undefined, outFile: string): Promise<BackupResult> {
  const url = resolveDatabaseUrl(rawUrl);
  const target = path.resolve(outFile);
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.partial-${process.pid}`;
  rmSync(temp, { force: true });
  try {
    if (databaseProvider(url) === "sqlite") {
      const source = sqliteFilePath(url);
      if (!existsSync(source)) throw new Error(`database file not found: ${source}`);
      if (path.resolve(source) === target) throw new Error("the backup file must differ from the database file");
      const database = new Database(source, { fileMustExist: true, timeout: 10_000 });
      try {
        await database.backup(temp);
      } finally {
        database.close();
      }
      const copy = new Database(temp, { readonly: true });
      try {
        const result = copy.pragma("integrity_check", { simple: true });
        if (result !== "ok") throw new Error(`integrity check of the copy failed: ${String(result)}`);
      } finally {
        copy.close();
      }
      renameSync(temp, target);
      return { provider: "sqlite", file: target, bytes: statSync(target).size, integrity: "ok" };
    }
    const dump = spawnSync("pg_dump", ["--format=custom", "--no-owner", `--file=${temp}`, url], { encoding: "utf8" });
    if (dump.error) throw new Error("pg_dump is not installed (Debian: apt-get install postgresql-client)");
    if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr.trim()}`);
    renameSync(temp, target);
    return { provider: "postgresql", file: target, bytes: statSync(target).size, integrity: "not_checked" };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
