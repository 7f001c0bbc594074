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
import { fetchHeaderAccess } from './fetch-headers.js';
import {
  type FetchInput,
  type FetchLike,
  type RequestParts,
  readRequestParts,
} from './request-parts.js';

const UNAUTHORIZED = 401;

/**
 * Wraps a `fetch` function so that requests to the allowed origins carry
 * `Authorization: Bearer <token>`, read from the manager as each request is sent. It rewrites
 * `x-instauth` (any letter case) to `Authorization`, leaves other origins and the login URL
 * untouched, and never changes the caller's `Request`, `Headers` or `init` objects.
 *
 * On a 401 for a request that carried the managed token, it refreshes once (shared with every
 * concurrent 401) and sends the request once more with the new token. A second 401 is
 * returned to the caller. A `ReadableStream` or async iterable body in `init` cannot be sent twice: the
 * call then rejects with an `IdsAuthBodyNotReplayableError` (code
 * `IDS_AUTH_BODY_NOT_REPLAYABLE`) whose `response` is the 401.
 *
 * @param fetchImpl - The fetch to wrap: the global `fetch`, undici's, or any function with the
 *   same signature.
 * @param options - A `TokenManager` to share, or the options for a new one.
 * @returns A function with the signature of `fetch`.
 * @example
 * ```ts
 * import { withIdsAuth } from '@ids-auth/fetch';
 *
 * const authedFetch = withIdsAuth(fetch);
 * const response = await authedFetch('https://api-gateway.instructure.com/dap/query/canvas/table');
 * ```
 */
export function withIdsAuth(fetchImpl: FetchLike, options?: IdsAuthOptions): FetchLike {
  if (typeof fetchImpl !== 'function') {
    throw new TypeError(
      `Invalid fetchImpl: withIdsAuth() expected a function such as the global fetch, got ${typeof fetchImpl}.`,
    );
  }

  const manager = resolveTokenManager(options);

  return (input, init) => sendAuthorized(fetchImpl, manager, input, init);
}

async function sendAuthorized(
  fetchImpl: FetchLike,
  manager: TokenManager,
  input: FetchInput,
  init: RequestInit | undefined,
): Promise<Response> {
  const parts = readRequestParts(input, init);
  const result = await authorizeRequest(manager, {
    url: parts.url,
    headers: fetchHeaderAccess(parts.headers),
    signal: parts.signal,
  });
  if (result.action === 'skipped') return fetchImpl(input, init);

  // Only a managed token can be replaced, so a rewritten legacy token gets no retry.
  const retryable = result.action === 'bearer' && result.source === 'managed';
  // fetch consumes a Request's body, so a retry needs a copy taken before the first send.
  const replay = retryable ? copyForRetry(parts) : undefined;
  const response = await fetchImpl(parts.request ?? input, { ...init, headers: parts.headers });
  if (response.status !== UNAUTHORIZED || !retryable) return response;

  if (redirectedToOtherOrigin(response, parts.url)) return response;

  return retryAfterUnauthorized(fetchImpl, manager, { parts, result, replay, init, response });
}

interface UnauthorizedCall {
  parts: RequestParts;
  result: Extract<AuthorizeRequestResult, { action: 'bearer' }>;
  replay: Request | undefined;
  init: RequestInit | undefined;
  response: Response;
}

async function retryAfterUnauthorized(
  fetchImpl: FetchLike,
  manager: TokenManager,
  call: UnauthorizedCall,
): Promise<Response> {
  const { parts, result, response } = call;
  if (!isReplayableBody(parts.initBody)) {
    // Refresh for the requests that follow, but do not make this caller wait for the login.
    // A login failure surfaces on the next request that needs a token.
    refreshAfterUnauthorized(manager, result.token).catch(() => undefined);
    throw new IdsAuthBodyNotReplayableError(describeNotReplayable(parts), response);
  }

  const token = await refreshAfterUnauthorized(manager, result.token, { signal: parts.signal });
  if (token === undefined) return response;

  // Cancelling the unread 401 body frees the connection for the retry.
  await response.body?.cancel().catch(() => undefined);
  const headers = new Headers(parts.headers);
  headers.set('Authorization', `Bearer ${token}`);

  return fetchImpl(call.replay ?? parts.request ?? parts.url, { ...call.init, headers });
}

/**
 * Tells whether fetch followed redirects to an origin other than the request's. fetch drops
 * `Authorization` there, so a 401 from that origin is not evidence against the token.
 * NOTE: a chain that leaves the origin and comes back also ends without the token. fetch
 * does not report the hops in between, so a 401 at the end of such a chain still counts.
 */
function redirectedToOtherOrigin(response: Response, requestUrl: string): boolean {
  if (!response.redirected || response.url === '') return false;

  return new URL(response.url).origin !== new URL(requestUrl).origin;
}

function copyForRetry(parts: RequestParts): Request | undefined {
  const request = parts.request;
  if (!request || request.body === null || request.bodyUsed || parts.initBody !== undefined) {
    return undefined;
  }

  // NOTE: for a Request built on a stream, the copy keeps the whole body in memory until the
  // response arrives. Pass a streamed body in `init` instead to avoid that.
  return request.clone();
}

function describeNotReplayable(parts: RequestParts): string {
  const url = new URL(parts.url);

  return (
    `${parts.method} ${url.origin}${url.pathname} got 401 and was not retried, because its ` +
    'body is a stream that was already sent. A new token is being fetched for later requests. ' +
    'Send the body as a string, Buffer or Blob to get an automatic retry, or send the request ' +
    'again with a new stream.'
  );
}
