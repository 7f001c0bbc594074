/** A queue of faults, each applied to a number of consecutive requests. */
export class FaultQueue<T> {
  #entries: { fault: T; remaining: number }[] = [];

  /** Appends `fault` for the next `count` requests after the faults already queued. */
  add(fault: T, count: number): void {
    if (count > 0) this.#entries.push({ fault, remaining: count });
  }

  /** Consumes one use of the first queued fault and returns it, or `undefined` when empty. */
  take(): T | undefined {
    const first = this.#entries[0];
    if (first === undefined) {
      return undefined;
    }

    first.remaining -= 1;
    if (first.remaining <= 0) this.#entries.shift();

    return first.fault;
  }

  /** Removes every queued fault. */
  clear(): void {
    this.#entries = [];
  }
}
