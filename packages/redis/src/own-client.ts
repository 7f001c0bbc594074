import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { IoRedisClientLike } from './client-driver.js';

/** Time allowed for opening a TCP connection to Redis. */
const CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect delays grow by this step per failed attempt... */
const RECONNECT_STEP_MS = 100;
/** ...up to this cap, so the store finds a restarted Redis within about a second. */
const RECONNECT_MAX_DELAY_MS = 1_000;

/** A client the store created and therefore closes. */
export interface OwnClient {
  client: IoRedisClientLike;
  close(): Promise<void>;
}

/**
 * Creates the ioredis client for `options.url`. Commands fail at once while disconnected
 * (no offline queue, no resends), because the token manager then logs in on its own.
 */
export function createOwnIoRedisClient(url: string): OwnClient {
  const ioredis = loadIoRedis();
  const client: Redis = new ioredis.Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * RECONNECT_STEP_MS, RECONNECT_MAX_DELAY_MS),
  });
  // Connection errors reach callers as rejected store calls and the manager's
  // 'store:unavailable' event; without a listener ioredis would print each one.
  client.on('error', () => undefined);

  return {
    client,
    async close() {
      // quit() lets sent commands finish; it rejects when no connection is open.
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function loadIoRedis(): typeof import('ioredis') {
  const require = createRequire(import.meta.url);
  try {
    return require('ioredis') as typeof import('ioredis');
  } catch (error) {
    throw new TypeError(
      'options.url needs the ioredis package; install it (npm install ioredis) or pass a ' +
        'node-redis client as options.redis.',
      { cause: error },
    );
  }
}
