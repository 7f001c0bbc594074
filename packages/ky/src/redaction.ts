import { fingerprintToken } from '@ids-auth/core';

/** Replaces an `Authorization` value that carries one of `tokens` with the fingerprint. */
export function redactRequest(request: Request, tokens: ReadonlySet<string>): void {
  const value = request.headers.get('authorization');
  const token = value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : undefined;
  if (token === undefined || !tokens.has(token)) return;

  request.headers.set('authorization', `Bearer [redacted ${fingerprintToken(token)}]`);
}
