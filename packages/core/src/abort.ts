import { startTimer } from './clock.js';
import { ErrorCode, IdsAuthError } from './errors.js';
import type { Clock } from './types.js';

/** Converts an abort reason into the error a waiting caller receives. */
export function toAbortError(reason: unknown): IdsAuthError {
  if (reason instanceof IdsAuthError) return reason;

  return new IdsAuthError(
    ErrorCode.ABORTED,
    'The token request was aborted by its AbortSignal. Pass a signal that is not aborted to get a token.',
    { cause: reason },
  );
}

/**
 * Resolves like `promise`, or rejects as soon as `signal` aborts. The promise itself goes on,
 * because other callers may be waiting for it.
 */
export function raceSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;

  if (signal.aborted) return Promise.reject(toAbortError(signal.reason));

  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(toAbortError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Waits `delayMs` on `clock`, rejecting early if `signal` aborts. */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  const elapsed = new Promise<void>((resolve) => {
    const cancel = startTimer(clock, done, delayMs);
    signal?.addEventListener('abort', cancel, { once: true });

    function done() {
      signal?.removeEventListener('abort', cancel);
      resolve();
    }
  });

  return raceSignal(elapsed, signal);
}
