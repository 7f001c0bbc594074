// Refresh ahead: once a token in use enters its refresh margin, one background login runs
// while callers keep getting the still-valid token. A failed refresh is retried with back-off
// for as long as the old token can still be handed out.
import { startTimerAt } from './clock.js';
import type { CredentialGate } from './credential-gate.js';
import type { EventHub } from './events.js';
import { isRefreshDue, refreshAtMs, usableUntilMs } from './expiry-policy.js';
import { fingerprintToken } from './fingerprint.js';
import { backoffDelayMs } from './retry-delay.js';
import type { Clock, TokenRecord } from './types.js';

/** Dependencies of the scheduler, provided by the manager. */
export interface BackgroundRefreshOptions {
  clock: Clock;
  refreshMarginMs: number;
  random: () => number;
  gate: CredentialGate;
  events: EventHub;
  /** Starts the shared login that replaces `replacedToken`. */
  refresh(replacedToken: string): Promise<unknown>;
}

/** Schedules and retries the background refresh of the current token. */
export class BackgroundRefresh {
  readonly #options: BackgroundRefreshOptions;
  #record?: TokenRecord;
  #usedSinceScheduled = false;
  #running = false;
  #failures = 0;
  #notBeforeMs = 0;
  #cancelTimer = () => {};

  constructor(options: BackgroundRefreshOptions) {
    this.#options = options;
  }

  /**
   * Plans the refresh of a newly adopted token at the start of its refresh margin. A token
   * that a caller waited for counts as used. A token from a background refresh counts as used
   * only if the old token was handed out while the refresh ran.
   */
  schedule(record: TokenRecord): void {
    this.stop();
    this.#record = record;
    this.#usedSinceScheduled = this.#usedSinceScheduled || !this.#running;
    this.#failures = 0;
    this.#notBeforeMs = 0;
    this.#startTimerAt(record, refreshAtMs(record, this.#options.refreshMarginMs), {
      onlyIfUsed: true,
    });
  }

  /** Records that `record` was handed out, and refreshes it now if its margin has begun. */
  noteUse(record: TokenRecord): void {
    if (record !== this.#record) return;

    this.#usedSinceScheduled = true;
    if (isRefreshDue(record, this.#options.clock.now(), this.#options.refreshMarginMs)) {
      this.#start(record);
    }
  }

  /** Cancels the pending timer and drops the token. */
  stop(): void {
    this.#cancelTimer();
    this.#record = undefined;
  }

  #startTimerAt(record: TokenRecord, atMs: number, { onlyIfUsed }: { onlyIfUsed: boolean }): void {
    this.#cancelTimer();
    const { clock, events } = this.#options;
    events.emit('refresh:scheduled', {
      atMs,
      tokenFingerprint: fingerprintToken(record.accessToken),
    });
    // An unused token is not refreshed by the timer, so an idle process stops logging in.
    // A retry runs regardless, because its token was in use when the refresh began.
    const onTimer = () => (this.#usedSinceScheduled || !onlyIfUsed) && this.#start(record);
    this.#cancelTimer = startTimerAt(clock, onTimer, atMs);
  }

  #start(record: TokenRecord): void {
    const nowMs = this.#options.clock.now();
    if (this.#running || record !== this.#record || nowMs < this.#notBeforeMs) return;

    this.#running = true;
    this.#usedSinceScheduled = false;
    this.#options
      .refresh(record.accessToken)
      .catch(() => this.#scheduleRetry(record))
      .finally(() => {
        this.#running = false;
      });
  }

  #scheduleRetry(record: TokenRecord): void {
    if (record !== this.#record) return;

    const { clock, gate, random } = this.#options;
    this.#failures += 1;
    const delayMs = Math.max(backoffDelayMs(this.#failures, random), gate.remainingMs());
    const retryAtMs = clock.now() + delayMs;
    this.#notBeforeMs = retryAtMs;
    // Once the token can no longer be handed out, the next caller's own login takes over.
    if (retryAtMs >= usableUntilMs(record)) return;

    this.#startTimerAt(record, retryAtMs, { onlyIfUsed: false });
  }
}
