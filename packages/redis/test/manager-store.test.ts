import { createTokenManager, createTokenStoreScope } from '@ids-auth/core';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '@ids-auth/emulator';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisTokenStore, type RedisTokenStore } from '../src/index.js';
import { createPrefix, renderForLeakCheck } from './support/fixtures.js';
import { findRedis, type RedisForTests, reportMissingRedis } from './support/redis-server.js';

const LIFETIME_SECONDS = 600;

const redis = await findRedis();
const skip = redis === undefined && reportMissingRedis('manager and store tests');

describe.skipIf(skip)('token managers sharing the store', () => {
  const target = redis as RedisForTests;
  const prefix = createPrefix();
  let inspector: Redis;
  let gateway: Gateway;
  let store: RedisTokenStore;

  beforeAll(() => {
    inspector = new Redis(target.url);
  });

  beforeEach(async () => {
    gateway = await startGateway({ tokenLifetimeSeconds: LIFETIME_SECONDS });
    store = createRedisTokenStore({ url: target.url, prefix });
  });

  afterEach(async () => {
    await store.close();
    await gateway.close();
    const keys = await inspector.keys(`${prefix}*`);
    if (keys.length > 0) await inspector.del(...keys);
  });

  afterAll(async () => {
    inspector.disconnect();
    await target.close();
  });

  function createManager() {
    return createTokenManager({ ...DEFAULT_CLIENT, baseUrl: gateway.url, store });
  }

  function tokenKey(): string {
    const scope = createTokenStoreScope({ ...DEFAULT_CLIENT, baseUrl: gateway.url });

    return `${prefix}${scope.id}:token`;
  }

  it('reuses the token another manager stored', async () => {
    const first = createManager();
    const second = createManager();

    const firstToken = await first.getToken();
    const secondToken = await second.getToken();

    expect(secondToken).toBe(firstToken);
    expect(gateway.stats().logins).toBe(1);
    await Promise.all([first.close(), second.close()]);
  });

  it('logs in afresh after tampering', async () => {
    const first = createManager();
    const firstToken = await first.getToken();
    const raw = Buffer.from((await inspector.get(tokenKey())) ?? '', 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 0x80;
    await inspector.set(tokenKey(), raw.toString('base64'), 'KEEPTTL');

    const second = createManager();
    const secondToken = await second.getToken();

    expect(secondToken).not.toBe(firstToken);
    expect(gateway.stats().logins).toBe(2);
    expect(await inspector.get(tokenKey())).not.toBe(raw.toString('base64'));
    await Promise.all([first.close(), second.close()]);
  });

  it('keeps secrets out of Redis', async () => {
    const manager = createManager();
    const token = await manager.getToken();

    const keys = await inspector.keys(`${prefix}*`);
    const values = await Promise.all(keys.map((key) => inspector.get(key)));
    const dump = renderForLeakCheck({ keys, values });

    expect(keys.length).toBeGreaterThan(0);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.split('.')[1]);
    expect(dump).not.toContain(DEFAULT_CLIENT.clientSecret);
    expect(dump).not.toContain(DEFAULT_CLIENT.clientId);
    await manager.close();
  });
});
