import type { Clock } from '@ids-auth/core';

/** A clock for the token manager that moves only when the test calls `advance()`. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function createManualClock(startMs = Date.now()): ManualClock {
  let nowMs = startMs;
  let nextId = 0;
  const timers = new Map<number, { atMs: number; callback: () => void }>();

  return {
    now: () => nowMs,
    setTimeout(callback, delayMs) {
      nextId += 1;
      timers.set(nextId, { atMs: nowMs + delayMs, callback });
      return nextId;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      nowMs += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].atMs - b[1].atMs)) {
        if (timer.atMs > nowMs) continue;

        timers.delete(id);
        timer.callback();
      }
    },
  };
}
