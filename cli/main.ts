// `biwaq` command line: the same services as the web app, no second data layer.
// Each command prints a clear error and exits non-zero on bad input; nothing is half-written.
import { CliError } from "./errors";
import { dbCommand, dbUsage } from "./commands/db";

type Command = { run: (args: string[]) => Promise<void>; usage: string };

const COMMANDS: Record<string, Command> = {
  db: { run: dbCommand, usage: dbUsage },
};

function usage(): string {
  return ["usage:", ...Object.values(COMMANDS).map((c) => `  ${c.usage.split("\n").join("\n  ")}`)].join("\n");
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
    await command.run(args);
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
