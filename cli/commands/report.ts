// `biwaq report esf`: the ESF indicator report (data contract, sections 2 and 3) from the same service as
// the web page. JSON goes to stdout unless --out is given; status and warnings go to stderr, so stdout can
// be piped into a JSON parser.
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { exportEsfReport, findReportProjectByCode, resolveReportRange } from "~/modules/reports/esf.server";
import { ESF_EXPORT_FORMATS, type EsfExportFormat } from "~/modules/reports/schema";
import { parseDate } from "~/utils/format";
import { ValidationError } from "~/utils/validation";
import { CliError } from "../errors";

export const reportUsage = [
  "biwaq report esf --project C [--from D] [--to D] [--format json|csv|xlsx|pdf] [--out F] [--locale de|en]",
  "    ESF indicator report; dates YYYY-MM-DD or DD.MM.YYYY (default: the project's whole duration);",
  "    json to stdout by default; xlsx and pdf need --out",
].join("\n");


function usageError(message: string): never {
  throw new CliError(`${message}\nusage: ${reportUsage}`, 2);
}

function dateOption(name: string, value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = parseDate(value);
  if (!date) usageError(`--${name} "${value}" is not a valid date (use YYYY-MM-DD or DD.MM.YYYY)`);
  return date;
}

/** Writes the file completely or not at all: a temporary file next to it, then an atomic rename. */
function writeFileAtomically(file: string, content: string | Buffer): void {
  const target = path.resolve(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`, 1);
  }
}

export async function reportCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "esf") usageError(`unknown report: ${sub ?? "(none)"}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      project: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      format: { type: "string", default: "json" },
      out: { type: "string" },
      locale: { type: "string", default: "de" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.project) usageError("--project is required");
  const format = values.format as EsfExportFormat;
  if (!ESF_EXPORT_FORMATS.includes(format)) usageError(`unknown --format "${values.format}" (json, csv, xlsx or pdf)`);
  const locale = values.locale;
  if (locale !== "de" && locale !== "en") usageError(`unknown --locale "${locale}" (de or en)`);
  if ((format === "xlsx" || format === "pdf") && !values.out) usageError(`--format ${format} writes a binary file: give --out FILE`);
  const from = dateOption("from", values.from);
  const to = dateOption("to", values.to);

  const project = await findReportProjectByCode(values.project);
  if (!project) throw new CliError(`unknown project: ${values.project}`, 1);
  try {
    resolveReportRange(project, { from, to });
  } catch (error) {
    if (error instanceof ValidationError) {
      const day = (date: Date) => date.toISOString().slice(0, 10);
      usageError(`the period starts after it ends: from ${day(from ?? project.startDate)} to ${day(to ?? project.endDate)} (a missing bound is the project's start or end)`);
    }
    throw error;
  }

  const { body, result } = await exportEsfReport(project.id, { from, to }, format, { actorId: null, locale, source: "cli" });
  if (values.out) writeFileAtomically(values.out, body);
  else process.stdout.write(body);

  // why: a violation is shown, never hidden — on stderr, so a piped JSON stays parseable.
  for (const violation of result.violations) console.error(`warning: ${violation.message}`);
  if (values.out) console.error(`ESF report ${result.report.project} ${result.report.from}..${result.report.to} written to ${values.out} (${format})`);
}
