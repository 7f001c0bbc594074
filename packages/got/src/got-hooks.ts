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
import { createAbortRedactor } from './abort-redaction.js';
import { redactSentToken, stripCredentialsOnCrossOriginRedirect } from './credential-hygiene.js';
import type {
  GotHookError,
  GotRequestOptions,
  GotResponse,
  IdsAuthGotOptions,
} from './got-types.js';
import { gotHeaderAccess } from './header-access.js';

/**
 * Key in got's `context` option that marks the one retry after a 401. A request that carries it
 * gets no second refresh, so a client whose every token is rejected cannot loop.
 */
export const RETRIED_CONTEXT_KEY = 'idsAuthRetried';

const HTTP_UNAUTHORIZED = 401;

/**
 * Creates got hooks that attach the gateway bearer token to every request for an allowed
 * origin, rewrite the legacy `x-instauth` header and, after a 401, refresh the token and retry
 * once. Pass a `TokenManager` to share one token with other clients, or the options of a new
 * manager (by default read from `DAP_CLIENT_ID`, `DAP_CLIENT_SECRET` and `DAP_API_URL`).
 *
 * A 401 on a request whose body is a stream, an async iterable or a `FormData` is not retried:
 * the request rejects with a got `RequestError` whose `code` is `IDS_AUTH_BODY_NOT_REPLAYABLE`
 * and whose `cause` is an `IdsAuthBodyNotReplayableError` holding the 401 response.
 *
 * @example
 * ```ts
 * import got from 'got';
 * import { idsAuth } from '@ids-auth/got';
 *
 * const client = got.extend({ prefixUrl: 'https://api-gateway.instructure.com' }, idsAuth());
 * const tables = await client.get('dap/query/canvas/table').json();
 * ```
 */
export function idsAuth(options?: IdsAuthOptions): IdsAuthGotOptions {
  const manager = resolveTokenManager(options);
  // The options object of an attempt is the one got hands to `beforeRequest` and later exposes
  // as `response.request.options`, so it keys what was sent on that attempt.
  const sentAuthorization = new WeakMap<GotRequestOptions, AuthorizeRequestResult>();
  // got's AbortError skips `beforeError` but carries these options, bearer included.
  const redactOnAbort = createAbortRedactor(sentAuthorization);

  return {
    hooks: {
      beforeRequest: [
        async (requestOptions) => {
          const result = await authorizeRequest(manager, {
            url: String(requestOptions.url),
            headers: gotHeaderAccess(requestOptions.headers),
            signal: requestOptions.signal,
          });
          sentAuthorization.set(requestOptions, result);
          redactOnAbort(requestOptions);
        },
      ],
      beforeRedirect: [stripCredentialsOnCrossOriginRedirect],
      beforeError: [
        (error) => {
          if (!error.options) return error;

          const sent = sentAuthorization.get(error.options);
          refreshAfterStreamUnauthorized(manager, error, sent);
          // got's errors carry the request options, so logging one would print the bearer.
          redactSentToken(error.options, sent);
          return error;
        },
      ],
      afterResponse: [
        async (response, retryWithMergedOptions) => {
          const requestOptions = response.request.options;
          const sent = sentAuthorization.get(requestOptions);
          const token = await tokenForRetry(manager, response, sent);
          if (token === undefined) return response;

          return retryWithMergedOptions({
            headers: { authorization: `Bearer ${token}` },
            context: { [RETRIED_CONTEXT_KEY]: true },
            // Without it got drops the `afterResponse` hooks after ours for the retried request.
            preserveHooks: true,
          });
        },
      ],
    },
  };
}

/**
 * Returns the token to retry a 401 with, or `undefined` when the response goes to the caller
 * as it is. Throws `IdsAuthBodyNotReplayableError` when the body cannot be sent again.
 */
async function tokenForRetry(
  manager: TokenManager,
  response: GotResponse,
  sent: AuthorizeRequestResult | undefined,
): Promise<string | undefined> {
  const requestOptions = response.request.options;
  if (response.statusCode !== HTTP_UNAUTHORIZED) return undefined;
  // A token taken from the caller's `x-instauth` header cannot be refreshed here.
  if (sent?.action !== 'bearer' || sent.source !== 'managed') return undefined;
  if (requestOptions.context[RETRIED_CONTEXT_KEY] === true) return undefined;

  const signal = requestOptions.signal;
  if (!isReplayableBody(requestOptions.body)) {
    // Later requests still get a new token, even though this one cannot be retried.
    await refreshAfterUnauthorized(manager, sent.token, { signal }).catch(() => undefined);
    throw new IdsAuthBodyNotReplayableError(bodyNotReplayableMessage(response.url), response);
  }

  return refreshAfterUnauthorized(manager, sent.token, { signal });
}

/**
 * Invalidates the token after a 401 on `got.stream()`, whose responses skip `afterResponse`, so
 * the requests that follow log in again instead of sending a rejected token. The stream itself
 * is not sent again.
 */
function refreshAfterStreamUnauthorized(
  manager: TokenManager,
  error: GotHookError,
  sent: AuthorizeRequestResult | undefined,
): void {
  if (error.options?.isStream !== true || error.response?.statusCode !== HTTP_UNAUTHORIZED) return;
  if (sent?.action !== 'bearer' || sent.source !== 'managed') return;

  // A login failure surfaces on the next request that needs a token.
  refreshAfterUnauthorized(manager, sent.token).catch(() => undefined);
}

function bodyNotReplayableMessage(responseUrl: string): string {
  const url = new URL(responseUrl);
  return (
    `The request to ${url.origin}${url.pathname} failed with 401 and was not retried with a ` +
    'new token, because its body (a stream, async iterable or FormData) was already ' +
    'consumed. Send a string or Buffer body to get the automatic retry, or catch ' +
    'IDS_AUTH_BODY_NOT_REPLAYABLE and send the request again with a new body.'
  );
}
