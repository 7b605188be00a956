#!/usr/bin/env node
// Writes the two provider schemas from prisma/models.prisma and (with --generate) generates
// both Prisma clients. why: Prisma 6 cannot read the provider from the environment, so we keep
// one source of models and two complete schema files (docs/decisions/002-prisma-6-19-two-schemas.md).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

const prismaDir = dirname(fileURLToPath(import.meta.url));
const models = readFileSync(join(prismaDir, "models.prisma"), "utf8");

// why: the CLI parses the schema to decide what to download; the datasource needs a literal url
// (an unset env() makes it fall back to downloading the query engine). The url is ignored: the
// driver adapter from prisma.config.ts is what connects.
export const PROVIDERS = {
  sqlite: { provider: "sqlite", url: "file:./unused.db" },
  postgresql: { provider: "postgresql", url: "postgresql://unused@localhost:5432/unused" },
};

/** The complete schema file for one provider: generator + datasource header, then the models. */
export function schemaFor(name, modelsText) {
  const { provider, url } = PROVIDERS[name];
  return `// GENERATED from prisma/models.prisma by prisma/build-schemas.mjs. Do not edit.

generator client {
  provider   = "prisma-client-js"
  output     = "../generated/${name}"
  engineType = "client"
}

datasource db {
  provider = "${provider}"
  url      = "${url}"
}

` + modelsText;
}

for (const name of Object.keys(PROVIDERS)) {
  mkdirSync(join(prismaDir, name), { recursive: true });
  writeFileSync(join(prismaDir, name, "schema.prisma"), schemaFor(name, models));
}

if (process.argv.includes("--generate")) {
  for (const name of Object.keys(PROVIDERS)) {
    const result = spawnSync(
      process.execPath,
      [join(prismaDir, "..", "node_modules", "prisma", "build", "index.js"), "generate", "--no-hints", "--schema", join(prismaDir, name, "schema.prisma")],
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
    );
    if (result.status !== 0) {
      process.stdout.write(result.stdout);
      process.exit(result.status ?? 1);
    }
  }
  console.log("prisma: generated clients for sqlite and postgresql");
}
