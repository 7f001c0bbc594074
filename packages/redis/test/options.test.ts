import { describe, expect, it } from 'vitest';
import { createRedisTokenStore } from '../src/index.js';
import { createScope } from './support/fixtures.js';

// A client object that is never connected: validation must fail before any command.
const idleNodeRedis = {
  isOpen: false,
  isReady: false,
  sendCommand: async () => null,
  on: () => undefined,
  removeListener: () => undefined,
};

describe('store options', () => {
  it('requires a client or a URL', () => {
    expect(() => createRedisTokenStore({ url: undefined })).toThrow(
      /both are undefined \(is REDIS_URL set\?\)/,
    );
  });

  it('rejects both a client and a URL', () => {
    expect(() =>
      createRedisTokenStore({ redis: idleNodeRedis, url: 'redis://127.0.0.1:1' }),
    ).toThrow(/exactly one of options.redis/);
  });

  it('rejects an unknown client shape', () => {
    const redis = { get: () => undefined } as unknown as typeof idleNodeRedis;

    expect(() => createRedisTokenStore({ redis })).toThrow(/ioredis client .* or a node-redis/);
  });

  it('rejects invalid timeouts', () => {
    for (const timeoutMs of [0, -1, 1.5, Number.NaN]) {
      expect(() => createRedisTokenStore({ redis: idleNodeRedis, timeoutMs })).toThrow(
        /options.timeoutMs must be a positive integer/,
      );
    }
  });

  it('rejects a non-string prefix', () => {
    const prefix = 7 as unknown as string;

    expect(() => createRedisTokenStore({ redis: idleNodeRedis, prefix })).toThrow(
      /options.prefix must be a string/,
    );
  });

  it('rejects a scope id that is not a SHA-256', async () => {
    const store = createRedisTokenStore({ redis: idleNodeRedis });
    const scope = { ...createScope(), id: 'tenant:*' };

    await expect(store.read(scope)).rejects.toThrow(/scope.id must be 64 lower-case hex digits/);
  });

  it('rejects a non-positive lease', async () => {
    const store = createRedisTokenStore({ redis: idleNodeRedis });

    for (const leaseMs of [0, -5, Number.POSITIVE_INFINITY]) {
      await expect(store.lock(createScope(), leaseMs)).rejects.toThrow(
        /leaseMs must be a positive/,
      );
    }
  });

  it('rejects a short encryption key', async () => {
    const store = createRedisTokenStore({ redis: idleNodeRedis });
    const scope = { ...createScope(), encryptionKey: new Uint8Array(16) };
    const token = { accessToken: 'a', tokenType: 'bearer', scope: '', obtainedAtMs: 0 };

    await expect(
      store.write(scope, { ...token, expiresAtMs: Date.now() + 60_000 }),
    ).rejects.toThrow(/scope.encryptionKey must be a 32-byte/);
  });
});
