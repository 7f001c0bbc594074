// Type fixture for @ids-auth/redis, compiled against the packed declarations only.
import { createTokenManager, type TokenStore } from '@ids-auth/core';
import { createRedisTokenStore } from '@ids-auth/redis';
import type { Redis } from 'ioredis';

declare const redis: Redis;

const store: TokenStore = createRedisTokenStore({ redis });
export const manager = createTokenManager({ baseUrl: 'http://127.0.0.1:9', store });
