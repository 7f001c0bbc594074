import {
  type AuthorizeRequestResult,
  authorizeRequest,
  IdsAuthBodyNotReplayableError,
  type IdsAuthOptions,
  isReplayableBody,
  refreshAfterUnauthorized,
  resolveTokenManager,
  type TokenManager,
} from '@ids-auth/core';
import { kyHeaderAccess } from './header-access.js';
import {
  type KyHookOptions,
  type KyResponseHookArguments,
  readRequestHookArguments,
  readResponseHookArguments,
} from './hook-arguments.js';

const HTTP_UNAUTHORIZED = 401;

/** A hook in the form both ky 1 and ky 2 accept: it reads its arguments at run time. */
export type KyHook<Result> = (...args: unknown[]) => Promise<Result>;

/** The options object `idsAuth()` returns, to pass to `ky.create()` or `ky.extend()`. */
export interface IdsAuthKyOptions {
  hooks: {
    /** Sets the bearer and rewrites `x-instauth` (ky 1: before every attempt; ky 2: once). */
    beforeRequest: [KyHook<void>];
    /** Sets the then-current token before each of ky's own retries. */
    beforeRetry: [KyHook<void>];
    /** Refreshes the token after a 401 and sends the request once more. */
    afterResponse: [KyHook<Response | undefined>];
  };
}

/** Per-call record of the authorization sent and the 401 retry. */
interface CallState {
  sent?: AuthorizeRequestResult;
  /** Whether this call already had its one retry after a 401. */
  retried: boolean;
}

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
      state = { retried: false };
      calls.set(key, state);
    }
    return state;
  };

  const authorize = async (...args: unknown[]): Promise<void> => {
    const { request, options: hookOptions } = readRequestHookArguments(args);
    const result = await authorizeRequest(manager, {
      url: request.url,
      headers: kyHeaderAccess(request.headers),
      signal: hookOptions.signal ?? undefined,
    });
    stateOf(hookOptions, request).sent = result;
  };

  const retryUnauthorized = async (...args: unknown[]): Promise<Response | undefined> => {
    const hookArguments = readResponseHookArguments(args);
    const { request, options: hookOptions, response } = hookArguments;
    if (response.status !== HTTP_UNAUTHORIZED) return undefined;

    const state = stateOf(hookOptions, request);
    const sent = state.sent;
    // A token taken from the caller's `x-instauth` header cannot be refreshed here.
    if (sent?.action !== 'bearer' || sent.source !== 'managed' || state.retried) return undefined;

    state.retried = true;
    return replayWithNewToken(manager, hookArguments, sent.token);
  };

  return {
    hooks: {
      beforeRequest: [authorize],
      beforeRetry: [authorize],
      afterResponse: [retryUnauthorized],
    },
  };
}

/**
 * Gets a new token after a 401 and sends a copy of the request with it, or returns `undefined`
 * when no new token can help. Throws `IdsAuthBodyNotReplayableError` when the body is gone.
 */
async function replayWithNewToken(
  manager: TokenManager,
  { request, options, response }: KyResponseHookArguments,
  sentToken: string,
): Promise<Response | undefined> {
  const signal = options.signal ?? undefined;
  const copy = copyRequest(request, options.body);
  if (copy === undefined) {
    // Later requests still get a new token, even though this one cannot be sent again.
    await refreshAfterUnauthorized(manager, sentToken, { signal }).catch(() => undefined);
    throw new IdsAuthBodyNotReplayableError(bodyNotReplayableMessage(request.url), response);
  }

  const token = await refreshAfterUnauthorized(manager, sentToken, { signal });
  if (token === undefined) return undefined;

  await authorizeRequest(manager, { url: copy.url, headers: kyHeaderAccess(copy.headers), signal });
  // NOTE: ky 2 leaves `fetch` out of the options it passes to hooks, so on ky 2 this one
  // request goes through the global `fetch` even when ky was given another one. ky's
  // `timeout` does not cover it either; the call's `signal` does.
  const send = options.fetch ?? globalThis.fetch;
  return send(copy);
}

/**
 * Returns a request that can be sent again. ky keeps an unread clone of each request for its
 * own retries, so `request` is normally unread. With ky 2 and `retry: 0` it has been sent;
 * then a string, buffer, `URLSearchParams` or `Blob` body is attached again. A `FormData` body
 * is not, because its `Content-Type` names the boundary of the first encoding.
 */
function copyRequest(request: Request, body: unknown): Request | undefined {
  if (!request.bodyUsed) return request.clone();
  if (body instanceof FormData || body === undefined || body === null) return undefined;
  if (!isReplayableBody(body)) return undefined;

  return new Request(request, { body: body as RequestInit['body'] });
}

function bodyNotReplayableMessage(requestUrl: string): string {
  const url = new URL(requestUrl);
  return (
    `The server answered 401 to ${url.origin}${url.pathname} and the request was not sent ` +
    'again with a new token, because its body was already consumed and ky kept no copy ' +
    '(ky 2 keeps none with `retry: 0`). Enable retries, or catch IDS_AUTH_BODY_NOT_REPLAYABLE ' +
    'and send the request again with a new body.'
  );
}
