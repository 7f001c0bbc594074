// Maximum interval Node accepts. The timer never needs to fire, because it only has to exist.
const HOLD_INTERVAL_MS = 2_147_483_647;

/**
 * Holds the event loop open while at least one caller waits for a token. The manager's own
 * timers are `unref()`ed so an idle manager never keeps a process alive, but a script that
 * awaits `getToken()` during a login retry back-off must not exit before the token or the error arrives.
 */
export class KeepAlive {
  #waiting = 0;
  #handle?: ReturnType<typeof setInterval>;

  /** Resolves like `promise`, keeping the process alive until it settles. */
  async during<T>(promise: Promise<T>): Promise<T> {
    this.#waiting += 1;
    this.#handle ??= setInterval(() => {}, HOLD_INTERVAL_MS);
    try {
      return await promise;
    } finally {
      this.#waiting -= 1;
      if (this.#waiting === 0) this.#release();
    }
  }

  #release(): void {
    clearInterval(this.#handle);
    this.#handle = undefined;
  }
}
