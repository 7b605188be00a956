// `biwaq import participants --project C --file F [--strict]` (data contract sections 1 and 3).
// stdout: the summary line, then one line per rejected row; warnings go to stderr.
// Exit codes: 0 when the import ran (also with rejected rows unless --strict), 1 when the file is
// unreadable, the project unknown, or --strict met a rejected row (then nothing is written), 2 on usage errors.
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ImportFileError, parseParticipantFile } from "~/modules/participants/import-parser";
import {
  applyImport,
  fileType,
  ImportConflictError,
  MAX_IMPORT_FILE_BYTES,
  planImport,
  projectIdByCode,
  summaryLine,
  UnknownProjectError,
} from "~/modules/participants/import.server";
import { PeriodLockedError } from "~/modules/periods/lock.server";
import { CliError } from "../errors";
import { describeValidationError } from "../validation";

export const importUsage =
  "biwaq import participants --project C --file F [--strict]   import a participant file (CSV or XLSX); --strict writes nothing when a row is rejected";

async function readImportFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(`cannot read ${file}: not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  if (size > MAX_IMPORT_FILE_BYTES) {
    throw new CliError(`${file} is too large (${(size / 1024 / 1024).toFixed(1)} MB); the limit is ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`);
  }
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function importCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "participants") throw new CliError(`unknown import command: ${sub ?? "(none)"}\nusage: ${importUsage}`, 2);
  const { values } = parseArgs({
    args: rest,
    options: { project: { type: "string" }, file: { type: "string" }, strict: { type: "boolean", default: false } },
    strict: true,
  });
  if (!values.project) throw new CliError(`--project is required\nusage: ${importUsage}`, 2);
  if (!values.file) throw new CliError(`--file is required\nusage: ${importUsage}`, 2);

  let projectId: string;
  try {
    projectId = await projectIdByCode(values.project);
  } catch (error) {
    if (error instanceof UnknownProjectError) throw new CliError(error.message);
    throw error;
  }
  const data = await readImportFile(values.file);

  let parsed;
  try {
    parsed = await parseParticipantFile(data, values.file);
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw new CliError([`cannot import ${values.file}: ${error.message}`, ...(error.details ?? []).map((d) => `  ${d}`)].join("\n"));
    }
    throw error;
  }
  for (const warning of parsed.warnings) console.error(`warning: ${warning}`);

  const plan = await planImport(projectId, parsed);
  let result;
  try {
    result = await applyImport(projectId, plan, null, { strict: values.strict, source: fileType(values.file) });
  } catch (error) {
    if (error instanceof ImportConflictError) throw new CliError(error.message);
    if (error instanceof PeriodLockedError) throw new CliError(describeValidationError(error));
    throw error;
  }
  console.log(summaryLine(result.counts));
  for (const issue of result.rejected) console.log(issue.message);
  if (!result.applied) {
    throw new CliError(`--strict: ${result.counts.rejected} row(s) rejected, nothing was written`);
  }
}
