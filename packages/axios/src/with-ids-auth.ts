import { type IdsAuthOptions, resolveTokenManager } from '@ids-auth/core';
import type { AxiosInstanceLike, AxiosRequestConfigLike, AxiosResponseLike } from './axios-like.js';
import { redactAxiosError } from './error-redaction.js';
import { authorizeAxiosConfig } from './request-interceptor.js';
import { readSentBearer } from './request-state.js';
import { lazyResender, type RetryContext, retryAfterUnauthorized } from './unauthorized-retry.js';

/**
 * Removes the interceptors that `withIdsAuth()` installed. Calling it again does nothing.
 *
 * @example
 * ```ts
 * const detach = withIdsAuth(api, tokens);
 * detach();
 * ```
 */
export type DetachIdsAuth = () => void;

/**
 * Installs a request and a response interceptor on an axios instance. The request interceptor
 * does what `idsAuth()` does. The response interceptor handles a 401 on a request that carried
 * the managed token: one refresh shared by all concurrent 401s, then one retry of that request
 * with the new token, sent without running the instance's interceptors again. A second 401
 * reaches the caller. A request whose body is a stream is not retried: it rejects with an
 * `IdsAuthBodyNotReplayableError` (code `IDS_AUTH_BODY_NOT_REPLAYABLE`) whose `response` is
 * the 401.
 *
 * @param instance - The axios instance, or the default `axios` export.
 * @param options - A `TokenManager` to share, or the options for a new one.
 * @returns A function that ejects both interceptors.
 * @example
 * ```ts
 * import axios from 'axios';
 * import { withIdsAuth } from '@ids-auth/axios';
 *
 * const api = axios.create({ baseURL: 'https://api-gateway.instructure.com' });
 * const detach = withIdsAuth(api);
 * await api.get('/dap/query/canvas/table');
 * detach();
 * ```
 */
export function withIdsAuth(instance: AxiosInstanceLike, options?: IdsAuthOptions): DetachIdsAuth {
  const manager = resolveTokenManager(options);
  const context: RetryContext = { manager, resend: lazyResender(instance) };
  const requestId = instance.interceptors.request.use(<C extends object>(config: C) =>
    authorizeAxiosConfig(manager, config),
  );
  const responseId = instance.interceptors.response.use(
    (response: AxiosResponseLike) => handleResponse(response, context),
    (error: unknown) => handleError(error, context),
  );
  let attached = true;

  return () => {
    if (!attached) return;

    attached = false;
    instance.interceptors.request.eject(requestId);
    instance.interceptors.response.eject(responseId);
  };
}

// Reached when `validateStatus` accepts a 401, so axios resolves instead of rejecting.
async function handleResponse(response: AxiosResponseLike, context: RetryContext) {
  const outcome = await retryAfterUnauthorized(response, context);

  return outcome ? outcome.retried : response;
}

async function handleError(error: unknown, context: RetryContext) {
  const { config, response } = (error ?? {}) as {
    config?: AxiosRequestConfigLike;
    response?: AxiosResponseLike;
  };
  if (!response?.config) {
    redactAxiosError(error, config && readSentBearer(config));
    throw error;
  }

  const outcome = await retryAfterUnauthorized(response, context);
  if (!outcome) {
    redactAxiosError(error, readSentBearer(response.config));
    throw error;
  }

  return outcome.retried;
}
