import { fingerprintToken } from './fingerprint.js';

/**
 * Tokens this process has invalidated, kept as fingerprints until they expire, so a store
 * that still contains one cannot hand it back.
 */
export class InvalidatedTokens {
  readonly #expiresAtMsByFingerprint = new Map<string, number>();

  add(accessToken: string, expiresAtMs: number, nowMs: number): void {
    for (const [fingerprint, expiry] of this.#expiresAtMsByFingerprint) {
      if (expiry <= nowMs) this.#expiresAtMsByFingerprint.delete(fingerprint);
    }

    this.#expiresAtMsByFingerprint.set(fingerprintToken(accessToken), expiresAtMs);
  }

  has(accessToken: string): boolean {
    return this.#expiresAtMsByFingerprint.has(fingerprintToken(accessToken));
  }
}
