import { randomBytes } from 'node:crypto';
import type { TokenRecord, TokenStore, TokenStoreScope } from '@ids-auth/core';
import { createClientDriver } from './client-driver.js';
import { DELETE_IF_EQUAL, READ_WITH_TTL, WRITE_UNLESS_LONGER } from './lua-scripts.js';
import { type RedisTokenStoreOptions, resolveOptions } from './options.js';
import { createOwnIoRedisClient, type OwnClient } from './own-client.js';
import { RedisConnection } from './redis-connection.js';
import { scopeKeys } from './redis-keys.js';
import { assertLeaseMs, RedisLock } from './redis-lock.js';
import { openToken, sealToken } from './sealed-token.js';

const LOCK_OWNER_BYTES = 16;

/** A token store on Redis whose `lock()` returns locks that can also be extended. */
export interface RedisTokenStore extends TokenStore {
  lock(scope: TokenStoreScope, leaseMs: number): Promise<RedisLock | undefined>;
  /** Stops using the client, and closes it if the store created it from `url`. */
  close(): Promise<void>;
}

/**
 * Creates a token store that shares one encrypted token per credential set between
 * processes through Redis, with a login lock so one process at a time logs in.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createTokenManager } from '@ids-auth/core';
 * import { createRedisTokenStore } from '@ids-auth/redis';
 *
 * const redis = new Redis(process.env.REDIS_URL);
 * const tokens = createTokenManager({ store: createRedisTokenStore({ redis }) });
 * ```
 */
export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  const { redis, url, prefix, timeoutMs, clock } = resolveOptions(options);
  const ownClient: OwnClient | undefined =
    url === undefined ? undefined : createOwnIoRedisClient(url);
  const connection = new RedisConnection(createClientDriver(ownClient?.client ?? redis), timeoutMs);

  return {
    async read(scope) {
      const keys = scopeKeys(prefix, scope);

      return connection.run('read', async (send) => {
        const sentAtMs = clock.now();
        const reply = await send(['EVAL', READ_WITH_TTL, '1', keys.token]);
        if (!Array.isArray(reply)) return undefined;

        const value = String(reply[0]);
        const token = openToken(scope, keys.token, value);
        if (token === undefined) {
          // A value that was edited, moved or sealed with another secret is unusable: delete it.
          await send(['EVAL', DELETE_IF_EQUAL, '1', keys.token, value]);

          return undefined;
        }

        return alignExpiry(token, Number(reply[1]), sentAtMs);
      });
    },

    async write(scope, token) {
      const keys = scopeKeys(prefix, scope);
      const ttlMs = Math.floor(token.expiresAtMs - clock.now());
      if (ttlMs <= 0) return;

      const value = sealToken(scope, keys.token, token);
      await connection.run('write', (send) =>
        send(['EVAL', WRITE_UNLESS_LONGER, '1', keys.token, value, String(ttlMs)]),
      );
    },

    async remove(scope, accessToken) {
      const keys = scopeKeys(prefix, scope);

      return connection.run('remove', async (send) => {
        const value = await send(['GET', keys.token]);
        if (value === null || value === undefined) return;

        const stored = openToken(scope, keys.token, String(value));
        if (stored !== undefined && stored.accessToken !== accessToken) return;

        await send(['EVAL', DELETE_IF_EQUAL, '1', keys.token, String(value)]);
      });
    },

    async lock(scope, leaseMs) {
      const keys = scopeKeys(prefix, scope);
      assertLeaseMs(leaseMs);

      const owner = randomBytes(LOCK_OWNER_BYTES).toString('hex');
      const lock = new RedisLock(connection, keys.lock, owner);
      const reply = await connection.run(
        'lock',
        (send) => send(['SET', keys.lock, owner, 'NX', 'PX', String(Math.ceil(leaseMs))]),
        // A lock granted after the deadline has no holder that would release it.
        (lateReply) => {
          if (lateReply === 'OK') lock.release().catch(() => undefined);
        },
      );

      return reply === 'OK' ? lock : undefined;
    },

    async close() {
      connection.close();
      await ownClient?.close();
    },
  };
}

/**
 * Re-expresses a stored token's expiry on this host's clock: Redis counts the entry's time to
 * live down on its own clock, so a reader whose clock disagrees with the writer's still gets
 * the true remaining life. Measuring from before the request keeps the result conservative.
 */
function alignExpiry(token: TokenRecord, ttlMs: number, sentAtMs: number): TokenRecord {
  if (!Number.isFinite(ttlMs) || ttlMs < 0) return token;

  const lifetimeMs = token.expiresAtMs - token.obtainedAtMs;
  const expiresAtMs = sentAtMs + ttlMs;

  return { ...token, obtainedAtMs: expiresAtMs - lifetimeMs, expiresAtMs };
}
