import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** First byte of every sealed value, so values of another format are detected and rejected. */
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const AUTH_TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = 1 + IV_BYTES;

/**
 * Builds the associated data, which binds a value to the Redis key it was written under. A
 * copy moved to another key (another credential set) therefore fails authentication.
 */
function associatedData(keyName: string): Buffer {
  return Buffer.concat([Buffer.of(FORMAT_VERSION), Buffer.from(keyName, 'utf8')]);
}

/** Throws a `TypeError` unless `key` is a 32-byte AES-256 key. */
export function assertEncryptionKey(key: unknown): asserts key is Uint8Array {
  if (key instanceof Uint8Array && key.byteLength === KEY_BYTES) return;

  throw new TypeError(
    `scope.encryptionKey must be a ${KEY_BYTES}-byte Uint8Array; pass the scope the token manager provides.`,
  );
}

/**
 * Encrypts `plaintext` with AES-256-GCM under `key`, bound to `keyName`. Returns base64 of
 * version byte, random 12-byte IV, ciphertext and 16-byte authentication tag.
 */
export function sealValue(key: Uint8Array, keyName: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: AUTH_TAG_BYTES });
  cipher.setAAD(associatedData(keyName));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);

  return Buffer.concat([Buffer.of(FORMAT_VERSION), iv, ciphertext, cipher.getAuthTag()]).toString(
    'base64',
  );
}

/**
 * Decrypts a value made by `sealValue` for the same key and key name. Returns `undefined` for
 * anything else: another version, a wrong length, a changed byte, another key or key name.
 */
export function openValue(key: Uint8Array, keyName: string, sealed: string): string | undefined {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < HEADER_BYTES + AUTH_TAG_BYTES || bytes[0] !== FORMAT_VERSION) {
    return undefined;
  }

  const iv = bytes.subarray(1, HEADER_BYTES);
  const ciphertext = bytes.subarray(HEADER_BYTES, bytes.length - AUTH_TAG_BYTES);
  const authTag = bytes.subarray(bytes.length - AUTH_TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: AUTH_TAG_BYTES });
    decipher.setAAD(associatedData(keyName));
    decipher.setAuthTag(authTag);

    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // A failed authentication check is the expected outcome for a tampered value.
    return undefined;
  }
}
