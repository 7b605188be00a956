// What the resilience specs share: the provider of the run (DATABASE_URL, as for the rest of the suite),
// the build Playwright made, and a port range of their own per worker.
import type { TestInfo } from "@playwright/test";
import { freePort, isPostgresUrl } from "./harness";

/** The PostgreSQL server of the run, or undefined for SQLite. */
export const postgresBase = isPostgresUrl(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;

/** The production build the Playwright web server uses (built before the tests). */
export const buildDir = process.env.BIWAQ_BUILD_DIR ?? "build";

/**
 * A database name of this test, unique per process; `biwaq_test_` so that CI removes a crash's leftovers.
 */
export function databaseName(label: string): string {
  return `biwaq_test_res_${label}_${process.pid}`;
}

/** A free port above the e2e server's, apart per worker so parallel workers do not race for one. */
export function serverPort(testInfo: TestInfo, offset = 0): Promise<number> {
  return freePort(Number(process.env.E2E_PORT ?? 3301) + 1 + testInfo.parallelIndex * 8 + offset);
}
