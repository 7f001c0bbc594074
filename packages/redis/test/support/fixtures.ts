import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { TokenRecord, TokenStoreScope } from '@ids-auth/core';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { IoRedisClientLike, NodeRedisClientLike } from '../../src/index.js';

/** Creates a credential scope like the token manager's, with a random id and key. */
export function createScope(): TokenStoreScope {
  return { id: randomBytes(32).toString('hex'), encryptionKey: randomBytes(32) };
}

/** Creates a token record with a unique access token, so tests can search for it. */
export function createToken(nowMs: number, lifetimeMs: number): TokenRecord {
  return {
    accessToken: `eyJ.${randomBytes(12).toString('hex')}.sig`,
    tokenType: 'bearer',
    scope: 'urn:test',
    obtainedAtMs: nowMs,
    expiresAtMs: nowMs + lifetimeMs,
  };
}

/** Creates a unique key prefix, so test runs never see each other's keys. */
export function createPrefix(): string {
  return `ids-auth-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** A connected client of one library and a way to close it. */
export interface TestClient {
  client: IoRedisClientLike | NodeRedisClientLike;
  close(): Promise<void>;
}

/** A client library, and for node-redis optionally the RESP3 protocol. */
export type ClientLibrary = 'ioredis' | 'node-redis' | 'node-redis-resp3';

/** Connects a client of `library` to `url`; connection errors are left to the test. */
export async function connectClient(library: ClientLibrary, url: string): Promise<TestClient> {
  if (library === 'ioredis') {
    const client = new Redis(url, { lazyConnect: true });
    client.on('error', () => undefined);
    await client.connect();

    return { client, close: async () => void client.disconnect() };
  }

  const client = createClient({
    url,
    RESP: library === 'node-redis-resp3' ? 3 : 2,
    socket: { reconnectStrategy: 50 },
  });
  client.on('error', () => undefined);
  await client.connect();

  return { client, close: async () => void (client.isOpen ? client.destroy() : undefined) };
}

/** Everything a value might leak through: `util.inspect` and `JSON.stringify`. */
export function renderForLeakCheck(value: unknown): string {
  return `${inspect(value, { depth: 10, showHidden: true })}\n${JSON.stringify(value)}`;
}
