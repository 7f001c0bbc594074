import {
  authorizeRequest,
  type IdsAuthOptions,
  isIdsAuthError,
  resolveTokenManager,
} from '@ids-auth/core';
import { kyHeaderAccess } from './header-access.js';
import {
  type KyHookOptions,
  readErrorHookArguments,
  readRequestHookArguments,
  readResponseHookArguments,
} from './hook-arguments.js';
import type { CallState, IdsAuthKyOptions, KyBeforeErrorHook } from './ky-types.js';
import { redactRequest } from './redaction.js';
import { replayWithNewToken } from './replay.js';

const HTTP_UNAUTHORIZED = 401;

/**
 * Creates ky hooks that attach the gateway bearer token to every request for an allowed
 * origin and rewrite the legacy `x-instauth` header. Each of ky's own retries gets the token
 * that is valid at that moment. After a 401 the hooks refresh the token and send the request
 * once more. Works with ky 1 and ky 2. Pass a `TokenManager` to share one token with other
 * clients, or the options of a new manager (by default read from `DAP_CLIENT_ID`,
 * `DAP_CLIENT_SECRET` and `DAP_API_URL`).
 *
 * @example
 * ```ts
 * import ky from 'ky';
 * import { idsAuth } from '@ids-auth/ky';
 *
 * const api = ky.create(idsAuth());
 * const tables = await api.get('https://api-gateway.instructure.com/dap/query/canvas/table').json();
 * ```
 */
export function idsAuth(options?: IdsAuthOptions): IdsAuthKyOptions {
  const manager = resolveTokenManager(options);
  const calls = new WeakMap<object, CallState>();

  const stateOf = (hookOptions: KyHookOptions, request: Request): CallState => {
    // ky gives every call its own `context` object and passes it to every hook of that call.
    const key = hookOptions.context ?? request;
    let state = calls.get(key);
    if (state === undefined) {
      state = { retried: false, beforeRequestEveryAttempt: false, authorized: [] };
      calls.set(key, state);
    }
    return state;
  };

  const authorize = async (...args: unknown[]): Promise<void> => {
    const { request, options: hookOptions, positional } = readRequestHookArguments(args);
    // Only `beforeRequest` receives positional arguments, and only on ky 1.
    if (positional) stateOf(hookOptions, request).beforeRequestEveryAttempt = true;

    const result = await authorizeRequest(manager, {
      url: request.url,
      headers: kyHeaderAccess(request.headers),
      signal: hookOptions.signal ?? undefined,
    });
    const state = stateOf(hookOptions, request);
    state.sent = result;
    if (result.action !== 'bearer') return;

    state.authorized.push({ request, token: result.token });
    // ky 1 runs no `beforeError` hook for a TimeoutError, which carries this request. ky aborts
    // the request's signal just before it creates that error, so redact the token then.
    const tokens = new Set([result.token]);
    request.signal.addEventListener('abort', () => redactRequest(request, tokens), { once: true });
  };

  const authorizeRetry = async (...args: unknown[]): Promise<void> => {
    const { error } = args[0] as { error?: unknown };
    // ky 1 retries any error a hook throws. Ours come from the manager, which has already
    // retried the login, so another attempt would only repeat the login or the error.
    if (isIdsAuthError(error)) throw error;

    const { request, options: hookOptions } = readRequestHookArguments(args);
    // ky 1 runs `beforeRequest` again after this hook, and a second authorization of the same
    // attempt would emit a second `request:authorized` event.
    if (stateOf(hookOptions, request).beforeRequestEveryAttempt) return;

    await authorize(...args);
  };

  const retryUnauthorized = async (...args: unknown[]): Promise<Response | undefined> => {
    const hookArguments = readResponseHookArguments(args);
    const { request, options: hookOptions, response } = hookArguments;
    if (response.status !== HTTP_UNAUTHORIZED) return undefined;

    const state = stateOf(hookOptions, request);
    const sent = state.sent;
    // A token taken from the caller's `x-instauth` header cannot be refreshed here.
    if (sent?.action !== 'bearer' || sent.source !== 'managed' || state.retried) return undefined;
    // fetch removed the bearer when the redirect left the origin, so this 401 did not judge it.
    if (redirectedToOtherOrigin(response, request.url)) return undefined;

    state.retried = true;
    return replayWithNewToken(manager, hookArguments, sent.token, state);
  };

  const redactTokens = async (...args: unknown[]): Promise<unknown> => {
    const { error, request, options: hookOptions } = readErrorHookArguments(args);
    const state = hookOptions?.context ? calls.get(hookOptions.context) : undefined;
    if (state === undefined) return error;

    // ky's errors carry the request, so logging one would print the bearer.
    const tokens = new Set(state.authorized.map((entry) => entry.token));
    const requests = new Set(state.authorized.map((entry) => entry.request));
    if (request) requests.add(request);
    for (const candidate of requests) redactRequest(candidate, tokens);
    return error;
  };

  return {
    hooks: {
      beforeRequest: [authorize],
      beforeRetry: [authorizeRetry],
      afterResponse: [retryUnauthorized],
      beforeError: [redactTokens as KyBeforeErrorHook],
    },
  };
}

/**
 * Tells whether fetch followed redirects to an origin other than the request's.
 * NOTE: a chain that leaves the origin and comes back ends there without the token, but fetch
 * does not report the hops in between, so such a 401 still replaces the token.
 */
function redirectedToOtherOrigin(response: Response, requestUrl: string): boolean {
  if (!response.redirected || response.url === '') return false;

  return new URL(response.url).origin !== new URL(requestUrl).origin;
}
