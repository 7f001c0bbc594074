import { createHash } from 'node:crypto';

const FINGERPRINT_HEX_DIGITS = 12;

/**
 * Computes a short, non-reversible identifier of a token for events and logs: `sha256:`
 * followed by the first 12 hex digits of the token's SHA-256 digest.
 *
 * @example
 * fingerprintToken(token); // 'sha256:3f1c0a9b27de'
 */
export function fingerprintToken(token: string): string {
  // Adapters fingerprint the same current token on every request, so the last result is kept.
  if (token === lastToken) return lastFingerprint;

  const digest = createHash('sha256').update(token, 'utf8').digest('hex');
  lastToken = token;
  lastFingerprint = `sha256:${digest.slice(0, FINGERPRINT_HEX_DIGITS)}`;

  return lastFingerprint;
}

let lastToken: string | undefined;
let lastFingerprint = '';
