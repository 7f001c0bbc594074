// got creates its AbortError without running `beforeError` hooks, and the error carries the
// request options with the bearer. This module redacts those options when their signal aborts.
import type { AuthorizeRequestResult } from '@ids-auth/core';
import { redactSentToken } from './credential-hygiene.js';
import type { GotRequestOptions } from './got-types.js';

type SentAuthorization = WeakMap<GotRequestOptions, AuthorizeRequestResult>;

/**
 * Returns a function that redacts the token in a request's options when their signal aborts.
 * One abort listener per signal, and weak references to the options, keep a signal shared by
 * many requests from collecting listeners or holding finished requests in memory.
 */
export function createAbortRedactor(sent: SentAuthorization): (options: GotRequestOptions) => void {
  const requestsBySignal = new WeakMap<AbortSignal, Set<WeakRef<GotRequestOptions>>>();

  return (requestOptions) => {
    const signal = requestOptions.signal;
    if (signal === undefined || signal.aborted) return;

    let requests = requestsBySignal.get(signal);
    if (requests === undefined) {
      const tracked = new Set<WeakRef<GotRequestOptions>>();
      requests = tracked;
      requestsBySignal.set(signal, tracked);
      signal.addEventListener('abort', () => redactTracked(tracked, sent), { once: true });
    }

    for (const reference of requests) {
      if (reference.deref() === undefined) requests.delete(reference);
    }
    requests.add(new WeakRef(requestOptions));
  };
}

function redactTracked(requests: Set<WeakRef<GotRequestOptions>>, sent: SentAuthorization): void {
  for (const reference of requests) {
    const requestOptions = reference.deref();
    if (requestOptions !== undefined) redactSentToken(requestOptions, sent.get(requestOptions));
  }
  requests.clear();
}
