import type { IncomingMessage } from 'node:http';
import type { TokenRegistry } from './token-registry.js';
import type { TokenCarrier, UnauthorizedReason } from './types.js';

/** Result of checking the token of an API request. */
export interface AuthResult {
  carrier: TokenCarrier;
  /** Owner of the presented token when the gateway issued it, else `null`. */
  clientId: string | null;
  tokenExpired: boolean;
  /** Reason for rejecting the request, or `undefined` when the token is accepted. */
  rejection: UnauthorizedReason | undefined;
}

const BEARER_VALUE = /^bearer +([^\s]+) *$/i;

function findCarrier(authorization: string[], instauth: string[]): TokenCarrier {
  if (authorization.length > 0 && instauth.length > 0) return 'both';
  if (authorization.length > 0) return 'authorization';
  if (instauth.length > 0) return 'x-instauth';

  return 'none';
}

/**
 * Picks the presented token. `Authorization` wins whenever it is present, even when it is
 * malformed and `x-instauth` contains a valid token. `x-instauth` carries the raw JWT, so a
 * `Bearer ` prefix there makes the token invalid. A repeated header is invalid too. Returns
 * an empty string, which matches no issued token, for every malformed value.
 */
function extractToken(authorization: string[], instauth: string[]): string {
  if (authorization.length > 0) {
    const match = authorization.length === 1 ? BEARER_VALUE.exec(authorization[0] ?? '') : null;
    return match?.[1] ?? '';
  }

  const raw = instauth.length === 1 ? (instauth[0] ?? '').trim() : '';
  return /\s/.test(raw) ? '' : raw;
}

/** Checks the token of an API request at `nowMs`. */
export function authenticate(
  request: IncomingMessage,
  registry: TokenRegistry,
  nowMs: number,
  newestTokenOnly: boolean,
): AuthResult {
  const authorization = request.headersDistinct.authorization ?? [];
  const instauth = request.headersDistinct['x-instauth'] ?? [];
  const carrier = findCarrier(authorization, instauth);
  if (carrier === 'none') {
    return { carrier, clientId: null, tokenExpired: false, rejection: 'missing' };
  }

  const token = extractToken(authorization, instauth);
  const verdict = registry.verify(token, nowMs, newestTokenOnly);
  if (verdict.status === 'invalid') {
    return { carrier, clientId: null, tokenExpired: false, rejection: 'invalid' };
  }

  const { clientId, expiresAtMs } = verdict.token;
  const tokenExpired = nowMs >= expiresAtMs;
  const rejection = verdict.status === 'valid' ? undefined : verdict.status;

  return { carrier, clientId, tokenExpired, rejection };
}
