import type { AxiosRequestConfigLike } from './axios-like.js';

// A symbol key lives only as long as one dispatch. axios copies symbol keys into the config
// it hands to the adapter but drops them when it merges a config again. A re-dispatch by
// axios-retry therefore starts without it, and the request interceptor decides afresh.
const SENT_BEARER = Symbol('ids-auth.sent-bearer');

// A string key survives axios's config merge, so a request re-sent by axios-retry after our
// 401 retry still counts as retried and never gets a second one.
const RETRY_STATE_KEY = 'ids-auth';

/** The managed token one request carried. The token is a private field, so `util.inspect`
 * and `JSON.stringify` of an axios config or error do not show it through this object. */
export class SentBearer {
  readonly #token: string;
  #redirectedAway = false;

  constructor(token: string) {
    this.#token = token;
  }

  get token(): string {
    return this.#token;
  }

  /** Whether a redirect left the origin, so the token was removed before the response. */
  get redirectedAway(): boolean {
    return this.#redirectedAway;
  }

  noteRedirectedAway(): void {
    this.#redirectedAway = true;
  }
}

type ConfigWithState = AxiosRequestConfigLike & {
  [SENT_BEARER]?: SentBearer;
  [RETRY_STATE_KEY]?: { retriedAfter401?: boolean };
};

/**
 * Records which managed token the interceptor put on `config` and returns the record, or
 * clears the record when `token` is undefined.
 */
export function recordSentBearer(
  config: AxiosRequestConfigLike,
  token?: string,
): SentBearer | undefined {
  const state = config as ConfigWithState;
  if (token === undefined) {
    delete state[SENT_BEARER];
    return undefined;
  }

  const sent = new SentBearer(token);
  state[SENT_BEARER] = sent;

  return sent;
}

/** Returns the managed token the request carried, if the interceptor set one. */
export function readSentBearer(config: AxiosRequestConfigLike): string | undefined {
  return (config as ConfigWithState)[SENT_BEARER]?.token;
}

/** Tells whether a redirect took the request away from the origin that got the token. */
export function wasRedirectedAway(config: AxiosRequestConfigLike): boolean {
  return (config as ConfigWithState)[SENT_BEARER]?.redirectedAway === true;
}

/** Tells whether this request was already re-sent once after a 401. */
export function wasRetriedAfter401(config: AxiosRequestConfigLike): boolean {
  return (config as ConfigWithState)[RETRY_STATE_KEY]?.retriedAfter401 === true;
}

/** Marks `config` as re-sent after a 401. */
export function markRetriedAfter401(config: AxiosRequestConfigLike): void {
  (config as ConfigWithState)[RETRY_STATE_KEY] = { retriedAfter401: true };
}
