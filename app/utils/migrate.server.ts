// Applying migrations: creates the database if needed, then runs `prisma migrate deploy` through
// prisma.config.ts (the JS schema engine with the workarounds in prisma/cli-workarounds.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { databaseProvider, resolveDatabaseUrl, sqliteFilePath } from "./database-url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** PostgreSQL: creates the database named in the URL when it does not exist (the JS engine cannot). */
export async function ensureDatabaseExists(rawUrl: string | undefined): Promise<void> {
  const url = resolveDatabaseUrl(rawUrl);
  if (databaseProvider(url) === "sqlite") {
    mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
    return;
  }
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(database)) throw new Error(`Unsupported database name: ${database}`);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/** Runs `prisma migrate deploy`; throws with Prisma's output when it fails. */
export async function runMigrations(rawUrl: string | undefined, options: { quiet?: boolean } = {}): Promise<void> {
  const url = resolveDatabaseUrl(rawUrl);
  await ensureDatabaseExists(url);
  const prismaCli = path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", NO_COLOR: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  if (!options.quiet) {
    const summary = result.stdout.split("\n").filter((line) => /migration|applied|No pending/i.test(line)).join("\n");
    console.log(summary.trim());
  }
}
