/** One CLI command: a module in src/cli/commands/ exporting this shape as default. */
export interface Command {
  name: string;
  /** one line for `lever-lab --help` */
  summary: string;
  /** full usage text for `lever-lab <name> --help` */
  usage: string;
  /** returns the process exit code: 0 ok, 1 failure, 2 bad input */
  run(args: string[]): Promise<number>;
}

/** A user error: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
