// Test databases: one migrated template per run, copied for every test file, on SQLite (file copy)
// or PostgreSQL (CREATE DATABASE … TEMPLATE …). The provider follows DATABASE_URL like the app.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseProvider } from "~/utils/database-url";

export const TMP_DIR = path.resolve("tests", ".tmp");

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropPostgresDatabase(url: string, name: string): Promise<void> {
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A fresh database for one test file, copied from the template; returns its URL and a disposer. */
export async function createDatabaseFromTemplate(templateUrl: string, label: string): Promise<{ url: string; dispose: () => Promise<void> }> {
  if (databaseProvider(templateUrl) === "postgresql") {
    const templateName = new URL(templateUrl).pathname.slice(1);
    const name = `${templateName.replace(/_tpl$/, "")}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 63);
    await admin(templateUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
    });
    return { url: withDatabaseName(templateUrl, name), dispose: () => dropPostgresDatabase(templateUrl, name) };
  }
  mkdirSync(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `${label}.db`);
  copyFileSync(templateUrl.replace(/^file:/, ""), file);
  return {
    url: `file:${file}`,
    dispose: async () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    },
  };
}
