import type { ClientDriver } from './client-driver.js';
import { RedisStoreError, RedisStoreErrorCode } from './errors.js';

/**
 * Runs store operations on a client with a deadline each. Commands are sent only while the
 * client is ready, so an outage never fills the client's offline queue:
 * - before the first connection, an operation waits for it until its deadline;
 * - after a lost connection, operations fail at once until the client reconnects.
 */
export class RedisConnection {
  readonly #driver: ClientDriver;
  readonly #timeoutMs: number;
  readonly #stopListening: () => void;
  #readyWaiters = new Set<() => void>();
  #wasReady: boolean;
  #closed = false;

  constructor(driver: ClientDriver, timeoutMs: number) {
    this.#driver = driver;
    this.#timeoutMs = timeoutMs;
    this.#wasReady = driver.isReady();
    this.#stopListening = driver.onReady(() => this.#handleReady());
  }

  /**
   * Runs `work` once the client is ready; rejects with a `RedisStoreError` on any failure.
   * After the deadline no further command is sent. A result that arrives later anyway goes
   * to `onLateResult`, so that a caller can undo it.
   */
  async run<T>(
    operation: string,
    work: (send: ClientDriver['send']) => Promise<T>,
    onLateResult?: (value: T) => void,
  ): Promise<T> {
    if (this.#closed) throw this.#closedError(operation);

    const attempt = { expired: false };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        attempt.expired = true;
        reject(this.#timeoutError(operation));
      }, this.#timeoutMs);
      timer.unref();
    });
    const pending = this.#runWhenReady(operation, work, attempt);
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      if (attempt.expired) pending.then(onLateResult, () => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops listening to the client and rejects pending and later operations. */
  close(): void {
    this.#closed = true;
    this.#stopListening();
    this.#releaseWaiters();
  }

  async #runWhenReady<T>(
    operation: string,
    work: (send: ClientDriver['send']) => Promise<T>,
    attempt: { expired: boolean },
  ): Promise<T> {
    await this.#waitUntilReady(operation);
    if (this.#closed) throw this.#closedError(operation);

    return work((args) => {
      if (attempt.expired) return Promise.reject(this.#timeoutError(operation));

      return this.#send(operation, args);
    });
  }

  async #send(operation: string, args: string[]): Promise<unknown> {
    try {
      return await this.#driver.send(args);
    } catch (error) {
      // The client's error is summarized, not attached as the cause: ioredis 6.1 sets
      // `error.command.args` on reply errors, and those arguments include stored values.
      throw this.#unavailableError(operation, `Redis rejected a command (${describe(error)})`);
    }
  }

  async #waitUntilReady(operation: string): Promise<void> {
    if (this.#driver.isReady()) return;

    if (this.#driver.isClosed()) {
      throw this.#unavailableError(
        operation,
        'the client is closed or not connected; call connect() on it first',
      );
    }
    if (this.#wasReady) {
      throw this.#unavailableError(operation, 'the connection to Redis was lost; retry later');
    }

    this.#driver.startConnecting();
    await new Promise<void>((resolve) => this.#readyWaiters.add(resolve));
  }

  #handleReady(): void {
    this.#wasReady = true;
    this.#releaseWaiters();
  }

  #releaseWaiters(): void {
    const waiters = [...this.#readyWaiters];
    this.#readyWaiters.clear();
    for (const resolve of waiters) resolve();
  }

  #closedError(operation: string): RedisStoreError {
    return new RedisStoreError(
      RedisStoreErrorCode.CLOSED,
      operation,
      `Redis token store ${operation} failed: the store is closed; create a new store.`,
    );
  }

  #unavailableError(operation: string, reason: string): RedisStoreError {
    return new RedisStoreError(
      RedisStoreErrorCode.UNAVAILABLE,
      operation,
      `Redis token store ${operation} failed: ${reason}.`,
    );
  }

  #timeoutError(operation: string): RedisStoreError {
    return new RedisStoreError(
      RedisStoreErrorCode.TIMEOUT,
      operation,
      `Redis token store ${operation} timed out after ${this.#timeoutMs} ms; ` +
        'check that Redis is reachable or raise options.timeoutMs.',
    );
  }
}

/** Names an error by class and message only. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;

  return String(error);
}
