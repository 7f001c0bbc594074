import type { GotHeaders } from './header-access.js';

/** The fields of got's normalized `Options` that the hooks read and edit (got 14 and 16). */
export interface GotRequestOptions {
  /** Request URL, with any `prefixUrl` already applied. */
  url?: string | URL | undefined;
  /** Request headers, which the hooks edit in place. */
  headers: GotHeaders;
  /** got's per-request `context` object, which carries the mark of the retry after a 401. */
  context: Record<string, unknown>;
  /** Request body. The retry after a 401 re-sends it only if it can be sent again. */
  body?: unknown;
  /** Abort signal of the request. It also abandons the request's wait for a token. */
  signal?: AbortSignal | undefined;
  /** Whether the request was made with `got.stream()`, whose responses skip `afterResponse`. */
  isStream?: boolean;
}

/** The fields of a got error that the `beforeError` hook reads. */
export interface GotHookError {
  /** Options of the failed request, when got attached them to the error. */
  options?: GotRequestOptions;
  /** The response of an `HTTPError`. */
  response?: { statusCode: number };
}

/** The fields of got's `Response` that the `afterResponse` hook reads. */
export interface GotResponse {
  /** HTTP status code. */
  statusCode: number;
  /** URL of the response, after any redirects. */
  url: string;
  /** The request that got this response. */
  request: {
    /** The options that request was sent with. */
    options: GotRequestOptions;
  };
}

/** Options the hook passes to got's `retryWithMergedOptions` for the retry after a 401. */
export interface GotRetryOptions {
  /** The new `Authorization` header, merged into the failed request's headers. */
  headers: Record<string, string>;
  /** Mark of the retry after a 401, so that a second 401 reaches the caller. */
  context: Record<string, unknown>;
  /** Always `true`, so the `afterResponse` hooks placed after ours also see the retried response. */
  preserveHooks: boolean;
}

/** The options object `idsAuth()` returns, to pass to `got.extend()`. */
export interface IdsAuthGotOptions {
  /** One hook for each got hook list the adapter uses. */
  hooks: {
    /** Sets the bearer, rewrites `x-instauth` and records the token sent. */
    beforeRequest: [(options: GotRequestOptions) => Promise<void>];
    /** Removes `Authorization` and `x-instauth` when a redirect leaves the origin. */
    beforeRedirect: [(options: GotRequestOptions, response: { url: string }) => void];
    /**
     * Replaces the token in the failed request's options with its fingerprint, and invalidates
     * the token after a 401 on `got.stream()`.
     */
    beforeError: [
      <
        E extends Error & {
          /** Options of the failed request, when got attached them to the error. */
          options?: GotRequestOptions;
        },
      >(
        error: E,
      ) => E,
    ];
    /** Refreshes the token after a 401 and retries the request once. */
    afterResponse: [
      <R extends GotResponse>(
        response: R,
        retryWithMergedOptions: (options: GotRetryOptions) => never,
      ) => Promise<R>,
    ];
  };
}
