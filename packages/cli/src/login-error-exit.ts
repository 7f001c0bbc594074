import { ErrorCode, isIdsAuthError } from '@ids-auth/core';
import { ExitCode } from './exit-codes.js';
import { UsageError } from './parse-command-args.js';

// Configuration the caller must fix before any login can work.
const USAGE_CODES: ReadonlySet<string> = new Set([
  ErrorCode.MISSING_CREDENTIALS,
  ErrorCode.INSECURE_URL,
]);

/**
 * Returns the exit code for an error from `getToken()`: 2 for missing or unusable
 * configuration (a `UsageError`, or a `TypeError` for an invalid option), 3 for rejected credentials,
 * 4 for every other failure, such as an unreachable gateway.
 */
export function exitCodeForLoginError(error: unknown): ExitCode {
  if (error instanceof TypeError || error instanceof UsageError) return ExitCode.USAGE;

  if (!isIdsAuthError(error)) return ExitCode.LOGIN_FAILED;

  if (USAGE_CODES.has(error.code)) return ExitCode.USAGE;

  if (error.code === ErrorCode.INVALID_CREDENTIALS) return ExitCode.INVALID_CREDENTIALS;

  return ExitCode.LOGIN_FAILED;
}

// Shorter values are not redacted, because replacing a one-letter test secret would garble
// every message. Real client secrets are much longer.
const MIN_REDACTED_LENGTH = 8;

/**
 * Returns the error's message and code on one line with every listed secret replaced. The
 * library's messages never contain secrets. This is a second guard, because the CLI writes
 * to terminals and CI logs.
 */
export function describeLoginError(
  error: unknown,
  secrets: readonly (string | undefined)[],
): string {
  const base = error instanceof Error ? error.message : String(error);
  const code = isIdsAuthError(error) ? ` (${error.code})` : '';
  let line = `${base}${code}`.replace(/\s+/g, ' ').trim();

  for (const secret of secrets) {
    if (secret && secret.length >= MIN_REDACTED_LENGTH)
      line = line.split(secret).join('[redacted]');
  }

  return line;
}
