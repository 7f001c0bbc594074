import type { Clock } from '@ids-auth/core';
import type { IoRedisClientLike, NodeRedisClientLike } from './client-driver.js';

/** Default prefix of every key the store writes. */
export const DEFAULT_PREFIX = 'ids-auth:';
/** Default deadline of one store call, including the wait for a first connection. */
export const DEFAULT_TIMEOUT_MS = 1_000;

/** Options of `createRedisTokenStore()`. Pass `redis` or `url`, not both. */
export interface RedisTokenStoreOptions {
  /**
   * A connected ioredis (v5 or later) or node-redis (v4 or later) client. The store never
   * closes it. Attach an `'error'` listener to it, as both libraries expect.
   */
  redis?: IoRedisClientLike | NodeRedisClientLike;
  /**
   * Redis URL such as `redis://user:password@host:6379/0`; the store creates an ioredis
   * client for it and closes that client in `close()`. Requires the `ioredis` package.
   */
  url?: string;
  /** Prepended to every key. Give each environment its own prefix. @default 'ids-auth:' */
  prefix?: string;
  /**
   * Deadline of one store call in milliseconds. A call that needs longer rejects with
   * `IDS_AUTH_STORE_TIMEOUT`. @default 1000
   */
  timeoutMs?: number;
  /** Time source for token lifetimes. @default the system clock */
  clock?: Pick<Clock, 'now'>;
}

/** Options after defaults, with exactly one of `redis` and `url`. */
export interface ResolvedOptions {
  redis: unknown;
  url: string | undefined;
  prefix: string;
  timeoutMs: number;
  clock: Pick<Clock, 'now'>;
}

const systemClock: Pick<Clock, 'now'> = { now: () => Date.now() };

/** Checks `options` and fills in defaults; throws a `TypeError` naming a misused option. */
export function resolveOptions(options: RedisTokenStoreOptions): ResolvedOptions {
  const { redis, url, prefix = DEFAULT_PREFIX, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if ((redis === undefined) === (url === undefined)) {
    throw new TypeError(
      `createRedisTokenStore() needs exactly one of options.redis (a client) and options.url; ${
        redis === undefined ? 'both are undefined (is REDIS_URL set?)' : 'both are set'
      }.`,
    );
  }
  if (url !== undefined && (typeof url !== 'string' || url === '')) {
    throw new TypeError('options.url must be a non-empty Redis URL such as redis://host:6379.');
  }
  if (typeof prefix !== 'string') {
    throw new TypeError(`options.prefix must be a string; received ${typeof prefix}.`);
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(
      `options.timeoutMs must be a positive integer of milliseconds; received ${String(timeoutMs)}.`,
    );
  }

  return { redis, url, prefix, timeoutMs, clock: options.clock ?? systemClock };
}
