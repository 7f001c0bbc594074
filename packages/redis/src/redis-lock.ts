import type { TokenStoreLock } from '@ids-auth/core';
import { DELETE_IF_EQUAL, EXTEND_IF_OWNER } from './lua-scripts.js';
import type { RedisConnection } from './redis-connection.js';

/** Throws a `TypeError` unless `leaseMs` is a positive number of milliseconds. */
export function assertLeaseMs(leaseMs: unknown): asserts leaseMs is number {
  if (typeof leaseMs === 'number' && Number.isFinite(leaseMs) && leaseMs > 0) return;

  throw new TypeError(
    `leaseMs must be a positive number of milliseconds; received ${String(leaseMs)}.`,
  );
}

/**
 * A login lock in Redis, taken with `SET key owner NX PX lease`. Only the holder's random
 * owner id can release or extend it. If the holder dies, the lease runs out and another
 * process can take the lock.
 */
export class RedisLock implements TokenStoreLock {
  readonly #connection: RedisConnection;
  readonly #key: string;
  readonly #owner: string;

  constructor(connection: RedisConnection, key: string, owner: string) {
    this.#connection = connection;
    this.#key = key;
    this.#owner = owner;
  }

  /**
   * Deletes the lock if this owner still holds it. Resolves without change when the lease
   * has run out or another owner holds it; rejects with a `RedisStoreError` when Redis fails.
   */
  async release(): Promise<void> {
    await this.#connection.run('release', (send) =>
      send(['EVAL', DELETE_IF_EQUAL, '1', this.#key, this.#owner]),
    );
  }

  /**
   * Sets the remaining lease to `leaseMs` if this owner still holds the lock. Returns whether
   * it did; `false` means the lease ran out and another process may be logging in.
   */
  async extend(leaseMs: number): Promise<boolean> {
    assertLeaseMs(leaseMs);

    const reply = await this.#connection.run('extend', (send) =>
      send(['EVAL', EXTEND_IF_OWNER, '1', this.#key, this.#owner, String(Math.ceil(leaseMs))]),
    );

    return Number(reply) === 1;
  }
}
