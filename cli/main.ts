// `biwaq` command line: the same services as the web app, no second data layer.
// Each command prints a clear error and exits non-zero on bad input; nothing is half-written.
import { CliError } from "./errors";
interface CommandModule {
  run: (args: string[]) => Promise<void>;
  usage: string;
}

// why: commands load on demand, so `biwaq db migrate` does not pay for exceljs/pdfkit at start-up.
const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  db: { summary: "db migrate                  create the database if needed and apply all migrations", load: async () => { const m = await import("./commands/db"); return { run: m.dbCommand, usage: m.dbUsage }; } },
  user: { summary: "user create …               create a login with a role", load: async () => { const m = await import("./commands/user"); return { run: m.userCommand, usage: m.userUsage }; } },
  project: { summary: "project create …            create a project", load: async () => { const m = await import("./commands/project"); return { run: m.projectCommand, usage: m.projectUsage }; } },
  import: { summary: "import participants …       import a participant CSV/XLSX file", load: async () => { const m = await import("./commands/import"); return { run: m.importCommand, usage: m.importUsage }; } },
  report: { summary: "report esf …                ESF Plus indicator report (json, csv, xlsx)", load: async () => { const m = await import("./commands/report"); return { run: m.reportCommand, usage: m.reportUsage }; } },
  gdpr: { summary: "gdpr anonymise …            anonymise identities whose retention period is over", load: async () => { const m = await import("./commands/gdpr"); return { run: m.gdprCommand, usage: m.gdprUsage }; } },
  demo: { summary: "demo seed | generate …      load the demo data set (idempotent), or a large one for load tests", load: async () => { const m = await import("./commands/demo"); return { run: m.demoCommand, usage: m.demoUsage }; } },
  backup: { summary: "backup --out F              consistent copy of the database while the server runs", load: async () => { const m = await import("./commands/backup"); return { run: m.backupCommand, usage: m.backupUsage }; } },
};

function usage(): string {
  return ["usage: biwaq <command> (biwaq <command> --help for details)", ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new CliError(`unknown command: ${name}\n${usage()}`, 2);
    const module = await command.load();
    if (args.includes("--help") || args.includes("-h")) {
      console.log(`usage: ${module.usage}`);
      return 0;
    }
    await module.run(args);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`error: ${error.message}`);
      return error.exitCode;
    }
    // parseArgs and zod errors are input errors too: show the message, not a stack.
    const code = (error as { code?: string })?.code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      console.error(`error: ${(error as Error).message}`);
      return 2;
    }
    console.error(`error: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  } finally {
    const { getDbHandle } = await import("~/utils/db.server");
    const handle = (globalThis as { __biwaqDb?: unknown }).__biwaqDb ? getDbHandle() : null;
    await handle?.db.$disconnect();
  }
}
