import type { GotHeaders } from './header-access.js';

/** The fields of got's normalized `Options` that the hooks read and edit (got 14 and 16). */
export interface GotRequestOptions {
  url?: string | URL | undefined;
  headers: GotHeaders;
  context: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** The fields of got's `Response` that the `afterResponse` hook reads. */
export interface GotResponse {
  statusCode: number;
  url: string;
  request: { options: GotRequestOptions };
}

/** Options the hook passes to got's `retryWithMergedOptions` for the retry after a 401. */
export interface GotRetryOptions {
  headers: Record<string, string>;
  context: Record<string, unknown>;
  preserveHooks: boolean;
}

/** The options object `idsAuth()` returns, to pass to `got.extend()`. */
export interface IdsAuthGotOptions {
  hooks: {
    /** Sets the bearer, rewrites `x-instauth` and records the token sent. */
    beforeRequest: [(options: GotRequestOptions) => Promise<void>];
    /** Removes `Authorization` and `x-instauth` when a redirect leaves the origin. */
    beforeRedirect: [(options: GotRequestOptions, response: { url: string }) => void];
    /** Replaces the token in the failed request's options with its fingerprint. */
    beforeError: [<E extends Error & { options?: GotRequestOptions }>(error: E) => E];
    /** Refreshes the token after a 401 and retries the request once. */
    afterResponse: [
      <R extends GotResponse>(
        response: R,
        retryWithMergedOptions: (options: GotRetryOptions) => never,
      ) => Promise<R>,
    ];
  };
}
