// `biwaq project create --code C --name N --start D --end D [--areas "A;B"] [--action-fields "HF1;HF2"]`
// (data contract section 3). Calls the same project service as the admin screen, so each action field
// comes with the default activity-type catalogue; bad input writes nothing.
import { parseArgs } from "node:util";
import { createProject } from "~/modules/projects/admin.server";
import { isoDate, parseDate } from "~/utils/format";
import { openDatabase } from "../connection";
import { CliError } from "../errors";
import { withValidation } from "../validation";

export const projectUsage = [
  'biwaq project create --code C --name N --start D --end D [--areas "A;B"] [--action-fields "HF1;HF2"]',
  "    dates YYYY-MM-DD or DD.MM.YYYY; areas are matched by name, unknown names become new areas to complete in the web app;",
  "    action fields are existing codes, each gets the default activity-type catalogue",
].join("\n");

const OPTION_NAMES = { code: "--code", title: "--name", startDate: "--start", endDate: "--end", areaNames: "--areas", actionFieldCodes: "--action-fields" };

function usageError(message: string): never {
  throw new CliError(`${message}\nusage: ${projectUsage}`, 2);
}

function dateOption(name: "start" | "end", value: string): Date {
  const date = parseDate(value);
  if (!date) usageError(`--${name} "${value}" is not a valid date (use YYYY-MM-DD or DD.MM.YYYY)`);
  return date;
}

export async function projectCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "create") usageError(`unknown project command: ${sub ?? "(none)"}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      code: { type: "string" },
      name: { type: "string" },
      start: { type: "string" },
      end: { type: "string" },
      areas: { type: "string" },
      "action-fields": { type: "string" },
    },
    strict: true,
  });
  for (const option of ["code", "name", "start", "end"] as const) if (!values[option]?.trim()) usageError(`--${option} is required`);
  const startDate = dateOption("start", values.start!);
  const endDate = dateOption("end", values.end!);
  if (endDate < startDate) usageError(`--end ${isoDate(endDate)} is before --start ${isoDate(startDate)}`);
  const areaNames = (values.areas ?? "").split(";").map((name) => name.trim()).filter(Boolean);
  const actionFieldCodes = (values["action-fields"] ?? "").split(";").map((code) => code.trim().toUpperCase()).filter(Boolean);

  await openDatabase();
  const project = await withValidation(
    () => createProject({ code: values.code!, title: values.name!, startDate, endDate, areaNames, actionFieldCodes }, null),
    OPTION_NAMES,
  );
  console.log(`created project ${project.code} (${values.name!.trim()}), ${isoDate(startDate)} to ${isoDate(endDate)}`);
  if (areaNames.length) console.log(`areas: ${areaNames.join("; ")}`);
  if (actionFieldCodes.length) console.log(`action fields: ${actionFieldCodes.join("; ")}, each with the default activity-type catalogue`);
}
