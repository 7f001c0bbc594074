import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisTokenStore, RedisStoreErrorCode } from '../src/index.js';
import {
  type ClientLibrary,
  connectClient,
  createScope,
  createToken,
  renderForLeakCheck,
  type TestClient,
} from './support/fixtures.js';
import {
  hasRedisServerBinary,
  type LocalRedisServer,
  OWN_REDIS_SERVER,
  reportMissingRedis,
  startRedisServer,
} from './support/redis-server.js';

/** Larger than the test timeout, so a store call that waits for it fails the test. */
const NEVER_MS = 60_000;
const SHORT_TIMEOUT_MS = 200;
const LIFETIME_MS = 60_000;
const CLIENT_POLL_MS = 10;

const skip =
  !(await hasRedisServerBinary()) &&
  reportMissingRedis('connection failure tests', OWN_REDIS_SERVER);

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, CLIENT_POLL_MS));
}

function isClientReady(client: TestClient['client']): boolean {
  return 'status' in client ? client.status === 'ready' : client.isReady;
}

describe.skipIf(skip)('store during outages', () => {
  let server: LocalRedisServer;

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterEach(async () => {
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  describe.each<ClientLibrary>(['ioredis', 'node-redis'])('with %s', (library) => {
    it('fails at once after losing Redis', async () => {
      const client = await connectClient(library, server.url);
      const store = createRedisTokenStore({ redis: client.client, timeoutMs: NEVER_MS });
      const scope = createScope();
      await store.write(scope, createToken(Date.now(), LIFETIME_MS));

      await server.stop();
      await until(() => !isClientReady(client.client));

      await expect(store.read(scope)).rejects.toMatchObject({
        code: RedisStoreErrorCode.UNAVAILABLE,
        operation: 'read',
      });
      await expect(store.lock(scope, LIFETIME_MS)).rejects.toMatchObject({ operation: 'lock' });
      await client.close();
    });

    it('works again after Redis restarts', async () => {
      const client = await connectClient(library, server.url);
      const store = createRedisTokenStore({ redis: client.client, timeoutMs: NEVER_MS });
      const scope = createScope();
      await server.stop();
      await until(() => !isClientReady(client.client));
      await expect(store.read(scope)).rejects.toThrow(/connection to Redis was lost/);

      await server.start();
      await until(() => isClientReady(client.client));

      expect(await store.read(scope)).toBeUndefined();
      const token = createToken(Date.now(), LIFETIME_MS);
      await store.write(scope, token);
      expect((await store.read(scope))?.accessToken).toBe(token.accessToken);
      await client.close();
    });
  });

  it('rejects an unopened node-redis client', async () => {
    const client = createClient({ url: server.url });
    const store = createRedisTokenStore({ redis: client, timeoutMs: NEVER_MS });

    await expect(store.read(createScope())).rejects.toThrow(/call connect\(\) on it first/);
  });

  it('times out while no connection opens', async () => {
    await server.stop();
    const client = new Redis(server.url, { lazyConnect: true, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    const store = createRedisTokenStore({ redis: client, timeoutMs: SHORT_TIMEOUT_MS });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const outcome = store.read(createScope()).then(
        () => 'resolved',
        (error: { code: string }) => error.code,
      );

      await vi.advanceTimersByTimeAsync(SHORT_TIMEOUT_MS - 1);
      const early = await Promise.race([outcome, Promise.resolve('pending')]);
      await vi.advanceTimersByTimeAsync(1);

      expect(early).toBe('pending');
      expect(await outcome).toBe(RedisStoreErrorCode.TIMEOUT);
    } finally {
      vi.useRealTimers();
      client.disconnect();
    }
  });

  it('releases a lock granted late', async () => {
    const client = await connectClient('ioredis', server.url);
    const store = createRedisTokenStore({ redis: client.client, timeoutMs: SHORT_TIMEOUT_MS });
    const scope = createScope();
    server.pause();
    try {
      await expect(store.lock(scope, NEVER_MS)).rejects.toMatchObject({
        code: RedisStoreErrorCode.TIMEOUT,
      });
    } finally {
      server.resume();
    }

    // The SET NX runs once Redis resumes, and the store then deletes that lock, which has no holder.
    // Without that, the lease outlives the test timeout and this loop fails the test.
    let next = await store.lock(scope, NEVER_MS);
    while (next === undefined) next = await store.lock(scope, NEVER_MS);
    await client.close();
  });

  it('sends nothing after the deadline', async () => {
    await server.stop();
    const client = new Redis(server.url, { lazyConnect: true, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    const store = createRedisTokenStore({ redis: client, timeoutMs: SHORT_TIMEOUT_MS });
    const scope = createScope();
    await expect(store.lock(scope, NEVER_MS)).rejects.toMatchObject({
      code: RedisStoreErrorCode.TIMEOUT,
    });

    await server.start();
    await until(() => client.status === 'ready');
    // Commands on one connection run in order, so the lock would exist before this reply.
    await client.ping();

    expect(await client.exists(`ids-auth:${scope.id}:lock`)).toBe(0);
    client.disconnect();
  });

  it('rejects waiting calls on close', async () => {
    await server.stop();
    const client = new Redis(server.url, { lazyConnect: true, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    const store = createRedisTokenStore({ redis: client, timeoutMs: NEVER_MS });
    const waiting = store.read(createScope());

    await store.close();

    await expect(waiting).rejects.toMatchObject({ code: RedisStoreErrorCode.CLOSED });
    client.disconnect();
  });

  it('connects and closes its own client', async () => {
    const store = createRedisTokenStore({ url: server.url });
    const scope = createScope();
    const token = createToken(Date.now(), LIFETIME_MS);

    await store.write(scope, token);
    expect((await store.read(scope))?.accessToken).toBe(token.accessToken);
    await store.close();

    await expect(store.read(scope)).rejects.toMatchObject({ code: RedisStoreErrorCode.CLOSED });
  });

  it('own client fails at once during an outage', async () => {
    const store = createRedisTokenStore({ url: server.url, timeoutMs: NEVER_MS });
    const scope = createScope();
    await store.write(scope, createToken(Date.now(), LIFETIME_MS));

    await server.stop();
    let failure: unknown;
    while (failure === undefined) {
      failure = await store.read(scope).then(
        () => undefined,
        (error: unknown) => error,
      );
    }

    expect(failure).toMatchObject({ code: RedisStoreErrorCode.UNAVAILABLE });
    await store.close();
  });

  it('keeps values out of command errors', async () => {
    const admin = new Redis(server.url);
    const client = await connectClient('ioredis', server.url);
    const store = createRedisTokenStore({ redis: client.client, timeoutMs: NEVER_MS });
    const scope = createScope();
    const token = createToken(Date.now(), LIFETIME_MS);
    // With no memory left and no eviction, Redis rejects every write with an OOM error.
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    try {
      const error = await store.write(scope, token).then(
        () => undefined,
        (rejection: unknown) => rejection,
      );

      expect(error).toMatchObject({ code: RedisStoreErrorCode.UNAVAILABLE, operation: 'write' });
      expect(String((error as Error).message)).toMatch(/OOM/);
      const rendered = renderForLeakCheck(error);
      expect(rendered).not.toContain(token.accessToken);
      expect(rendered).not.toContain(scope.id);
      expect(rendered).not.toContain(Buffer.from(scope.encryptionKey).toString('hex'));
      expect(rendered).not.toMatch(/[A-Za-z0-9+/]{60,}/);
    } finally {
      await admin.config('SET', 'maxmemory', '0');
      admin.disconnect();
      await client.close();
    }
  });
});
