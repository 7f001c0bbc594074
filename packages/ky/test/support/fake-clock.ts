import type { Clock } from '@ids-auth/core';

interface Timer {
  atMs: number;
  callback: () => void;
}

/** A clock that moves only when the test calls `advance()`, firing the timers that fall due. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function createFakeClock(startMs = Date.UTC(2026, 0, 1)): FakeClock {
  let nowMs = startMs;
  const timers = new Set<Timer>();

  return {
    now: () => nowMs,
    setTimeout: (callback, delayMs) => {
      const timer = { atMs: nowMs + delayMs, callback };
      timers.add(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as Timer);
    },
    advance: (ms) => {
      nowMs += ms;
      for (const timer of [...timers]) {
        if (timer.atMs > nowMs) continue;
        timers.delete(timer);
        timer.callback();
      }
    },
  };
}
