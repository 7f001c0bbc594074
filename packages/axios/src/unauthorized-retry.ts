import {
  IdsAuthBodyNotReplayableError,
  isReplayableBody,
  refreshAfterUnauthorized,
  type TokenManager,
} from '@ids-auth/core';
import { abortSignalOf } from './abort-signal.js';
import { axiosHeaderAccess } from './axios-headers.js';
import type { AxiosInstanceLike, AxiosRequestConfigLike, AxiosResponseLike } from './axios-like.js';
import { redactAxiosError } from './error-redaction.js';
import {
  markRetriedAfter401,
  readSentBearer,
  wasRedirectedAway,
  wasRetriedAfter401,
} from './request-state.js';
import { resolveRequestUrl } from './request-url.js';

const UNAUTHORIZED = 401;

/** Dependencies of the 401 handling, besides the response. */
export interface RetryContext {
  manager: TokenManager;
  /** Sends the retry without running the instance's interceptors again. */
  resend(config: AxiosRequestConfigLike): Promise<unknown>;
}

/**
 * Handles a 401 for a request that carried a managed token: refreshes once (shared with every
 * concurrent 401 through the core) and re-sends the request once with the new token. Returns
 * `undefined` when the 401 is not ours to handle, so the caller passes it on unchanged.
 * Rejects with `IDS_AUTH_BODY_NOT_REPLAYABLE` when the body is a stream that was already sent.
 */
export async function retryAfterUnauthorized(
  response: AxiosResponseLike,
  context: RetryContext,
): Promise<{ retried: unknown } | undefined> {
  const config = response.config;
  const sentToken = readSentBearer(config);
  if (response.status !== UNAUTHORIZED || sentToken === undefined) return undefined;

  if (wasRetriedAfter401(config)) return undefined;

  // A redirect left the origin and the guard removed the token, so this 401 is no evidence
  // against the token.
  // NOTE: only the http adapter reports redirects; axios's fetch adapter does not, so there a
  // 401 from another origin still replaces the token.
  if (wasRedirectedAway(config)) return undefined;

  if (!isReplayableBody(config.data)) {
    // Refresh for the requests that follow, but do not make this caller wait for the login.
    // A login failure surfaces on the next request that needs a token.
    refreshAfterUnauthorized(context.manager, sentToken).catch(() => undefined);
    throw new IdsAuthBodyNotReplayableError(describeNotReplayable(config), response);
  }

  const token = await refreshAfterUnauthorized(context.manager, sentToken, {
    signal: abortSignalOf(config),
  });
  if (token === undefined) return undefined;

  markRetriedAfter401(config);
  axiosHeaderAccess(config.headers).set('Authorization', `Bearer ${token}`);

  try {
    return { retried: await context.resend(config) };
  } catch (error) {
    redactAxiosError(error, token);
    throw error;
  }
}

function describeNotReplayable(config: AxiosRequestConfigLike): string {
  const method = (config.method ?? 'get').toUpperCase();
  const url = resolveRequestUrl(config);
  const target = url ? `${url.origin}${url.pathname}` : 'the request';

  return (
    `${method} ${target} got 401 and was not retried, because its body is a stream that was ` +
    'already sent. A new token is being fetched for later requests. Send the body as a ' +
    'Buffer or string to get an automatic retry, or send the request again with a new stream.'
  );
}

/** Returns a function that re-sends a request config, creating its axios instance on first use. */
export function lazyResender(instance: AxiosInstanceLike): RetryContext['resend'] {
  let bare: AxiosInstanceLike | undefined;

  return (config) => {
    bare ??= createResendInstance(instance);
    return bare.request(config);
  };
}

// A fresh instance made from this one has no interceptors, so the retried response passes
// through each interceptor of the original request only once. The retried config already
// contains every header and option that was sent. Default headers and `auth` would otherwise
// be merged in again and bring back what the request interceptor removed, such as a default
// `x-instauth` header or Basic credentials.
function createResendInstance(instance: AxiosInstanceLike): AxiosInstanceLike {
  // NOTE: an object without `create()` (a bare `new axios.Axios()`) re-sends through its own
  // interceptors, so interceptors added after `withIdsAuth()` see the retried response twice.
  if (!instance.create) return instance;

  const bare = instance.create();
  bare.defaults.headers = {};
  delete bare.defaults.auth;

  return bare;
}
