import { parseArgs } from "node:util";
import { backupDatabase } from "~/modules/maintenance/backup.server";
import { CliError } from "../errors";

export const backupUsage = "biwaq backup --out F   consistent copy of the database while the server runs";

export async function backupCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: "string" } }, strict: true });
  if (!values.out) throw new CliError(`--out is required\nusage: ${backupUsage}`, 2);
  const result = await backupDatabase(process.env.DATABASE_URL, values.out);
  const size = (result.bytes / 1024 / 1024).toFixed(1);
  console.log(`backup written: ${result.file} (${size} MiB, ${result.provider}${result.integrity === "ok" ? ", integrity check ok" : ""})`);
}
