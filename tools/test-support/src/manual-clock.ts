import type { Clock } from '@ids-auth/core';

interface Timer {
  atMs: number;
  callback: () => void;
}

/** A clock for the token manager that moves only when the test calls `advance()`. */
export interface ManualClock extends Clock {
  /** Moves the time forward by `ms` and fires every timer that is due, earliest first. */
  advance(ms: number): void;
}

/**
 * Creates a manual clock that starts at `startMs` (epoch milliseconds).
 *
 * Timers due at the same time fire in the order they were set. Timers set by a callback
 * during `advance()` wait for the next call.
 *
 * @param startMs - Initial time; defaults to `Date.now()`. Pass a fixed value when a test must
 *   not depend on today's date.
 */
export function createManualClock(startMs = Date.now()): ManualClock {
  let nowMs = startMs;
  const timers = new Set<Timer>();

  return {
    now: () => nowMs,
    setTimeout(callback, delayMs) {
      const timer = { atMs: nowMs + delayMs, callback };
      timers.add(timer);
      return timer;
    },
    clearTimeout(handle) {
      timers.delete(handle as Timer);
    },
    advance(ms) {
      nowMs += ms;
      // Array.prototype.sort is stable, so timers with equal due times keep insertion order.
      const due = [...timers].filter((timer) => timer.atMs <= nowMs);
      for (const timer of due.sort((a, b) => a.atMs - b.atMs)) {
        // An earlier callback may have cleared this timer.
        if (!timers.has(timer)) continue;

        timers.delete(timer);
        timer.callback();
      }
    },
  };
}
