import { createHash } from 'node:crypto';

/** The gateway's record of a token it issued. */
export interface IssuedToken {
  clientId: string;
  /** Expiry on the gateway's true clock, independent of any skew in the JWT. */
  expiresAtMs: number;
  revoked: boolean;
}

/** Result of looking up a presented token. */
export type TokenVerdict =
  | { status: 'valid'; token: IssuedToken }
  | { status: 'expired' | 'revoked'; token: IssuedToken }
  | { status: 'invalid' };

// Oldest entries are dropped past this size so a long soak test cannot grow memory forever.
const MAX_TOKENS = 100_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens issued by one gateway, stored by SHA-256 so no raw token stays in memory. */
export class TokenRegistry {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #newestByClient = new Map<string, string>();

  /** Records a token issued to `clientId` that expires at `expiresAtMs`. */
  add(token: string, clientId: string, expiresAtMs: number): void {
    const hash = hashToken(token);
    this.#tokens.set(hash, { clientId, expiresAtMs, revoked: false });
    this.#newestByClient.set(clientId, hash);
    if (this.#tokens.size > MAX_TOKENS) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest !== undefined) this.#tokens.delete(oldest);
    }
  }

  /** Returns the stored entry of `token`, or `undefined` for a token this gateway never issued. */
  find(token: string): IssuedToken | undefined {
    return this.#tokens.get(hashToken(token));
  }

  /**
   * Checks `token` at `nowMs`. Expiry is checked before revocation, and with `newestOnly`
   * a token that is not its client's newest counts as revoked.
   */
  verify(token: string, nowMs: number, newestOnly: boolean): TokenVerdict {
    const hash = hashToken(token);
    const issued = this.#tokens.get(hash);
    if (issued === undefined) {
      return { status: 'invalid' };
    }

    if (nowMs >= issued.expiresAtMs) {
      return { status: 'expired', token: issued };
    }

    const superseded = newestOnly && this.#newestByClient.get(issued.clientId) !== hash;
    if (issued.revoked || superseded) {
      return { status: 'revoked', token: issued };
    }

    return { status: 'valid', token: issued };
  }

  /** Revokes every token issued so far. */
  revokeAll(): void {
    for (const issued of this.#tokens.values()) {
      issued.revoked = true;
    }
  }

  /** Revokes `token`; a token this gateway never issued is ignored. */
  revoke(token: string): void {
    const issued = this.find(token);
    if (issued !== undefined) issued.revoked = true;
  }
}
