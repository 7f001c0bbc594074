import { type ClientCredentials, DEFAULT_CLIENT, startGateway } from '@ids-auth/emulator';
import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import { parseCommandArgs, UsageError } from './parse-command-args.js';
import { shellQuote } from './shell-quote.js';

/** Help text of `ids-auth emulator`. */
export const EMULATOR_HELP = `Usage: ids-auth emulator [--port N] [--token-lifetime SECONDS] [--client ID:SECRET]

Runs a local Instructure API gateway (IDS login and the DAP query API) on
127.0.0.1 until Ctrl+C or SIGTERM. The first line of stdout is its base URL.

Options:
  --port N                    TCP port on 127.0.0.1 (default: 0, a free port)
  --token-lifetime SECONDS    Lifetime of issued tokens, the login's expires_in (default: 3599)
  --client ID:SECRET          Accept this client; repeat for more. The first ':' separates
                              id from secret (default: a built-in test client)
  -h, --help                  Print this help
`;

const EMULATOR_OPTIONS = {
  port: { type: 'string' },
  'token-lifetime': { type: 'string' },
  client: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const MAX_PORT = 65_535;

/** Options of `runEmulator()` that tests and embedding programs set. */
export interface RunEmulatorOptions {
  /**
   * Stops the emulator when aborted.
   * @default SIGINT or SIGTERM of this process
   */
  stopSignal?: AbortSignal;
}

/**
 * Runs `ids-auth emulator` until stopped, then returns its exit code.
 * @example
 * const exitCode = await runEmulator(['--token-lifetime', '60'], processIo());
 */
export async function runEmulator(
  args: readonly string[],
  io: CommandIo,
  options: RunEmulatorOptions = {},
): Promise<ExitCode> {
  const { values } = parseCommandArgs('emulator', { args: [...args], options: EMULATOR_OPTIONS });
  if (values.help) {
    io.stdout(EMULATOR_HELP);
    return ExitCode.OK;
  }

  const clients = (values.client ?? []).map(parseClient);
  assertUniqueClientIds(clients);
  const port = parseWholeNumber('--port', values.port, 0, MAX_PORT);
  const gateway = await startGateway({
    clients: clients.length > 0 ? clients : [DEFAULT_CLIENT],
    tokenLifetimeSeconds: parseWholeNumber('--token-lifetime', values['token-lifetime'], 1),
    port,
  }).catch((error: unknown) => {
    throw listenError(error, port) ?? error;
  });

  io.stdout(`${gateway.url}\n${formatInstructions(gateway.url, clients)}`);
  io.stderr(`ids-auth emulator: listening on ${gateway.url}. Press Ctrl+C to stop.\n`);
  await waitForStop(options.stopSignal);
  await gateway.close();
  io.stderr('ids-auth emulator: stopped.\n');
  return ExitCode.OK;
}

function formatInstructions(url: string, clients: readonly ClientCredentials[]): string {
  const [first, ...others] = clients.length > 0 ? clients : [DEFAULT_CLIENT];
  if (first === undefined) return '';

  const lines = [
    '',
    'Log in with:',
    `  client id:     ${first.clientId}`,
    `  client secret: ${first.clientSecret}`,
    ...others.map((client) => `  also accepted: ${client.clientId}`),
    '',
    'Use it from a shell:',
    `  export DAP_API_URL=${shellQuote(url)}`,
    `  export DAP_CLIENT_ID=${shellQuote(first.clientId)}`,
    `  export DAP_CLIENT_SECRET=${shellQuote(first.clientSecret)}`,
    '  ids-auth token',
    '',
  ];
  return lines.join('\n');
}

// Turns a port that cannot be bound into a usage error, because another --port fixes it.
function listenError(error: unknown, port: number | undefined): UsageError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new UsageError(
      `ids-auth emulator: port ${port} on 127.0.0.1 is already in use. Pass another --port, or 0 for a free one.`,
    );
  }
  if (code === 'EACCES') {
    return new UsageError(
      `ids-auth emulator: permission denied for port ${port} on 127.0.0.1. Pass a port above 1023, or 0 for a free one.`,
    );
  }

  return undefined;
}

function parseClient(value: string): ClientCredentials {
  const separator = value.indexOf(':');
  if (separator <= 0 || separator === value.length - 1) {
    throw new UsageError(
      'ids-auth emulator: invalid --client value. Pass ID:SECRET with a non-empty id and secret.',
    );
  }

  return { clientId: value.slice(0, separator), clientSecret: value.slice(separator + 1) };
}

// The emulator throws a TypeError for a repeated id, which would end the CLI with a stack trace.
function assertUniqueClientIds(clients: readonly ClientCredentials[]): void {
  const seen = new Set<string>();
  for (const { clientId } of clients) {
    if (seen.has(clientId)) {
      throw new UsageError(
        `ids-auth emulator: client id "${clientId}" is repeated in --client. Pass each id once.`,
      );
    }
    seen.add(clientId);
  }
}

function parseWholeNumber(
  option: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;

  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(
      `ids-auth emulator: invalid ${option} "${value}". Pass a whole number from ${min} to ${max}.`,
    );
  }

  return number;
}

function waitForStop(stopSignal: AbortSignal | undefined): Promise<void> {
  if (stopSignal !== undefined) {
    if (stopSignal.aborted) return Promise.resolve();

    return new Promise((resolve) => stopSignal.addEventListener('abort', () => resolve()));
  }

  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
