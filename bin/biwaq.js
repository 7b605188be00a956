#!/usr/bin/env node
// The `biwaq` command. Runs the TypeScript CLI through tsx so it shares the app's services.
import { register } from "tsx/esm/api";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// why: beside a busy server, SQLite hands the write lock to whoever polls at the right moment; an
// operator's command may wait longer for it than a web request (app/utils/db.server.ts).
process.env.BIWAQ_SQLITE_BUSY_TIMEOUT_MS ??= "30000";
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "cli", "main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
