// Environment, validated once. Unknown or malformed values stop the server with a clear message.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_SQLITE_FILE } from "./database-url";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : ["1", "true", "yes"].includes(value)));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  /** Comma-separated list; the first signs new cookies, all verify (rotation). */
  SESSION_SECRET: z.string().optional(),
  BIWAQ_COOKIE_SECURE: booleanFlag,
  BIWAQ_DEMO: booleanFlag,
  BIWAQ_DATA_DIR: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema> & { sessionSecrets: string[]; cookieSecure: boolean; dataDir: string };

let cached: Env | undefined;

/** Reads a secret from the environment, or creates one once in the data folder (0600). */
function loadSessionSecrets(raw: string | undefined, dataDir: string): string[] {
  const fromEnv = (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (fromEnv.length) {
    if (fromEnv.some((s) => s.length < 32)) throw new Error("SESSION_SECRET: every secret must be at least 32 characters long");
    return fromEnv;
  }
  const file = path.join(dataDir, ".session-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  return [readFileSync(file, "utf8").trim()];
}

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.BIWAQ_DATA_DIR ?? path.dirname(DEFAULT_SQLITE_FILE));
  cached = {
    ...env,
    dataDir,
    sessionSecrets: loadSessionSecrets(env.SESSION_SECRET, dataDir),
    cookieSecure: env.BIWAQ_COOKIE_SECURE ?? env.NODE_ENV === "production",
  };
  return cached;
}
