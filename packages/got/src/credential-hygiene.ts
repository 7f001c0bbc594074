// Keeps the bearer out of places got would carry it without being asked: a redirect to another
// origin, and the options attached to got's errors.
import { type AuthorizeRequestResult, fingerprintToken } from '@ids-auth/core';
import type { GotRequestOptions } from './got-types.js';
import { removeHeader } from './header-access.js';

/** Replaces the `Authorization` value these hooks set with the token's fingerprint. */
export function redactSentToken(
  requestOptions: GotRequestOptions,
  sent: AuthorizeRequestResult | undefined,
): void {
  if (sent?.action !== 'bearer') return;

  const bearer = `Bearer ${sent.token}`;
  for (const name of Object.keys(requestOptions.headers)) {
    if (name.toLowerCase() !== 'authorization' || requestOptions.headers[name] !== bearer) continue;
    requestOptions.headers[name] = `Bearer [redacted ${fingerprintToken(sent.token)}]`;
  }
}

/** got's `beforeRedirect` hook: a redirect to another origin carries no token in any header. */
export function stripCredentialsOnCrossOriginRedirect(
  redirectOptions: GotRequestOptions,
  response: { url: string },
): void {
  const from = new URL(response.url).origin;
  const to = new URL(String(redirectOptions.url)).origin;
  if (from === to) return;

  removeHeader(redirectOptions.headers, 'authorization');
  removeHeader(redirectOptions.headers, 'x-instauth');
}
