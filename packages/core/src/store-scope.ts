import { createHash, hkdfSync } from 'node:crypto';
import type { TokenStoreScope } from './types.js';

const HKDF_SALT = 'ids-auth';
const HKDF_INFO = 'token-store';
const HKDF_ID_INFO = 'token-store-id';
const SECRET_TAG_BYTES = 16;
const ENCRYPTION_KEY_BYTES = 32;

/**
 * Computes the store scope of one credential set. `id` is the hex SHA-256 of
 * `baseUrl + '\n' + clientId + '\n' + tag`. The `tag` is 16 bytes of HKDF-SHA256 of the
 * client secret (salt `ids-auth`, info `token-store-id`) in hex. `encryptionKey` is 32 bytes
 * of HKDF-SHA256 of the secret with info `token-store`. Neither reveals the secret.
 *
 * The tag gives each secret its own key: a replica still holding an old secret after a
 * rotation cannot decrypt the shared token, and without the tag it would delete it as
 * tampered on every read, making the other replicas log in again and again.
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
  const secretTag = Buffer.from(
    hkdfSync('sha256', credentials.clientSecret, HKDF_SALT, HKDF_ID_INFO, SECRET_TAG_BYTES),
  ).toString('hex');
  const id = createHash('sha256')
    .update(`${credentials.baseUrl}\n${credentials.clientId}\n${secretTag}`, 'utf8')
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
