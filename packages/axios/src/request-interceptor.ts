import {
  authorizeRequest,
  type IdsAuthOptions,
  resolveTokenManager,
  type TokenManager,
} from '@ids-auth/core';
import { abortSignalOf } from './abort-signal.js';
import { axiosHeaderAccess } from './axios-headers.js';
import type { AxiosRequestConfigLike } from './axios-like.js';
import { guardRedirects } from './redirect-guard.js';
import { recordSentBearer } from './request-state.js';
import { resolveRequestUrl } from './request-url.js';

/**
 * Request interceptor in the form `axios.interceptors.request.use()` takes.
 *
 * @example
 * ```ts
 * const interceptor: IdsAuthRequestInterceptor = idsAuth(tokens);
 * const id = api.interceptors.request.use(interceptor);
 * ```
 */
export type IdsAuthRequestInterceptor = <C extends AxiosRequestConfigLike>(config: C) => Promise<C>;

/**
 * Creates an axios request interceptor that puts `Authorization: Bearer <token>` on requests to
 * the allowed origins, reading the token from the manager as each request is sent. It rewrites
 * `x-instauth` (any letter case) to `Authorization`, leaves other origins and the login URL
 * untouched, and removes an instance's `auth` (Basic) option on the requests it authorizes, so
 * axios does not replace the bearer with Basic credentials. It does not retry after a 401: use
 * `withIdsAuth()` for that.
 *
 * @param options - A `TokenManager` to share, or the options for a new one. Without
 *   credentials in the options or in `DAP_CLIENT_ID`/`DAP_CLIENT_SECRET`, the interceptor only
 *   rewrites `x-instauth`.
 * @example
 * ```ts
 * import axios from 'axios';
 * import { idsAuth } from '@ids-auth/axios';
 *
 * axios.interceptors.request.use(idsAuth());
 * const { data } = await axios.get('https://api-gateway.instructure.com/dap/query/canvas/table');
 * ```
 */
export function idsAuth(options?: IdsAuthOptions): IdsAuthRequestInterceptor {
  const manager = resolveTokenManager(options);

  return (config) => authorizeAxiosConfig(manager, config);
}

/** Applies the header rules to one axios config; `idsAuth()` and `withIdsAuth()` share it. */
export async function authorizeAxiosConfig<C extends AxiosRequestConfigLike>(
  manager: TokenManager,
  config: C,
): Promise<C> {
  const target: AxiosRequestConfigLike = config;
  const url = resolveRequestUrl(target);
  if (!url) {
    recordSentBearer(target);
    return config;
  }

  target.headers ??= {};
  const result = await authorizeRequest(manager, {
    url,
    headers: axiosHeaderAccess(target.headers),
    signal: abortSignalOf(target),
  });
  if (result.action !== 'bearer') {
    recordSentBearer(target);
    return config;
  }

  // Only a managed token can be replaced, so a rewritten legacy token gets no 401 retry.
  const sent = recordSentBearer(target, result.source === 'managed' ? result.token : undefined);
  // Rule for `auth`: axios turns it into `Authorization: Basic …` and drops any other
  // Authorization header, so on requests that get the bearer it has to go.
  delete target.auth;
  guardRedirects(target, url.origin, () => sent?.noteRedirectedAway());

  return config;
}
