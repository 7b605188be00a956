#!/usr/bin/env node
// The server of a Playwright run (playwright.config.ts webServer runs `npm run build && node
// scripts/e2e-server.mjs`). It starts from an empty database — a fresh SQLite file, or the
// PostgreSQL database named in BIWAQ_E2E_DATABASE_URL dropped first — runs `node server/index.js`
// (which migrates and, with BIWAQ_DEMO=1, seeds the demo data), and removes the database again when
// Playwright stops it (SIGTERM) or the server exits.
// why a wrapper and not a globalSetup: Playwright starts webServer BEFORE globalSetup, so a
// globalSetup that dropped the database would pull it from under the running server.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const url = process.env.BIWAQ_E2E_DATABASE_URL;
if (!url) {
  console.error("e2e-server: BIWAQ_E2E_DATABASE_URL is not set (start it through playwright.config.ts)");
  process.exit(2);
}
const isPostgres = /^postgres(ql)?:\/\//i.test(url);
const keep = process.env.BIWAQ_E2E_KEEP_DB === "1";

async function dropDatabase() {
  if (!isPostgres) {
    const file = url.replace(/^file:/, "");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    return;
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

await dropDatabase();
console.log(`e2e-server: fresh ${isPostgres ? "PostgreSQL" : "SQLite"} database ${isPostgres ? new URL(url).pathname.slice(1) : url}`);

const server = spawn(process.execPath, [path.join(root, "server", "index.js")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url },
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  // The server usually got the signal too (same process group); sending it again is harmless.
  if (server.exitCode === null) server.kill(signal);
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

server.on("exit", async (code, signal) => {
  let exitCode = code ?? (signal ? 0 : 1);
  if (!stopping && code !== 0) console.error(`e2e-server: the server exited early (${signal ?? code})`);
  if (!keep) {
    try {
      await dropDatabase();
    } catch (error) {
      console.error(`e2e-server: could not remove the test database: ${error.message}`);
      exitCode ||= 1;
    }
  }
  process.exit(stopping ? 0 : exitCode);
});
