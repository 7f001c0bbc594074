import {
  authorizeRequest,
  IdsAuthBodyNotReplayableError,
  isReplayableBody,
  refreshAfterUnauthorized,
  type TokenManager,
} from '@ids-auth/core';
import { kyHeaderAccess } from './header-access.js';
import type { KyResponseHookArguments } from './hook-arguments.js';
import type { CallState } from './ky-types.js';

/**
 * Gets a new token after a 401 and sends a copy of the request with it, or returns `undefined`
 * when no new token can help. Throws `IdsAuthBodyNotReplayableError` when the body is gone.
 */
export async function replayWithNewToken(
  manager: TokenManager,
  { request, options, response }: KyResponseHookArguments,
  sentToken: string,
  state: CallState,
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

  const headers = kyHeaderAccess(copy.headers);
  const result = await authorizeRequest(manager, { url: copy.url, headers, signal });
  state.sent = result;
  if (result.action === 'bearer') state.authorized.push({ request: copy, token: result.token });
  // NOTE: ky 2 leaves `fetch` out of the options it passes to hooks, so on ky 2 this one
  // request goes through the global `fetch` even when ky was given another one. ky's
  // `timeout` does not cover it either, but the call's `signal` does.
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
    `The request to ${url.origin}${url.pathname} failed with 401 and was not sent again ` +
    'with a new token, because its body was already consumed and ky kept no copy ' +
    '(ky 2 keeps none with `retry: 0`). Enable retries, or catch IDS_AUTH_BODY_NOT_REPLAYABLE ' +
    'and send the request again with a new body.'
  );
}
