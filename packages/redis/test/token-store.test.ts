import type { TokenStoreScope } from '@ids-auth/core';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTokenStore, type RedisTokenStore } from '../src/index.js';
import {
  type ClientLibrary,
  connectClient,
  createPrefix,
  createScope,
  createToken,
  type TestClient,
} from './support/fixtures.js';
import { findRedis, type RedisForTests, reportMissingRedis } from './support/redis-server.js';

const NOW_MS = 1_800_000_000_000;
const LIFETIME_MS = 60_000;
/** Long enough that no test step outlives it; only the lease expiry test waits for one. */
const LONG_LEASE_MS = 30_000;
// Long enough that a loaded machine still takes the second lock attempt inside the lease.
const SHORT_LEASE_MS = 1_000;

const redis = await findRedis();
const skip = redis === undefined && reportMissingRedis('token store tests');

describe.skipIf(skip).each<ClientLibrary>(['ioredis', 'node-redis', 'node-redis-resp3'])(
  'token store with %s',
  (library) => {
    const target = redis as RedisForTests;
    const prefix = createPrefix();
    const clock = { now: () => NOW_MS };
    let client: TestClient;
    let inspector: Redis;
    let store: RedisTokenStore;

    beforeAll(async () => {
      client = await connectClient(library, target.url);
      inspector = new Redis(target.url);
      store = createRedisTokenStore({ redis: client.client, prefix, clock });
    });

    afterEach(async () => {
      const keys = await inspector.keys(`${prefix}*`);
      if (keys.length > 0) await inspector.del(...keys);
    });

    afterAll(async () => {
      await store.close();
      await client.close();
      inspector.disconnect();
      await target.close();
    });

    it('reads back the written token', async () => {
      const scope = createScope();
      const token = createToken(NOW_MS, LIFETIME_MS);

      await store.write(scope, token);

      expect(await store.read(scope)).toMatchObject({
        accessToken: token.accessToken,
        tokenType: 'bearer',
        scope: 'urn:test',
      });
    });

    it('stores only ciphertext under hashed keys', async () => {
      const scope = createScope();
      const token = createToken(NOW_MS, LIFETIME_MS);

      await store.write(scope, token);

      const keys = await inspector.keys(`${prefix}*`);
      expect(keys).toEqual([`${prefix}${scope.id}:token`]);
      const raw = (await inspector.get(keys[0] as string)) ?? '';
      expect(raw).not.toContain(token.accessToken);
      expect(Buffer.from(raw, 'base64').toString('latin1')).not.toContain(token.accessToken);
    });

    it('misses for an unknown scope', async () => {
      expect(await store.read(createScope())).toBeUndefined();
    });

    it('rejects and deletes a tampered value', async () => {
      const scope = createScope();
      await store.write(scope, createToken(NOW_MS, LIFETIME_MS));
      const key = `${prefix}${scope.id}:token`;
      const raw = Buffer.from((await inspector.get(key)) ?? '', 'base64');
      raw[raw.length - 20] = (raw[raw.length - 20] ?? 0) ^ 0x01;
      await inspector.set(key, raw.toString('base64'), 'PX', LIFETIME_MS);

      expect(await store.read(scope)).toBeUndefined();
      expect(await inspector.exists(key)).toBe(0);
    });

    it('rejects a value copied from another scope', async () => {
      const scope = createScope();
      const other: TokenStoreScope = { id: createScope().id, encryptionKey: scope.encryptionKey };
      await store.write(scope, createToken(NOW_MS, LIFETIME_MS));
      const raw = (await inspector.get(`${prefix}${scope.id}:token`)) ?? '';
      await inspector.set(`${prefix}${other.id}:token`, raw, 'PX', LIFETIME_MS);

      expect(await store.read(other)).toBeUndefined();
      expect(await store.read(scope)).toBeDefined();
    });

    it('rejects a value sealed with another secret', async () => {
      const scope = createScope();
      await store.write(scope, createToken(NOW_MS, LIFETIME_MS));
      const rotated: TokenStoreScope = { id: scope.id, encryptionKey: createScope().encryptionKey };

      expect(await store.read(rotated)).toBeUndefined();
    });

    it('expires the entry with the token', async () => {
      const scope = createScope();

      await store.write(scope, createToken(NOW_MS - 10_000, LIFETIME_MS));

      const ttlMs = await inspector.pttl(`${prefix}${scope.id}:token`);
      expect(ttlMs).toBeGreaterThan(0);
      expect(ttlMs).toBeLessThanOrEqual(LIFETIME_MS - 10_000);
    });

    it('reports expiry from the remaining TTL', async () => {
      const scope = createScope();
      await store.write(scope, createToken(NOW_MS, LIFETIME_MS));

      const read = await store.read(scope);

      expect(read?.expiresAtMs).toBeLessThanOrEqual(NOW_MS + LIFETIME_MS);
      expect(read?.expiresAtMs).toBeGreaterThan(NOW_MS);
      expect((read?.expiresAtMs ?? 0) - (read?.obtainedAtMs ?? 0)).toBe(LIFETIME_MS);
    });

    it('keeps a longer-lived token over an older one', async () => {
      const scope = createScope();
      const newer = createToken(NOW_MS, LIFETIME_MS);
      const older = createToken(NOW_MS - 30_000, LIFETIME_MS);

      await store.write(scope, newer);
      await store.write(scope, older);

      expect((await store.read(scope))?.accessToken).toBe(newer.accessToken);
    });

    it('removes only the named token', async () => {
      const scope = createScope();
      const token = createToken(NOW_MS, LIFETIME_MS);
      await store.write(scope, token);

      await store.remove(scope, 'eyJ.some-other-token.sig');
      expect((await store.read(scope))?.accessToken).toBe(token.accessToken);

      await store.remove(scope, token.accessToken);
      expect(await store.read(scope)).toBeUndefined();
    });

    it('grants the lock to one owner', async () => {
      const scope = createScope();

      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.lock(scope, LONG_LEASE_MS)),
      );

      expect(results.filter((lock) => lock !== undefined)).toHaveLength(1);
    });

    it('sets the lease as the lock TTL', async () => {
      const scope = createScope();

      await store.lock(scope, LONG_LEASE_MS);

      const ttlMs = await inspector.pttl(`${prefix}${scope.id}:lock`);
      expect(ttlMs).toBeGreaterThan(0);
      expect(ttlMs).toBeLessThanOrEqual(LONG_LEASE_MS);
    });

    it('lets the owner release the lock', async () => {
      const scope = createScope();
      const lock = await store.lock(scope, LONG_LEASE_MS);

      await lock?.release();

      expect(await store.lock(scope, LONG_LEASE_MS)).toBeDefined();
    });

    it('ignores a release by a former owner', async () => {
      const scope = createScope();
      const lockKey = `${prefix}${scope.id}:lock`;
      const first = await store.lock(scope, LONG_LEASE_MS);
      await inspector.del(lockKey);
      const second = await store.lock(scope, LONG_LEASE_MS);

      await first?.release();

      expect(second).toBeDefined();
      expect(await inspector.exists(lockKey)).toBe(1);
      expect(await store.lock(scope, LONG_LEASE_MS)).toBeUndefined();
    });

    it('extends only for the owner', async () => {
      const scope = createScope();
      const lockKey = `${prefix}${scope.id}:lock`;
      const first = await store.lock(scope, LONG_LEASE_MS);
      expect(await first?.extend(LONG_LEASE_MS * 2)).toBe(true);
      expect(await inspector.pttl(lockKey)).toBeGreaterThan(LONG_LEASE_MS);

      await inspector.del(lockKey);
      const second = await store.lock(scope, LONG_LEASE_MS);

      expect(second).toBeDefined();
      expect(await first?.extend(LONG_LEASE_MS * 2)).toBe(false);
      expect(await inspector.pttl(lockKey)).toBeLessThanOrEqual(LONG_LEASE_MS);
    });

    it('hands the lock over after the lease', async () => {
      const scope = createScope();
      const first = await store.lock(scope, SHORT_LEASE_MS);
      expect(await store.lock(scope, LONG_LEASE_MS)).toBeUndefined();

      // Redis expires the lease on its own clock, so poll; the test timeout bounds the wait.
      let next = await store.lock(scope, LONG_LEASE_MS);
      while (next === undefined) {
        await new Promise((resolve) => setTimeout(resolve, SHORT_LEASE_MS / 5));
        next = await store.lock(scope, LONG_LEASE_MS);
      }

      expect(await first?.extend(LONG_LEASE_MS)).toBe(false);
      await first?.release();
      expect(await store.lock(scope, LONG_LEASE_MS)).toBeUndefined();
    });
  },
);
