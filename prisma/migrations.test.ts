// Migrations on the provider of this run (SQLite by default, PostgreSQL in CI's second pass):
// `prisma migrate deploy` through prisma.config.ts + prisma/cli-workarounds.ts must work on a fresh
// database and be idempotent. An upgrade of Prisma that breaks the JS engine path fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "~/utils/db.server";
import { databaseProvider } from "~/utils/database-url";
import { runMigrations } from "~/utils/migrate.server";
import { createDatabaseFromTemplate } from "../tests/setup/test-database";

const prismaDir = path.resolve("prisma");

describe("migrations", () => {
  it("models.prisma has no change without a migration (npm run db:migration -- <name>)", () => {
    expect(readFileSync(path.join(prismaDir, "models.prisma"), "utf8")).toBe(
      readFileSync(path.join(prismaDir, "migrations-snapshot.prisma"), "utf8"),
    );
  });

  it("both providers have the same migrations", () => {
    const list = (provider: string) =>
      readdirSync(path.join(prismaDir, provider, "migrations")).filter((entry) => /^\d{14}_/.test(entry)).sort();
    expect(list("sqlite")).toEqual(list("postgresql"));
    expect(list("sqlite").length).toBeGreaterThan(0);
  });

  it("migrate deploy builds a fresh database and a second run changes nothing", async () => {
    // An empty database: start from the template's provider but without tables.
    const template = inject("templateDatabaseUrl");
    const provider = databaseProvider(template);
    const scratch = await createDatabaseFromTemplate(template, `migrate_${process.pid}_${Date.now()}`);
    let handle = createDb(scratch.url);
    try {
      // Drop everything the template had, so deploy starts from nothing.
      if (provider === "postgresql") {
        await handle.db.$executeRawUnsafe('DROP SCHEMA public CASCADE');
        await handle.db.$executeRawUnsafe('CREATE SCHEMA public');
      } else {
        // sqlite_stat* hold planner statistics (PRAGMA optimize); they count as "not empty" for deploy.
        const tables = await handle.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND (name NOT LIKE 'sqlite_%' OR name LIKE 'sqlite_stat%')");
        await handle.db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
        for (const { name } of tables) await handle.db.$executeRawUnsafe(`DROP TABLE "${name}"`);
      }
      // why: the CLI runs in its own process; an open connection of ours would only compete for the lock.
      await handle.db.$disconnect();
      await runMigrations(scratch.url, { quiet: true });
      await runMigrations(scratch.url, { quiet: true });
      handle = createDb(scratch.url);
      const applied = await handle.db.$queryRawUnsafe<{ n: number | bigint }[]>('SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL');
      const folders = readdirSync(path.join(prismaDir, provider, "migrations")).filter((entry) => /^\d{14}_/.test(entry));
      expect(Number(applied[0].n)).toBe(folders.length);
      // The schema is usable through the generated client.
      const user = await handle.db.user.create({ data: { email: "migrate@example.org", name: "M", passwordHash: "x" } });
      expect(user.isAdmin).toBe(false);
    } finally {
      await handle.db.$disconnect();
      await scratch.dispose();
    }
  }, 120_000);
});
