import { createTokenManager, type TokenRecord } from '@ids-auth/core';
import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import { describeLoginError, exitCodeForLoginError } from './login-error-exit.js';
import { parseCommandArgs, UsageError } from './parse-command-args.js';

/** Help text of `ids-auth token`. */
export const TOKEN_HELP = `Usage: ids-auth token [--header | --json]

Logs in with client credentials and prints the access token, so
ACCESS_TOKEN=$(ids-auth token) replaces a curl and jq login.

Environment:
  DAP_CLIENT_ID       Client id (required)
  DAP_CLIENT_SECRET   Client secret (required)
  DAP_API_URL         Gateway base URL (default: https://api-gateway.instructure.com)
  IDS_AUTH_TIMEOUT    Timeout of one login attempt in milliseconds (default: 30000)

Options:
  --header     Print "Authorization: Bearer <token>" instead of the bare token
  --json       Print {"expiresAt", "expiresIn", "scope", "tokenType"}, without the token
  -h, --help   Print this help

Exit codes: 0 success, 2 usage error or missing credentials, 3 invalid credentials,
4 gateway unreachable or login failed. Errors are one line on stderr.
`;

const TOKEN_OPTIONS = {
  header: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MS_PER_SECOND = 1000;

/** Output of `ids-auth token --json`. It never contains the token. */
export interface TokenJson {
  /** Expiry on the local clock, ISO-8601. */
  expiresAt: string;
  /** Whole seconds from now until `expiresAt`. */
  expiresIn: number;
  /** `scope` of the login response, space separated. */
  scope: string;
  /** `token_type` of the login response, normally `bearer`. */
  tokenType: string;
}

/**
 * Runs `ids-auth token` and returns its exit code.
 * @example
 * const exitCode = await runToken(['--header'], processIo());
 */
export async function runToken(args: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values } = parseCommandArgs('token', { args: [...args], options: TOKEN_OPTIONS });
  if (values.help) {
    io.stdout(TOKEN_HELP);
    return ExitCode.OK;
  }

  if (values.header && values.json) {
    throw new UsageError('ids-auth token: --header and --json cannot be combined. Pick one.');
  }

  const secrets = [io.env.DAP_CLIENT_SECRET];
  try {
    const record = await fetchTokenRecord(io);
    io.stdout(formatToken(record, values));
    return ExitCode.OK;
  } catch (error) {
    io.stderr(`ids-auth token: ${describeLoginError(error, secrets)}\n`);
    return exitCodeForLoginError(error);
  }
}

async function fetchTokenRecord(io: CommandIo): Promise<TokenRecord> {
  const manager = createTokenManager({ env: io.env });
  try {
    if (!manager.hasCredentials) throw new UsageError(MISSING_CREDENTIALS_MESSAGE);

    return await manager.getTokenRecord();
  } finally {
    await manager.close();
  }
}

const MISSING_CREDENTIALS_MESSAGE =
  'missing credentials. Set DAP_CLIENT_ID and DAP_CLIENT_SECRET, and DAP_API_URL for a ' +
  'gateway other than https://api-gateway.instructure.com.';

function formatToken(record: TokenRecord, format: { header?: boolean; json?: boolean }): string {
  if (format.header) return `Authorization: Bearer ${record.accessToken}\n`;

  if (!format.json) return `${record.accessToken}\n`;

  const json: TokenJson = {
    expiresAt: new Date(record.expiresAtMs).toISOString(),
    expiresIn: Math.max(0, Math.floor((record.expiresAtMs - Date.now()) / MS_PER_SECOND)),
    scope: record.scope,
    tokenType: record.tokenType,
  };
  return `${JSON.stringify(json)}\n`;
}
