import { isIdsAuthError } from '@ids-auth/core';
import type { CommandIo } from './command-io.js';
import { runDemoScenario } from './demo/demo-run.js';
import { formatDemoSummary } from './demo/demo-summary.js';
import { ExitCode } from './exit-codes.js';
import { exitCodeForLoginError } from './login-error-exit.js';
import { parseCommandArgs, UsageError } from './parse-command-args.js';

/** Help text of `ids-auth demo`. */
export const DEMO_HELP = `Usage: ids-auth demo [--token-lifetime SECONDS] [--revoke] [--json]

Runs axios, got, ky and fetch side by side with one shared token manager, plus a piece
of legacy code that still sets x-instauth by hand. Each client lists the canvas tables,
reads a schema and runs a snapshot job to completion. Prints per client the requests,
401s and retries, the total logins, and whether the legacy header was rewritten.

Without DAP_CLIENT_ID it starts an embedded emulator whose tokens live a few seconds,
so refreshes happen during the run. With DAP_CLIENT_ID and DAP_CLIENT_SECRET it uses
DAP_API_URL (default: https://api-gateway.instructure.com); the gateway allows five
snapshot jobs and five table listings per minute, so run it at most once a minute.

Options:
  --token-lifetime SECONDS   Token lifetime of the embedded emulator (default: 6)
  --revoke                   Revoke every token at the embedded emulator after the first
                             refresh. The next request gets a 401, refreshes the shared
                             token and is retried; later requests of every client get the
                             new token without a 401
  --json                     Print the summary as JSON
  -h, --help                 Print this help

Exit codes: 0 success, 1 a request failed or a check broke, 2 usage error or missing
credentials, 3 invalid credentials, 4 gateway unreachable or login failed.
`;

const DEMO_OPTIONS = {
  'token-lifetime': { type: 'string' },
  revoke: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Below this the hard margin and the network leave too little of each token's life.
const MIN_TOKEN_LIFETIME_SECONDS = 2;

/**
 * Runs `ids-auth demo` and returns its exit code.
 * @example
 * const exitCode = await runDemo([], processIo());
 */
export async function runDemo(args: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values } = parseCommandArgs('demo', { args: [...args], options: DEMO_OPTIONS });
  if (values.help) {
    io.stdout(DEMO_HELP);
    return ExitCode.OK;
  }

  const tokenLifetimeSeconds = parseLifetime(values['token-lifetime']);
  const { report, errors } = await runDemoScenario(io, {
    tokenLifetimeSeconds,
    revoke: values.revoke === true,
  });
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDemoSummary(report));
  if (report.ok) return ExitCode.OK;

  // A login problem explains every failed request, so its exit code wins.
  const loginError = errors.find((error) => isIdsAuthError(error) || error instanceof TypeError);
  return loginError === undefined ? ExitCode.FAILED : exitCodeForLoginError(loginError);
}

function parseLifetime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;

  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < MIN_TOKEN_LIFETIME_SECONDS) {
    throw new UsageError(
      `ids-auth demo: invalid --token-lifetime "${value}". ` +
        `Pass whole seconds, at least ${MIN_TOKEN_LIFETIME_SECONDS}.`,
    );
  }

  return seconds;
}
