// `biwaq gdpr anonymise [--dry-run]`: anonymises the identities of projects whose retention period
// (final statement date + retention years) is over. Prints one line per project and a total.
import { parseArgs } from "node:util";
import { anonymiseIdentities } from "~/modules/participants/gdpr.server";
import { CliError } from "../errors";

export const gdprUsage =
  "biwaq gdpr anonymise [--dry-run]   anonymise identities whose project retention period is over (--dry-run: only count)";

export async function gdprCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "anonymise" && sub !== "anonymize") throw new CliError(`unknown gdpr command: ${sub ?? "(none)"}\nusage: ${gdprUsage}`, 2);
  const { values } = parseArgs({ args: rest, options: { "dry-run": { type: "boolean", default: false } }, strict: true });
  const dryRun = values["dry-run"];
  const result = await anonymiseIdentities({ dryRun }, null);
  const verb = dryRun ? "would anonymise" : "anonymised";
  for (const project of result.projects) console.log(`${project.code}: ${verb} ${project.count} identities`);
  console.log(result.projects.length === 0 ? "no identities are due for anonymisation" : `total: ${verb} ${result.total} identities`);
}
