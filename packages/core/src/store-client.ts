// Calls to the user's TokenStore, each bounded by a timeout. A failure never reaches the
// caller: it becomes one `store:unavailable` event per outage and the manager logs in itself.
import { startTimer } from './clock.js';
import { ErrorCode } from './errors.js';
import type { EventHub } from './events.js';
import { isTokenRecord } from './expiry-policy.js';
import type { Clock, TokenRecord, TokenStore, TokenStoreLock, TokenStoreScope } from './types.js';

/** Result of a store call: its value, or `ok: false` after an error or a timeout. */
export type StoreOutcome<T> = { ok: true; value: T } | { ok: false };

const TIMED_OUT = Symbol('timed out');

/** A `TokenStore` bound to one scope, with timeouts and outage events. */
export class StoreClient {
  readonly #store: TokenStore;
  readonly #scope: TokenStoreScope;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #events: EventHub;
  #unavailable = false;

  constructor(
    store: TokenStore,
    scope: TokenStoreScope,
    options: { clock: Clock; timeoutMs: number; events: EventHub },
  ) {
    this.#store = store;
    this.#scope = scope;
    this.#clock = options.clock;
    this.#timeoutMs = options.timeoutMs;
    this.#events = options.events;
  }

  /** Reads the shared token; a stored value that is not a token record counts as none. */
  async read(): Promise<StoreOutcome<TokenRecord | undefined>> {
    const outcome = await this.#call('read', () => this.#store.read(this.#scope));

    return outcome.ok && !isTokenRecord(outcome.value) ? { ok: true, value: undefined } : outcome;
  }

  /** Shares `record`; returns whether the store took it. */
  async write(record: TokenRecord): Promise<boolean> {
    const outcome = await this.#call('write', () => this.#store.write(this.#scope, record));

    return outcome.ok;
  }

  /** Removes `accessToken` from the store if it is still the shared token. */
  async remove(accessToken: string): Promise<void> {
    await this.#call('remove', () => this.#store.remove(this.#scope, accessToken));
  }

  /** Takes the login lock. A lock granted after the timeout is released at once. */
  lock(leaseMs: number): Promise<StoreOutcome<TokenStoreLock | undefined>> {
    return this.#call(
      'lock',
      () => this.#store.lock(this.#scope, leaseMs),
      (late) => {
        late?.release().catch(() => undefined);
      },
    );
  }

  /** Renews the lease of `lock` where the store supports it; returns whether it still holds. */
  async extend(lock: TokenStoreLock, leaseMs: number): Promise<boolean> {
    const extend = lock.extend?.bind(lock);
    if (!extend) return true;

    const outcome = await this.#call('extend', () => extend(leaseMs));

    return outcome.ok && outcome.value;
  }

  /** Releases `lock`, reporting a failure as an outage. */
  async release(lock: TokenStoreLock): Promise<void> {
    await this.#call('release', () => lock.release());
  }

  async #call<T>(
    operation: string,
    run: () => Promise<T>,
    onLateValue?: (value: T) => void,
  ): Promise<StoreOutcome<T>> {
    let cancelTimer = () => {};
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      cancelTimer = startTimer(this.#clock, () => resolve(TIMED_OUT), this.#timeoutMs);
    });
    const pending = Promise.resolve().then(run);
    try {
      const value = await Promise.race([pending, timedOut]);
      if (value === TIMED_OUT) {
        if (onLateValue) pending.then(onLateValue, () => undefined);
        else pending.catch(() => undefined);

        return this.#fail(operation, ErrorCode.TIMEOUT);
      }

      this.#recover();
      return { ok: true, value };
    } catch (error) {
      return this.#fail(operation, errorCodeOf(error));
    } finally {
      cancelTimer();
    }
  }

  #fail(operation: string, code: string): { ok: false } {
    if (!this.#unavailable) {
      this.#unavailable = true;
      this.#events.emit('store:unavailable', { operation, code });
    }

    return { ok: false };
  }

  #recover(): void {
    if (!this.#unavailable) return;

    this.#unavailable = false;
    this.#events.emit('store:recovered', {});
  }
}

// Only a short code leaves the store error, because its message or properties may quote
// commands and values.
function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;

  return error instanceof Error ? error.name : 'UNKNOWN';
}
