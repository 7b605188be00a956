// Workarounds for Prisma 6.19.3's JavaScript schema engine path (engine: "js" + driver adapters).
// Used ONLY by prisma.config.ts, i.e. by the Prisma CLI (migrate deploy / dev / diff). The app's
// runtime client does not go through this file. Each workaround names the bug it answers; the
// migrate tests (prisma/migrations.test.ts) run deploy on both providers so an upgrade that fixes
// or breaks them is noticed. See docs/decisions/002-prisma-6-19-two-schemas.md.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";

type Factory = Awaited<ReturnType<Extract<import("prisma/config").PrismaConfig, { engine: "js" }>["adapter"]>>;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
// why: we patch methods on adapter instances; their precise overloads do not matter here.
type AnyAdapter = Record<string, any>;

/** Bug 2: better-sqlite3's prepare() rejects multi-statement SQL during shadow replay (P3006). */
function runMultiStatementSqlAsScript(adapter: AnyAdapter): AnyAdapter {
  for (const method of ["executeRaw", "queryRaw"] as const) {
    const original = adapter[method].bind(adapter);
    adapter[method] = async (query: { sql: string; args: unknown[] }) => {
      try {
        return await original(query);
      } catch (error) {
        const message = String((error as any)?.cause?.message ?? (error as any)?.message ?? "");
        if (query.args.length === 0 && /more than one statement/i.test(message)) {
          await adapter.executeScript(query.sql);
          return method === "executeRaw" ? 0 : { columnNames: [], columnTypes: [], rows: [] };
        }
        throw error;
      }
    };
  }
  return adapter;
}

export function sqliteMigrationAdapter(url: string): Factory {
  // The engine reports a bare "External error" when the file's folder does not exist.
  mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => runMultiStatementSqlAsScript((await factory.connect()) as AnyAdapter) as Adapter,
    connectToShadowDb: async () => runMultiStatementSqlAsScript((await factory.connectToShadowDb()) as AnyAdapter) as Adapter,
  } as Factory;
}

/** Bug 3: catalog queries return `name` (19), `"char"` (18) and their arrays (1003, 1002); report them as text. */
const CATALOG_TYPES_AS_TEXT: Record<number, number> = { 19: 25, 18: 25, 1003: 1009, 1002: 1009 };

function reportCatalogTypesAsText<T extends AnyAdapter>(queryable: T): T {
  const performIO = queryable.performIO.bind(queryable);
  (queryable as AnyAdapter).performIO = async (query: unknown) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) {
      const replacement = CATALOG_TYPES_AS_TEXT[field.dataTypeID];
      if (replacement) field.dataTypeID = replacement;
    }
    return result;
  };
  if (typeof queryable.startTransaction === "function") {
    const startTransaction = queryable.startTransaction.bind(queryable);
    (queryable as AnyAdapter).startTransaction = async (...args: unknown[]) =>
      reportCatalogTypesAsText(await startTransaction(...args));
  }
  return queryable;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function postgresMigrationAdapter(url: string): Factory {
  // why: allowExitOnIdle lets the CLI exit as soon as it is done instead of waiting for idle clients to time out.
  const factory = new PrismaPg({ connectionString: url, allowExitOnIdle: true });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => reportCatalogTypesAsText((await factory.connect()) as AnyAdapter) as Adapter,
    // Bug 4: the stock shadow connection keeps `connectionString`, which wins over `database`, so it
    // points at the MAIN database; and it drops the shadow database while its pool is still open.
    connectToShadowDb: async () => {
      const shadowName = `biwaq_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${shadowName}"`);
      await admin.end();
      const shadowFactory = new PrismaPg({ connectionString: withDatabase(url, shadowName), allowExitOnIdle: true });
      const shadow = reportCatalogTypesAsText((await shadowFactory.connect()) as AnyAdapter);
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose(); // close the pool first ...
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${shadowName}"`); // ... then drop
        await dropper.end();
      };
      return shadow as Adapter;
    },
  } as Factory;
}

/** Bug 5: `migrate dev` on PostgreSQL lingers ~60 s after success on pending timers of the wasm engine. */
export function unrefLongTimers(thresholdMs = 5_000): void {
  const originalSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((handler: any, timeout?: number, ...args: any[]) => {
    const timer = originalSetTimeout(handler, timeout, ...args);
    if ((timeout ?? 0) >= thresholdMs && typeof (timer as any)?.unref === "function") (timer as any).unref();
    return timer;
  }) as typeof setTimeout;
}
