import { createTokenManager, createTokenStoreScope } from '@ids-auth/core';
import { DEFAULT_CLIENT, startGateway } from '@ids-auth/emulator';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisTokenStore } from '../src/index.js';
import { createPrefix } from './support/fixtures.js';
import { findRedis, type RedisForTests, reportMissingRedis } from './support/redis-server.js';

const MANAGER_COUNT = 4;
/** The manager's login timeout; its lock lease is this plus a fixed 5 s. */
const LOGIN_TIMEOUT_MS = 1_000;
const LEASE_MS = LOGIN_TIMEOUT_MS + 5_000;
const LIFETIME_SECONDS = 600;
/** Real time: the test waits for a lease to run out in Redis. */
const TAKEOVER_TEST_TIMEOUT_MS = 20_000;

const redis = await findRedis();
const skip = redis === undefined && reportMissingRedis('lock takeover tests');

describe.skipIf(skip)('login lock of a dead holder', () => {
  const target = redis as RedisForTests;

  afterAll(async () => {
    await target.close();
  });

  // Waiters wait longer than one lease. So when the dead holder's lease runs out, one waiter
  // takes the lock over and the others wait for its token.
  it(
    'leaves one login to the new holder',
    async () => {
      const gateway = await startGateway({ tokenLifetimeSeconds: LIFETIME_SECONDS });
      const prefix = createPrefix();
      const credentials = { ...DEFAULT_CLIENT, baseUrl: gateway.url };
      const deadHolder = createRedisTokenStore({ url: target.url, prefix });
      const stores = Array.from({ length: MANAGER_COUNT }, () =>
        createRedisTokenStore({ url: target.url, prefix }),
      );
      const managers = stores.map((store) =>
        createTokenManager({ ...credentials, timeoutMs: LOGIN_TIMEOUT_MS, store }),
      );
      try {
        expect(await deadHolder.lock(createTokenStoreScope(credentials), LEASE_MS)).toBeDefined();

        const tokens = await Promise.all(managers.map((manager) => manager.getToken()));

        expect(new Set(tokens).size).toBe(1);
        expect(gateway.stats().loginAttempts).toBe(1);
      } finally {
        await Promise.all(managers.map((manager) => manager.close()));
        await Promise.all([deadHolder, ...stores].map((store) => store.close()));
        await gateway.close();
        const inspector = new Redis(target.url);
        const keys = await inspector.keys(`${prefix}*`);
        if (keys.length > 0) await inspector.del(...keys);
        inspector.disconnect();
      }
    },
    TAKEOVER_TEST_TIMEOUT_MS,
  );
});
