import type { AxiosRequestConfigLike } from './axios-like.js';

/** Returns the request's `signal` if it is a real `AbortSignal`, which the core can listen to. */
export function abortSignalOf(config: AxiosRequestConfigLike): AbortSignal | undefined {
  // axios also accepts signal-like objects without the full AbortSignal interface.
  return config.signal instanceof AbortSignal ? config.signal : undefined;
}
