import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import { UsageError } from './parse-command-args.js';
import { ScanPathError } from './scan/find-source-files.js';
import { runScan } from './scan-command.js';

type Command = (args: readonly string[], io: CommandIo) => Promise<ExitCode>;

const COMMANDS: Readonly<Record<string, Command>> = {
  scan: runScan,
};

/** Help text of `ids-auth` without a command. */
export const MAIN_HELP = `Usage: ids-auth <command> [options]

Commands:
  scan [paths]   List x-instauth headers and hand-built logins to migrate

Run "ids-auth <command> --help" for the options of one command.
`;

/**
 * Runs the `ids-auth` command line (arguments without `node` and the script) and returns the
 * exit code. Usage errors print one line on stderr and return 2.
 * @example
 * process.exitCode = await main(process.argv.slice(2), processIo());
 */
export async function main(args: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }

  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`ids-auth: unknown command "${name}". Run "ids-auth --help" for the list.\n`);
    return ExitCode.USAGE;
  }

  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScanPathError) {
      io.stderr(`${error.message}\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}
