export type { IoRedisClientLike, NodeRedisClientLike } from './client-driver.js';
export { createRedisTokenStore, type RedisTokenStore } from './create-redis-token-store.js';
export { RedisStoreError, RedisStoreErrorCode } from './errors.js';
export { DEFAULT_PREFIX, DEFAULT_TIMEOUT_MS, type RedisTokenStoreOptions } from './options.js';
export type { RedisLock } from './redis-lock.js';
