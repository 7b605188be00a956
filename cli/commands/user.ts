// `biwaq user create --email E --name N --role R [--password P] [--project CODE]` (data contract
// section 3). Calls the same user service as the admin screen; bad input writes nothing.
import { parseArgs } from "node:util";
import { listProjectOptions } from "~/modules/projects/admin.server";
import { createUser, setProjectRole } from "~/modules/users/service.server";
import { PROJECT_ROLES, isProjectRole } from "~/utils/permissions";
import { openDatabase } from "../connection";
import { CliError } from "../errors";
import { withValidation } from "../validation";

export const USER_ROLES = ["admin", ...PROJECT_ROLES] as const;

export const userUsage = [
  "biwaq user create --email E --name N --role R [--password P] [--project CODE]",
  `    R: ${USER_ROLES.join(", ")}; without --password a one-time password is generated and shown once;`,
  "    --project CODE gives a project role in that project",
].join("\n");

const OPTION_NAMES = { email: "--email", name: "--name", password: "--password", role: "--role", projectId: "--project" };

function usageError(message: string): never {
  throw new CliError(`${message}\nusage: ${userUsage}`, 2);
}

export async function userCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "create") usageError(`unknown user command: ${sub ?? "(none)"}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      project: { type: "string" },
    },
    strict: true,
  });
  for (const option of ["email", "name", "role"] as const) if (!values[option]?.trim()) usageError(`--${option} is required`);
  const role = values.role!.trim().toLowerCase();
  if (role !== "admin" && !isProjectRole(role)) usageError(`unknown role "${values.role}" (use one of: ${USER_ROLES.join(", ")})`);
  if (role === "admin" && values.project !== undefined) usageError("--project does not apply to the role admin (admins may do everything in every project)");

  await openDatabase();

  // why: the project is looked up before anything is written, so an unknown code leaves no user behind.
  let project: { id: string; code: string; title: string } | undefined;
  if (values.project !== undefined) {
    const code = values.project.trim().toUpperCase();
    project = (await listProjectOptions()).find((p) => p.code === code);
    if (!project) throw new CliError(`unknown project: ${values.project} (nothing was written)`);
  }

  const { user, generatedPassword } = await withValidation(
    () => createUser({ email: values.email!, name: values.name!, password: values.password, isAdmin: role === "admin" }, null),
    OPTION_NAMES,
  );
  if (project && isProjectRole(role)) {
    await withValidation(() => setProjectRole({ userId: user.id, projectId: project.id, role }, null), OPTION_NAMES);
  }

  console.log(`created user ${user.email} (${user.name})${user.isAdmin ? ", admin" : ""}`);
  if (project) console.log(`role: ${role} in project ${project.code} (${project.title})`);
  else if (role !== "admin") {
    console.log(`no project yet: the role ${role} applies once the user is a member of a project.`);
    console.log(`  add the membership in the web app (Verwaltung → Benutzer, as an admin), or create the user with --project CODE`);
  }
  if (generatedPassword) console.log(`one-time password: ${generatedPassword}   (shown only now; it must be changed at the first login)`);
}
