import { randomBytes, randomUUID } from 'node:crypto';
import { type JwtClaims, signJwt } from './jwt.js';
import type { MalformedLoginKind } from './types.js';

const MS_PER_SECOND = 1000;
const EXPIRED_AGO_SECONDS = 60;
const FAR_FUTURE_SECONDS = 10 * 365 * 24 * 60 * 60;
const DEFAULT_REGION = 'us-east-1';

/** Input for issuing one token. */
export interface IssueRequest {
  clientId: string;
  lifetimeSeconds: number;
  /** True time in epoch milliseconds. */
  nowMs: number;
  /** Shift applied to `iat` and `exp` only. */
  skewMs: number;
  signingKey: Buffer;
  shape?: MalformedLoginKind;
}

/** A token and the expiry the gateway enforces for it. */
export interface IssuedAccessToken {
  accessToken: string;
  scope: string;
  expiresAtMs: number;
}

/**
 * Builds the `scope` string from a client id of the form `<region>#<uuid>` or `<uuid>`.
 * NOTE: the `partner:` value is an assumed placeholder because no source shows a real one.
 */
export function scopeFor(clientId: string): string {
  const separator = clientId.indexOf('#');
  const region = separator > 0 ? clientId.slice(0, separator) : DEFAULT_REGION;
  const principal = separator >= 0 ? clientId.slice(separator + 1) : clientId;

  return `dap principal:${principal} partner:emulator region:${region}`;
}

function buildClaims(request: IssueRequest, scope: string): JwtClaims {
  const issuedAt = Math.floor((request.nowMs + request.skewMs) / MS_PER_SECOND);
  const claims: JwtClaims = {
    iat: issuedAt,
    exp: issuedAt + request.lifetimeSeconds,
    sub: request.clientId,
    scope,
    jti: randomUUID(),
  };
  if (request.shape === 'expired') {
    claims.iat = issuedAt - request.lifetimeSeconds - EXPIRED_AGO_SECONDS;
    claims.exp = issuedAt - EXPIRED_AGO_SECONDS;
  }
  if (request.shape === 'far-future-exp') claims.exp = issuedAt + FAR_FUTURE_SECONDS;
  if (request.shape === 'no-exp') delete claims.exp;

  return claims;
}

/**
 * Issues an access token. The gateway enforces expiry on true time plus the lifetime, so a
 * skewed or far-future `exp` never changes how long the token is accepted. An `expired`
 * token is already past its expiry on the gateway too.
 */
export function issueAccessToken(request: IssueRequest): IssuedAccessToken {
  const scope = scopeFor(request.clientId);
  const lifetimeMs = request.lifetimeSeconds * MS_PER_SECOND;
  const expiresAtMs =
    request.shape === 'expired'
      ? request.nowMs - EXPIRED_AGO_SECONDS * MS_PER_SECOND
      : request.nowMs + lifetimeMs;
  const accessToken =
    request.shape === 'not-jwt'
      ? randomBytes(32).toString('base64url')
      : signJwt(buildClaims(request, scope), request.signingKey);

  return { accessToken, scope, expiresAtMs };
}
