// Which database the app and the CLI talk to. Pure and dependency-free: used by prisma.config.ts,
// the server, the `biwaq` command and the test setup alike.
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

/** The embedded SQLite file used when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = path.resolve("data", "biwaq.db");

export function resolveDatabaseUrl(raw: string | undefined): string {
  const value = raw?.trim();
  if (!value) return `file:${DEFAULT_SQLITE_FILE}`;
  return value;
}

export function databaseProvider(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** Absolute file path of a SQLite URL (`file:./x.db`, `file:/abs/x.db` or a bare path). */
export function sqliteFilePath(url: string): string {
  const withoutScheme = url.replace(/^file:/i, "").replace(/\?.*$/, "");
  return path.resolve(withoutScheme);
}
