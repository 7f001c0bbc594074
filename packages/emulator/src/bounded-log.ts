/** An append-only log that keeps the newest `capacity` entries. */
export class BoundedLog<T> {
  #entries: T[] = [];

  constructor(readonly capacity: number) {}

  /** Appends an entry, dropping the oldest ones in batches to keep appends cheap. */
  push(entry: T): void {
    this.#entries.push(entry);
    if (this.#entries.length >= this.capacity * 2) {
      this.#entries = this.#entries.slice(-this.capacity);
    }
  }

  /** Returns copies of the newest `capacity` entries, oldest first. */
  snapshot(): T[] {
    return this.#entries.slice(-this.capacity).map((entry) => ({ ...entry }));
  }

  /** Removes every entry. */
  clear(): void {
    this.#entries = [];
  }
}
