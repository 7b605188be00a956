// `biwaq demo seed [--if-empty]`: loads the demo data set (idempotent). --if-empty does nothing when
// any user exists, so the server can call it on every start with BIWAQ_DEMO=1.
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, seedDemoData } from "~/modules/demo/seed.server";
import { generateLargeDataSet } from "~/modules/demo/large.server";
import { openDatabase } from "../connection";
import { CliError } from "../errors";

export const demoUsage = [
  "biwaq demo seed [--if-empty]   load the demo data set (idempotent); --if-empty: only into a database without users",
  "       biwaq demo generate --participants N [--projects P] [--businesses B] [--activities A] [--attendance T] [--seed S]",
  "                                 a large data set for load tests (defaults: B = N/10, A = 4N, T = 40N, P = N/5000)",
].join("\n");

export async function demoCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === "generate") return generateCommand(rest);
  if (sub !== "seed") throw new CliError(`unknown demo command: ${sub ?? "(none)"}\nusage: ${demoUsage}`, 2);
  const { values } = parseArgs({ args: rest, options: { "if-empty": { type: "boolean", default: false } }, strict: true });

  await openDatabase();
  const started = Date.now();
  const result = await seedDemoData({ ifEmpty: values["if-empty"] });
  if (result.status === "skipped") {
    console.log("demo seed skipped: the database already has users (--if-empty)");
    return;
  }
  if (result.status === "unchanged") {
    console.log("demo data already present: nothing changed");
  } else {
    if (result.actionFieldsCreated || result.areasCreated) {
      console.log(`created ${result.actionFieldsCreated} action fields and ${result.areasCreated} programme areas`);
    }
    if (result.usersCreated.length) console.log(`created ${result.usersCreated.length} users`);
    for (const p of result.projectsCreated) {
      console.log(
        `created project ${p.code}: ${p.participants} participants, ${p.activities} activities (${p.attendances} attendance records), ` +
          `${p.organisations} organisations (${p.supports} supports), ${p.milestones} milestones, ${p.targets} targets, ` +
          `${p.budgetLines} budget lines, ${p.expenses} expenses, ${p.paymentClaims} payment claims`,
      );
    }
    if (result.projectsPresent.length) console.log(`already present, left unchanged: ${result.projectsPresent.join(", ")}`);
    if (result.membershipsCreated) console.log(`created ${result.membershipsCreated} project memberships`);
    console.log(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\ndemo logins (password: ${DEMO_PASSWORD}):`);
  for (const login of result.logins) {
    const where = login.role === "admin" ? "all projects" : login.projects.join(", ");
    console.log(`  ${login.role.padEnd(12)} ${login.email.padEnd(28)} ${login.name} – ${where}`);
  }
}

/** A size option: a whole number ≥ min, or undefined when not given. */
function size(values: Record<string, string | boolean | undefined>, name: string, min: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(String(raw).replace(/[_.,]/g, ""));
  if (!Number.isInteger(value) || value < min) throw new CliError(`--${name} must be a whole number of at least ${min}, got "${raw}"`, 2);
  return value;
}

/** `biwaq demo generate`: writes the large data set and prints what it wrote, how long it took and the logins. */
async function generateCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      participants: { type: "string" },
      projects: { type: "string" },
      businesses: { type: "string" },
      activities: { type: "string" },
      attendance: { type: "string" },
      seed: { type: "string" },
    },
    strict: true,
  });
  const participants = size(values, "participants", 1);
  if (participants === undefined) throw new CliError(`--participants is required\nusage: ${demoUsage}`, 2);
  const options = {
    participants,
    projects: size(values, "projects", 1),
    businesses: size(values, "businesses", 0),
    activities: size(values, "activities", 0),
    attendance: size(values, "attendance", 0),
    seed: size(values, "seed", 0),
  };
  await openDatabase();
  let result;
  try {
    result = await generateLargeDataSet({ ...options, log: (line) => console.log(line) });
  } catch (error) {
    if (error instanceof Error && /exists already/.test(error.message)) throw new CliError(error.message, 1);
    throw error;
  }
  const c = result.counts;
  const n = (value: number) => value.toLocaleString("en");
  console.log(
    `generated ${result.projects.length} projects (seed ${result.sizes.seed}): ${n(c.participants)} participants, ${n(c.organisations)} organisations ` +
      `(${n(c.supports)} supports), ${n(c.activities)} activities in ${n(c.series)} course series, ${n(c.attendance)} attendance rows, ` +
      `${n(c.milestones)} milestones, ${n(c.targets)} targets, ${n(c.expenses)} expenses in ${result.seconds.toFixed(1)} s`,
  );
  console.log("\nlogins (members of every generated project):");
  for (const login of result.logins) console.log(`  ${login.role.padEnd(12)} ${login.email.padEnd(30)} ${login.password ? `password: ${login.password}` : "(existing account, password unchanged)"}`);
}
