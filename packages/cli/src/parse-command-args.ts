import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command line that does not fit the command's options. Exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses one subcommand's arguments with `util.parseArgs`, turning its parse errors into
 * `UsageError`. Strict mode, the `parseArgs` default, rejects unknown options.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
    throw new UsageError(`ids-auth ${command}: ${sentence} Run "ids-auth ${command} --help".`);
  }
}
