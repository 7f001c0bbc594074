import type { TokenRecord } from '@ids-auth/core';

/** Serializes the fields of `token` that a reader needs, and nothing else. */
export function encodeToken(token: TokenRecord): string {
  return JSON.stringify({
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    scope: token.scope,
    obtainedAtMs: token.obtainedAtMs,
    expiresAtMs: token.expiresAtMs,
  });
}

/** Parses a decrypted value back into a token, or returns `undefined` if any field is invalid. */
export function decodeToken(text: string): TokenRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;

  const record = value as Record<string, unknown>;
  const { accessToken, tokenType, scope, obtainedAtMs, expiresAtMs } = record;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof tokenType !== 'string' || typeof scope !== 'string') return undefined;
  if (!Number.isFinite(obtainedAtMs) || !Number.isFinite(expiresAtMs)) return undefined;

  return {
    accessToken,
    tokenType,
    scope,
    obtainedAtMs: obtainedAtMs as number,
    expiresAtMs: expiresAtMs as number,
  };
}
