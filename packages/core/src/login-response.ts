// Validation of the login response, field by field. Messages name the field and never quote the
// body, because a body may echo a token.
import { ErrorCode, IdsAuthLoginError } from './errors.js';
import { type JwtProblem, readJwtTimes } from './jwt.js';
import type { TokenRecord } from './types.js';

const SECOND_MS = 1_000;

/** A validated login response. */
export interface LoginResult {
  record: TokenRecord;
  /** The JWT's `exp` in epoch milliseconds, on the gateway's clock. */
  jwtExpiresAtMs: number;
}

const JWT_PROBLEMS: Record<JwtProblem, string> = {
  'not-three-parts': 'is not a JWT of three base64url parts',
  undecodable: 'is not a JWT whose header and payload are JSON objects',
  'missing-exp': 'is a JWT without a numeric exp claim',
};

/**
 * Parses the body of a 200 login response received at `receivedAtMs` (local clock). The lifetime
 * is `expires_in`, shortened to `exp - iat` when the JWT carries both, and counted from
 * `receivedAtMs`, so the gateway's clock never moves the local expiry.
 */
export function parseLoginResponse(bodyText: string, receivedAtMs: number): LoginResult {
  const body = parseJsonObject(bodyText);
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw invalidResponse('field access_token is missing or not a non-empty string');
  }

  const times = readJwtTimes(accessToken);
  if (typeof times === 'string') throw invalidResponse(`field access_token ${JWT_PROBLEMS[times]}`);

  const lifetimeMs = readLifetimeMs(body.expires_in, times.expSeconds, times.iatSeconds);
  const record: TokenRecord = {
    accessToken,
    tokenType: readTokenType(body.token_type),
    scope: readOptionalString(body.scope, 'scope'),
    obtainedAtMs: receivedAtMs,
    expiresAtMs: receivedAtMs + lifetimeMs,
  };

  return { record, jwtExpiresAtMs: times.expSeconds * SECOND_MS };
}

function parseJsonObject(bodyText: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch {
    // The SyntaxError quotes part of the body, so it is not kept as the cause.
    throw invalidResponse('the body is not JSON');
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidResponse('the body is not a JSON object');
  }

  return value as Record<string, unknown>;
}

function readLifetimeMs(expiresIn: unknown, expSeconds: number, iatSeconds?: number): number {
  if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn <= 0) {
    throw invalidResponse('field expires_in is not a positive integer number of seconds');
  }

  // A larger value would give an expiry that is not a safe integer, or Infinity, which no
  // timer or store can hold.
  if (!Number.isSafeInteger(expiresIn * SECOND_MS)) {
    throw invalidResponse('field expires_in is too large to be a token lifetime');
  }

  if (iatSeconds === undefined) return expiresIn * SECOND_MS;

  const jwtLifetimeSeconds = expSeconds - iatSeconds;
  if (jwtLifetimeSeconds <= 0) {
    throw invalidResponse('the JWT in access_token has an exp claim not later than its iat claim');
  }

  return Math.min(expiresIn, jwtLifetimeSeconds) * SECOND_MS;
}

function readTokenType(value: unknown): string {
  const tokenType = readOptionalString(value, 'token_type') || 'bearer';
  if (tokenType.toLowerCase() !== 'bearer') {
    throw invalidResponse(`field token_type is '${tokenType.slice(0, 20)}', expected 'bearer'`);
  }

  return tokenType;
}

function readOptionalString(value: unknown, field: string): string {
  if (value === undefined) return '';

  if (typeof value !== 'string') throw invalidResponse(`field ${field} is not a string`);

  return value;
}

/** Creates the `IDS_AUTH_INVALID_RESPONSE` error for a 200 login response with `problem`. */
export function invalidResponse(problem: string): IdsAuthLoginError {
  return new IdsAuthLoginError(
    ErrorCode.INVALID_RESPONSE,
    `The login response is invalid: ${problem}. Check that baseUrl points at the Instructure API gateway.`,
    { status: 200 },
  );
}
