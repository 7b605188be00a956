// Runs the `biwaq` command against the test server's database (e.g. to create a user that only one
// test uses, so its state — failed logins, language — cannot disturb other tests).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { e2eDatabaseUrl, ROOT } from "./run-env";

export function biwaq(args: string[]): string {
  // No retry: on SQLite the CLI's transactions take the write lock at BEGIN and wait for the server's
  // (app/utils/db.server.ts), so a write beside the running server does not fail with "database is locked".
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "biwaq.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`biwaq ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export interface TestUser {
  email: string;
  name: string;
  password: string;
}

/** Creates a fresh user (no project memberships) through `biwaq user create`. */
export function createTestUser(label: string, role = "lead"): TestUser {
  const suffix = randomBytes(4).toString("hex");
  const user = { email: `${label}-${suffix}@e2e.biwaq.test`, name: `E2E ${label} ${suffix}`, password: `e2e-pass-${randomBytes(6).toString("hex")}` };
  biwaq(["user", "create", "--email", user.email, "--name", user.name, "--role", role, "--password", user.password]);
  return user;
}
