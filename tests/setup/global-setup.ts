// Vitest global setup: migrates one template database per run (SQLite file or PostgreSQL database,
// following DATABASE_URL) and hands its URL to the workers.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { databaseProvider } from "~/utils/database-url";
import { runMigrations } from "~/utils/migrate.server";
import { dropPostgresDatabase, TMP_DIR, withDatabaseName } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    runId: string;
  }
}

export default async function globalSetup(project: TestProject) {
  const runId = `${process.pid}`;
  const base = process.env.DATABASE_URL;
  let templateUrl: string;
  if (base && databaseProvider(base) === "postgresql") {
    templateUrl = withDatabaseName(base, `biwaq_test_${runId}_tpl`);
    await dropPostgresDatabase(base, `biwaq_test_${runId}_tpl`);
  } else {
    mkdirSync(TMP_DIR, { recursive: true });
    const file = path.join(TMP_DIR, `template-${runId}.db`);
    rmSync(file, { force: true });
    templateUrl = `file:${file}`;
  }
  await runMigrations(templateUrl, { quiet: true });
  project.provide("templateDatabaseUrl", templateUrl);
  project.provide("runId", runId);
  return async () => {
    if (databaseProvider(templateUrl) === "postgresql") await dropPostgresDatabase(base!, `biwaq_test_${runId}_tpl`);
    else rmSync(templateUrl.replace(/^file:/, ""), { force: true });
  };
}
