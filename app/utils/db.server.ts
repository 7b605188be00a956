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

/**
 * SQLite busy timeout: a writer waits this long for another process's write lock before failing.
 * BIWAQ_SQLITE_BUSY_TIMEOUT_MS overrides it (the `biwaq` command waits longer than a web request).
 */
const SQLITE_BUSY_TIMEOUT_MS = Number(process.env.BIWAQ_SQLITE_BUSY_TIMEOUT_MS) || 5_000;

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
      // A second connection for plain reads (see oneTransactionAtATime); it may only read.
      const reader = await factory.connect();
      (reader as unknown as { client: SqliteConnection }).client.pragma("query_only = ON");
      return oneTransactionAtATime(connection, reader);
    },
  };
  const SqliteClientClass = loadClient("sqlite");
  // why: a transaction's wait for the connection (queue in this process, busy timeout against other
  // processes) counts against maxWait; Prisma's 2 s default turns a short queue under load into errors.
  const transactionOptions = { maxWait: SQLITE_TRANSACTION_MAX_WAIT_MS };
  return { db: new SqliteClientClass({ adapter, transactionOptions }) as Db, provider, url: `file:${file}` };
}

/** How long a SQLite transaction may wait for the connection before it fails. */
const SQLITE_TRANSACTION_MAX_WAIT_MS = 15_000;

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

/**
 * The adapter with safe transactions on the one writing SQLite connection of the process: a transaction
 * has that connection to itself (other requests' writes wait until it ends) and begins with BEGIN IMMEDIATE;
 * plain reads (SELECT outside a transaction) go to a second, read-only connection.
 * why IMMEDIATE: the stock adapter begins deferred; a transaction that reads first and writes later while
 * another process writes (the `biwaq` CLI beside the server) gets SQLITE_BUSY at once, because SQLite does
 * not apply the busy timeout to a read-to-write upgrade ("database is locked"). Taking the write lock at
 * BEGIN makes the busy timeout wait instead, before anything is read or written.
 * why other writes wait: on a shared connection, a statement of another request sent while a transaction
 * is open runs inside it and is undone with it on a rollback (a lost write).
 * why a reader connection: reads then see committed rows only (WAL: never blocked by the writer) and do
 * not queue behind transactions, whose wall time grows with everything else the event loop runs.
 */
function oneTransactionAtATime(inner: SqliteAdapter, reader: SqliteAdapter): SqliteAdapter {
  let tail: Promise<void> = Promise.resolve();
  let holders = 0;
  // A FIFO lock: resolves with a release function (safe to call twice) once earlier holders released.
  const acquire = (): Promise<() => void> => {
    holders++;
    let unlock!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => (unlock = resolve));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      holders--;
      unlock();
    };
    return previous.then(() => release);
  };
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    if (holders === 0) return run();
    const release = await acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  const noArgs = { args: [], argTypes: [] };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => (/^\s*SELECT\b/i.test(query.sql) ? reader.queryRaw(query) : exclusive(() => inner.queryRaw(query))),
    executeRaw: (query) => exclusive(() => inner.executeRaw(query)),
    executeScript: (script) => exclusive(() => inner.executeScript(script)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: async () => {
      await reader.dispose();
      await inner.dispose();
    },
    async startTransaction(isolationLevel) {
      // The stock adapter rejects other isolation levels (SQLite transactions are serializable).
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return inner.startTransaction(isolationLevel);
      const release = await acquire();
      try {
        await inner.executeRaw({ sql: "BEGIN IMMEDIATE", ...noArgs });
      } catch (error) {
        release();
        throw error;
      }
      // Prisma sends COMMIT / ROLLBACK through executeRaw (usePhantomQuery: false), then calls commit/rollback.
      const transaction: SqliteTransaction = {
        provider: inner.provider,
        adapterName: inner.adapterName,
        options: { usePhantomQuery: false },
        queryRaw: (query) => inner.queryRaw(query),
        executeRaw: (query) => inner.executeRaw(query),
        commit: async () => release(),
        rollback: async () => release(),
      };
      return transaction;
    },
  };
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
  try {
    connection.pragma("optimize = 0x10002");
  } catch (error) {
    // why: ANALYZE reads, then writes; while another process writes, SQLite refuses that upgrade at
    // once (SQLITE_BUSY, no busy timeout). Statistics are optional: the next connection gathers them.
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY") !== true) throw error;
  }
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
