import { createRequire } from 'node:module';
import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import { UsageError } from './parse-command-args.js';
import { ScanPathError } from './scan/find-source-files.js';

/** Options of `main()` for programs that embed the CLI, such as tests. */
export interface MainOptions {
  /**
   * Stops long-running commands (`emulator`) when aborted.
   * @default SIGINT or SIGTERM of this process
   */
  stopSignal?: AbortSignal;
}

type Command = (args: readonly string[], io: CommandIo, options: MainOptions) => Promise<ExitCode>;

// Commands load on first use: `scan` pulls in the TypeScript compiler, which would slow down
// the start of every other command.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  token: async () => (await import('./token-command.js')).runToken,
  emulator: async () => (await import('./emulator-command.js')).runEmulator,
  demo: async () => (await import('./demo-command.js')).runDemo,
  scan: async () => (await import('./scan-command.js')).runScan,
};

/** Help text of `ids-auth` without a command. */
export const MAIN_HELP = `Usage: ids-auth <command> [options]

Commands:
  token          Log in and print the access token (credentials from DAP_* variables)
  emulator       Run a local API gateway for tests and other languages
  demo           Run axios, got, ky and fetch on one token manager (offline by default)
  scan [paths]   List x-instauth headers and hand-built logins to migrate

Run "ids-auth <command> --help" for the options of one command,
"ids-auth --version" for the version.
`;

// package.json sits one folder above both src/main.ts and the bundled dist/bin.js.
function packageVersion(): string {
  const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
  return manifest.version;
}

/**
 * Runs the `ids-auth` command line (arguments without `node` and the script) and returns the
 * exit code. Usage errors print one line on stderr and return 2.
 * @example
 * process.exitCode = await main(process.argv.slice(2), processIo());
 */
export async function main(
  args: readonly string[],
  io: CommandIo,
  options: MainOptions = {},
): Promise<ExitCode> {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.stderr(MAIN_HELP);
    return ExitCode.USAGE;
  }

  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return ExitCode.OK;
  }

  if (name === '--version' || name === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return ExitCode.OK;
  }

  const loadCommand = COMMANDS[name];
  if (loadCommand === undefined) {
    io.stderr(`ids-auth: unknown command "${name}". Run "ids-auth --help" for the list.\n`);
    return ExitCode.USAGE;
  }

  try {
    const command = await loadCommand();
    return await command(rest, io, options);
  } catch (error) {
    if (error instanceof ScanPathError) {
      io.stderr(`ids-auth scan: ${error.message}\n`);
      return ExitCode.USAGE;
    }

    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}
