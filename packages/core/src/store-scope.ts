import { createHash, hkdfSync } from 'node:crypto';
import type { TokenStoreScope } from './types.js';

const HKDF_SALT = 'ids-auth';
const HKDF_INFO = 'token-store';
const ENCRYPTION_KEY_BYTES = 32;

/**
 * Computes the store scope of one credential set. `id` is the hex SHA-256 of
 * `baseUrl + '\n' + clientId`; `encryptionKey` is HKDF-SHA256 of the client secret with salt
 * `ids-auth` and info `token-store`, 32 bytes. Neither reveals the secret.
 *
 * @example
 * const scope = createTokenStoreScope({ baseUrl, clientId, clientSecret });
 * await store.read(scope);
 */
export function createTokenStoreScope(credentials: {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}): TokenStoreScope {
  const id = createHash('sha256')
    .update(`${credentials.baseUrl}\n${credentials.clientId}`, 'utf8')
    .digest('hex');
  const key = hkdfSync(
    'sha256',
    credentials.clientSecret,
    HKDF_SALT,
    HKDF_INFO,
    ENCRYPTION_KEY_BYTES,
  );

  const scope = { id } as TokenStoreScope;
  // Not enumerable, so logging or serializing a scope does not print the key.
  Object.defineProperty(scope, 'encryptionKey', { value: new Uint8Array(key), enumerable: false });

  return Object.freeze(scope);
}
