// Runs before every test file: gives the file its own database copied from the migrated template and
// points DATABASE_URL (and so the app's `db` client) at it.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabaseFromTemplate } from "./test-database";

const label = `biwaq_test_${inject("runId")}_${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(3).toString("hex")}`;
const database = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), label);
process.env.DATABASE_URL = database.url;
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123456789";

afterAll(async () => {
  const handle = (globalThis as { __biwaqDb?: { db: { $disconnect(): Promise<void> } } }).__biwaqDb;
  await handle?.db.$disconnect();
  delete (globalThis as { __biwaqDb?: unknown }).__biwaqDb;
  await database.dispose();
});
