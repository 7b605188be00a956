// The one Prisma client of the process. The provider follows DATABASE_URL's scheme
// (postgres:// → PostgreSQL, otherwise the embedded SQLite file), see docs/decisions/001.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PrismaClient as SqliteClient } from "../../prisma/generated/sqlite/index.js";
import { databaseProvider, resolveDatabaseUrl, sqliteFilePath, type DatabaseProvider } from "./database-url";

// why: both generated clients expose the same model API; the SQLite one is the type we program against.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Prisma } from "../../prisma/generated/sqlite/index.js";

// why: the generated clients are CommonJS outside node_modules; the bundler cannot see their named
// exports, so they are required at runtime through package.json "imports" (same from app/ and build/).
const requireFromHere = createRequire(import.meta.url);
function loadClient(provider: DatabaseProvider): new (options: object) => unknown {
  return requireFromHere(provider === "postgresql" ? "#prisma/postgresql" : "#prisma/sqlite").PrismaClient;
}

export interface DbHandle {
  db: Db;
  provider: DatabaseProvider;
  url: string;
}

/** SQLite busy timeout: a writer waits this long for the lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function createDb(rawUrl = process.env.DATABASE_URL): DbHandle {
  const url = resolveDatabaseUrl(rawUrl);
  const provider = databaseProvider(url);
  if (provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    const PostgresClient = loadClient("postgresql");
    return { db: new PostgresClient({ adapter }) as Db, provider, url };
  }
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  // why: per-connection settings must be in place before the first query (also before a first
  // transaction), so they are applied synchronously when the adapter opens the file.
  const adapter = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const connection = await factory.connect();
      configureSqlite((connection as unknown as { client: SqliteConnection }).client);
      return connection;
    },
  };
  const SqliteClientClass = loadClient("sqlite");
  return { db: new SqliteClientClass({ adapter }) as Db, provider, url: `file:${file}` };
}

interface SqliteConnection {
  pragma(source: string): unknown;
}

/** SQLite in production: WAL journal (readers never block the writer), foreign keys enforced. */
function configureSqlite(connection: SqliteConnection): void {
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  // why: gives the query planner statistics (SQLite has none until ANALYZE ran), so list and search
  // queries keep choosing the right index as data grows; cheap, it only analyses what needs it.
  connection.pragma("optimize = 0x10002");
}

/** Opens the connection now (instead of on the first query), e.g. before timing something. */
export async function prepareConnection(handle: DbHandle): Promise<void> {
  await handle.db.$connect();
}

const globalForDb = globalThis as unknown as { __biwaqDb?: DbHandle };

/** The process-wide client (kept across dev-server reloads). */
export function getDbHandle(): DbHandle {
  if (!globalForDb.__biwaqDb) {
    globalForDb.__biwaqDb = createDb();
  }
  return globalForDb.__biwaqDb;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDbHandle().db as any;
    const value = client[property];
    return typeof value === "function" ? value.bind(client) : value;
  },
});
