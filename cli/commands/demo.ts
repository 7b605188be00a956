// `biwaq demo seed [--if-empty]`: loads the demo data set (idempotent). --if-empty does nothing when
// any user exists, so the server can call it on every start with BIWAQ_DEMO=1.
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, seedDemoData } from "~/modules/demo/seed.server";
import { openDatabase } from "../connection";
import { CliError } from "../errors";

export const demoUsage = "biwaq demo seed [--if-empty]   load the demo data set (idempotent); --if-empty: only into a database without users";

export async function demoCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
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
