import { parseArgs } from "node:util";
import { runMigrations } from "~/utils/migrate.server";
import { CliError } from "../errors";

export const dbUsage = "biwaq db migrate [--quiet]   create the database if needed and apply all migrations";

export async function dbCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "migrate") throw new CliError(`unknown db command: ${sub ?? "(none)"}\nusage: ${dbUsage}`, 2);
  const { values } = parseArgs({ args: rest, options: { quiet: { type: "boolean", default: false } }, strict: true });
  await runMigrations(process.env.DATABASE_URL, { quiet: values.quiet });
  if (!values.quiet) console.log("database is up to date");
}
