import type { TokenRecord, TokenStoreScope } from '@ids-auth/core';
import { decodeToken, encodeToken } from './token-codec.js';
import { assertEncryptionKey, openValue, sealValue } from './value-cipher.js';

/** Encrypts `token` with the scope's key, bound to the Redis key `keyName`. */
export function sealToken(scope: TokenStoreScope, keyName: string, token: TokenRecord): string {
  assertEncryptionKey(scope.encryptionKey);

  return sealValue(scope.encryptionKey, keyName, encodeToken(token));
}

/** Decrypts and validates a stored value; `undefined` when it fails either step. */
export function openToken(
  scope: TokenStoreScope,
  keyName: string,
  value: string,
): TokenRecord | undefined {
  assertEncryptionKey(scope.encryptionKey);

  const text = openValue(scope.encryptionKey, keyName, value);

  return text === undefined ? undefined : decodeToken(text);
}
