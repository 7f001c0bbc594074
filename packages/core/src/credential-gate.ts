// After the gateway rejects the credentials, no login is sent for a growing pause, and every
// caller in that pause gets the rejection at once: bad credentials must not hammer the gateway.
import { MAX_INVALID_CREDENTIALS_BACKOFF_MS } from './defaults.js';
import { ErrorCode, IdsAuthLoginError } from './errors.js';
import type { Clock } from './types.js';

/** Tracks the pause after `IDS_AUTH_INVALID_CREDENTIALS`. */
export class CredentialGate {
  readonly #clock: Clock;
  readonly #initialBackoffMs: number;
  #rejection?: IdsAuthLoginError;
  #closedUntilMs = 0;
  #strikes = 0;

  constructor(clock: Clock, initialBackoffMs: number) {
    this.#clock = clock;
    this.#initialBackoffMs = initialBackoffMs;
  }

  /** Throws the last rejection, with the time left in `retryAfterMs`, while the pause lasts. */
  assertOpen(): void {
    const remainingMs = this.#closedUntilMs - this.#clock.now();
    if (!this.#rejection || remainingMs <= 0) return;

    throw new IdsAuthLoginError(ErrorCode.INVALID_CREDENTIALS, this.#rejection.message, {
      status: this.#rejection.status,
      retryAfterMs: remainingMs,
      cause: this.#rejection,
    });
  }

  /** Milliseconds until a login may be sent again; 0 when it may be sent now. */
  remainingMs(): number {
    return Math.max(0, this.#closedUntilMs - this.#clock.now());
  }

  /** Starts or lengthens the pause after `error`, doubling it on each repeat. */
  recordFailure(error: unknown): void {
    if (!(error instanceof IdsAuthLoginError) || error.code !== ErrorCode.INVALID_CREDENTIALS) {
      return;
    }

    const backoffMs = Math.min(
      MAX_INVALID_CREDENTIALS_BACKOFF_MS,
      this.#initialBackoffMs * 2 ** this.#strikes,
    );
    this.#strikes += 1;
    this.#rejection = error;
    this.#closedUntilMs = this.#clock.now() + backoffMs;
  }

  /** Ends the pause after a successful login. */
  reset(): void {
    this.#rejection = undefined;
    this.#closedUntilMs = 0;
    this.#strikes = 0;
  }
}
