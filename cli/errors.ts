/** A user-facing CLI failure: printed as "error: <message>", exit code 1 (usage errors: 2). */
export class CliError extends Error {
  constructor(message: string, public readonly exitCode = 1) {
    super(message);
  }
}
