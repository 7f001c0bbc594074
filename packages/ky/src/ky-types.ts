import type { AuthorizeRequestResult } from '@ids-auth/core';

/** A hook in the form both ky 1 and ky 2 accept: it reads its arguments at run time. */
export type KyHook<Result> = (...args: unknown[]) => Promise<Result>;

/**
 * A `beforeError` hook in both forms: ky 1 calls it with the error and expects that error
 * back, ky 2 calls it with one object and expects an error.
 */
export type KyBeforeErrorHook = (<E extends Error>(error: E, state: unknown) => Promise<E>) &
  ((state: { error: Error }) => Promise<Error>);

/** The options object `idsAuth()` returns, to pass to `ky.create()` or `ky.extend()`. */
export interface IdsAuthKyOptions {
  /** One hook for each ky hook list the adapter uses. */
  hooks: {
    /** Sets the bearer and rewrites `x-instauth`. ky 1 runs it before every attempt, ky 2 once. */
    beforeRequest: [KyHook<void>];
    /** Sets the then-current token before each ky 2 retry and stops retries of our errors. */
    beforeRetry: [KyHook<void>];
    /** Refreshes the token after a 401 and sends the request once more. */
    afterResponse: [KyHook<Response | undefined>];
    /** Replaces the token in the failed call's requests with its fingerprint. */
    beforeError: [KyBeforeErrorHook];
  };
}

/** Per-call record of the authorization sent and the 401 retry. */
export interface CallState {
  sent?: AuthorizeRequestResult;
  /** Whether this call already had its one retry after a 401. */
  retried: boolean;
  /** True on ky 1, whose `beforeRequest` runs again before each retry. */
  beforeRequestEveryAttempt: boolean;
  /** Requests of this call that carry a token these hooks set, for redaction on error. */
  authorized: Array<{ request: Request; token: string }>;
}
