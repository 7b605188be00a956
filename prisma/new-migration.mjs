#!/usr/bin/env node
// Creates a migration for BOTH providers from the change to prisma/models.prisma:
//   npm run db:migration -- add_something
// It diffs prisma/migrations-snapshot.prisma (the models as of the latest migration) against
// prisma/models.prisma with `prisma migrate diff --from-schema-datamodel … --to-schema-datamodel …`,
// which needs no database. why: `migrate dev` on Prisma 6.19.3's JS engine needs a shadow database
// and still fails on PostgreSQL after writing the file ("null pointer passed to rust"); the
// datamodel diff is exact and offline (docs/decisions/002-prisma-6-19-two-schemas.md).
// tests: prisma/migrations.test.ts fails when models.prisma changed without a migration.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROVIDERS, schemaFor } from "./build-schemas.mjs";

const prismaDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(prismaDir, "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const scratch = mkdtempSync(path.join(tmpdir(), "biwaq-migration-"));
let created = 0;
try {
  for (const provider of Object.keys(PROVIDERS)) {
    const from = path.join(scratch, `${provider}-from.prisma`);
    const to = path.join(scratch, `${provider}-to.prisma`);
    writeFileSync(from, schemaFor(provider, readFileSync(path.join(prismaDir, "migrations-snapshot.prisma"), "utf8")));
    writeFileSync(to, schemaFor(provider, readFileSync(path.join(prismaDir, "models.prisma"), "utf8")));
    const result = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
      // why: the CLI loads prisma.config.ts; a matching DATABASE_URL makes it pick this provider's adapter.
      { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: provider === "postgresql" ? "postgresql://postgres@127.0.0.1:5432/postgres" : `file:${path.join(scratch, "unused.db")}` } },
    );
    if (result.status !== 0) throw new Error(`migrate diff failed for ${provider}:\n${result.stdout}\n${result.stderr}`);
    const sql = result.stdout.trim();
    if (!sql || /^-- This is an empty migration/.test(sql)) continue;
    const dir = path.join(prismaDir, provider, "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
    console.log(`created ${path.relative(root, dir)}/migration.sql`);
    created++;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (created) copyFileSync(path.join(prismaDir, "models.prisma"), path.join(prismaDir, "migrations-snapshot.prisma"));
else console.log("models.prisma has no changes since the latest migration");
