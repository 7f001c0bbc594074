import type { Clock } from '@ids-auth/core';
import { vi } from 'vitest';

/**
 * Installs vitest's fake `Date` and `setTimeout` and returns a `Clock` that reads them at call
 * time. `setImmediate`,
 * `queueMicrotask` and `process.nextTick` stay real, so promise chains settle between steps.
 */
export function installFakeClock(startMs: number): Clock {
  vi.useFakeTimers({ now: startMs, toFake: ['Date', 'setTimeout', 'clearTimeout'] });

  return {
    now: () => Date.now(),
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/** Lets pending promise callbacks run, with one real `setImmediate` turn. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Moves the fake clock forward by `ms`, firing due timers, then lets promises settle. One
 * synchronous advance per step keeps a day of half-second steps under a second of real time.
 */
export async function advance(ms: number): Promise<void> {
  vi.advanceTimersByTime(ms);
  await settle();
}
