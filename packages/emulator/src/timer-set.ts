/** Thrown into a pending {@link TimerSet.delay} when the gateway closes. */
export class GatewayClosedError extends Error {
  constructor() {
    super('the gateway closed while a delayed response was pending');
    this.name = 'GatewayClosedError';
  }
}

/** Timers of one gateway, so that `close()` can cancel every pending delay. */
export class TimerSet {
  readonly #pending = new Map<ReturnType<typeof setTimeout>, (error: Error) => void>();
  #closed = false;

  /** Resolves after `ms`, or rejects with {@link GatewayClosedError} on `cancelAll()`. */
  delay(ms: number): Promise<void> {
    if (this.#closed) {
      return Promise.reject(new GatewayClosedError());
    }

    return new Promise((resolve, reject) => {
      // setTimeout is read at call time so that fake timers installed by a test apply.
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve();
      }, ms);
      this.#pending.set(timer, reject);
    });
  }

  /** Cancels every pending delay and rejects its promise. */
  cancelAll(): void {
    this.#closed = true;
    for (const [timer, reject] of this.#pending) {
      clearTimeout(timer);
      reject(new GatewayClosedError());
    }
    this.#pending.clear();
  }
}
