import { describe, expect, it } from 'vitest';
import { createRedisTokenStore, RedisStoreErrorCode } from '../src/index.js';
import { createScope, createToken } from './support/fixtures.js';

const NOW_MS = 1_800_000_000_000;

// A client that is not open: any write that reaches Redis rejects at once, so a resolved
// write proves the store skipped Redis.
const closedNodeRedis = {
  isOpen: false,
  isReady: false,
  sendCommand: async () => null,
  on: () => undefined,
  removeListener: () => undefined,
};

describe('write of an expiring token', () => {
  const store = createRedisTokenStore({ redis: closedNodeRedis, clock: { now: () => NOW_MS } });

  it('skips a token expired one tick ago', async () => {
    const token = { ...createToken(NOW_MS - 60_000, 60_000), expiresAtMs: NOW_MS - 1 };

    await expect(store.write(createScope(), token)).resolves.toBeUndefined();
  });

  it('skips a token expiring now', async () => {
    const token = { ...createToken(NOW_MS - 60_000, 60_000), expiresAtMs: NOW_MS };

    await expect(store.write(createScope(), token)).resolves.toBeUndefined();
  });

  it('sends a token valid one tick longer', async () => {
    const token = { ...createToken(NOW_MS - 60_000, 60_000), expiresAtMs: NOW_MS + 1 };

    await expect(store.write(createScope(), token)).rejects.toMatchObject({
      code: RedisStoreErrorCode.UNAVAILABLE,
      operation: 'write',
    });
  });
});
