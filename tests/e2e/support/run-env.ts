// Where the e2e/HTTP test server runs and which database it uses. Imported by playwright.config.ts
// (main process) and by the tests (workers). The main process fixes the database URL once in
// BIWAQ_E2E_DATABASE_URL; the workers inherit it, so everyone talks to the same fresh database.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3301);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** Fixed for the test server only; never used anywhere else. */
export const E2E_SESSION_SECRET = "e2e-only-session-secret-not-for-production-0123456789";
/** The name of the PostgreSQL database a run creates (and drops) when DATABASE_URL is a postgres URL. */
export const E2E_PG_DATABASE = "biwaq_e2e";

export function isPostgresUrl(url: string | undefined): boolean {
  return Boolean(url && /^postgres(ql)?:\/\//i.test(url));
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * The database of this run: a fresh SQLite file under tests/.tmp by default, or the PostgreSQL
 * database `biwaq_e2e` on the server named by DATABASE_URL when that is a postgres URL.
 */
export function e2eDatabaseUrl(): string {
  if (!process.env.BIWAQ_E2E_DATABASE_URL) {
    const base = process.env.DATABASE_URL;
    process.env.BIWAQ_E2E_DATABASE_URL = isPostgresUrl(base)
      ? withDatabaseName(base!, E2E_PG_DATABASE)
      : `file:${path.join(ROOT, "tests", ".tmp", `e2e-${process.pid}.db`)}`;
  }
  return process.env.BIWAQ_E2E_DATABASE_URL;
}
