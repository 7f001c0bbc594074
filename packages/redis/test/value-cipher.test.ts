import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertEncryptionKey, openValue, sealValue } from '../src/value-cipher.js';

const KEY_NAME = 'ids-auth:abc:token';
const PLAINTEXT = '{"accessToken":"eyJ.secret-token.sig"}';

describe('value cipher', () => {
  const key = randomBytes(32);

  it('opens what it sealed', () => {
    const sealed = sealValue(key, KEY_NAME, PLAINTEXT);

    expect(openValue(key, KEY_NAME, sealed)).toBe(PLAINTEXT);
  });

  it('hides the plaintext', () => {
    const sealed = sealValue(key, KEY_NAME, PLAINTEXT);
    const decoded = Buffer.from(sealed, 'base64').toString('latin1');

    expect(sealed).not.toContain('secret-token');
    expect(decoded).not.toContain('secret-token');
  });

  it('uses a fresh IV per value', () => {
    const first = sealValue(key, KEY_NAME, PLAINTEXT);
    const second = sealValue(key, KEY_NAME, PLAINTEXT);

    expect(first).not.toBe(second);
  });

  it('rejects every single flipped byte', () => {
    const bytes = Buffer.from(sealValue(key, KEY_NAME, PLAINTEXT), 'base64');

    for (let index = 0; index < bytes.length; index += 1) {
      const tampered = Buffer.from(bytes);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;

      expect(
        openValue(key, KEY_NAME, tampered.toString('base64')),
        `byte ${index}`,
      ).toBeUndefined();
    }
  });

  it('rejects a value moved to another key', () => {
    const sealed = sealValue(key, KEY_NAME, PLAINTEXT);

    expect(openValue(key, 'ids-auth:other:token', sealed)).toBeUndefined();
  });

  it('rejects another encryption key', () => {
    const sealed = sealValue(key, KEY_NAME, PLAINTEXT);

    expect(openValue(randomBytes(32), KEY_NAME, sealed)).toBeUndefined();
  });

  it('rejects truncated and foreign values', () => {
    const sealed = sealValue(key, KEY_NAME, PLAINTEXT);

    expect(openValue(key, KEY_NAME, '')).toBeUndefined();
    expect(openValue(key, KEY_NAME, sealed.slice(0, 20))).toBeUndefined();
    expect(openValue(key, KEY_NAME, PLAINTEXT)).toBeUndefined();
  });

  it('rejects keys of the wrong size', () => {
    expect(() => assertEncryptionKey(randomBytes(16))).toThrow(TypeError);
    expect(() => assertEncryptionKey('x'.repeat(32))).toThrow(/32-byte Uint8Array/);
    expect(() => assertEncryptionKey(randomBytes(32))).not.toThrow();
  });
});
