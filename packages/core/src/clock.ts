import type { Clock } from './types.js';

/** Largest delay Node's timers accept; longer delays would fire at once. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** The system clock: `Date.now()` and the global timers, read at call time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Starts a timer on `clock` and `unref()`s it where the handle allows, so a pending refresh
 * or timeout never keeps the process alive. Returns a function that cancels the timer.
 */
export function startTimer(clock: Clock, callback: () => void, delayMs: number): () => void {
  const boundedDelayMs = Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS);
  const handle = clock.setTimeout(callback, boundedDelayMs);
  const unref = (handle as { unref?: unknown } | null)?.unref;
  if (typeof unref === 'function') unref.call(handle);

  return () => clock.clearTimeout(handle);
}

/**
 * Starts a timer that fires at epoch time `atMs` on `clock`, even beyond the longest delay a
 * Node timer accepts, by re-arming until the time is reached. Returns a cancel function.
 */
export function startTimerAt(clock: Clock, callback: () => void, atMs: number): () => void {
  let cancel = () => {};
  const arm = () => {
    const delayMs = atMs - clock.now();
    cancel =
      delayMs > MAX_TIMER_DELAY_MS
        ? startTimer(clock, arm, MAX_TIMER_DELAY_MS)
        : startTimer(clock, callback, delayMs);
  };
  arm();

  return () => cancel();
}
