import type { TokenStoreScope } from '@ids-auth/core';

/** Redis key names of one credential set. */
export interface ScopeKeys {
  /** The encrypted token. */
  token: string;
  /** The login lock, whose value is the random id of its owner. */
  lock: string;
}

const SCOPE_ID = /^[0-9a-f]{64}$/;

/** Derives the key names from `scope.id`, the hex SHA-256 of base URL and client id. */
export function scopeKeys(prefix: string, scope: TokenStoreScope): ScopeKeys {
  if (typeof scope?.id !== 'string' || !SCOPE_ID.test(scope.id)) {
    throw new TypeError(
      'scope.id must be 64 lower-case hex digits (a SHA-256); pass the scope the token manager provides.',
    );
  }

  return { token: `${prefix}${scope.id}:token`, lock: `${prefix}${scope.id}:lock` };
}
