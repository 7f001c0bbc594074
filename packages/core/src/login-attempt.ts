// One login request: raw Basic credentials, form body, bounded by a timeout.
import { raceSignal, toAbortError } from './abort.js';
import { MAX_LOGIN_RESPONSE_BYTES, readBoundedText } from './bounded-body.js';
import { startTimer } from './clock.js';
import { ErrorCode, IdsAuthLoginError } from './errors.js';
import { invalidResponse, type LoginResult, parseLoginResponse } from './login-response.js';
import { parseRetryAfterMs } from './retry-delay.js';
import type { Clock } from './types.js';

/** Login endpoint and credentials. Contains the secret, so keep it out of errors and events. */
export interface LoginTarget {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof globalThis.fetch;
  clock: Clock;
}

/** Result of one attempt: the token, or a typed error and whether a retry may help. */
export type AttemptOutcome =
  | { ok: true; result: LoginResult }
  | { ok: false; error: IdsAuthLoginError; retryable: boolean; retryAfterMs?: number };

/**
 * Builds the Basic value from the UTF-8 bytes of `clientId:clientSecret`, with no percent-
 * encoding, as the gateway and `curl --user` expect: `:`, `%`, `+`, `/`, `=`, spaces and `#`
 * are sent as they are.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
}

/**
 * Sends one login request and classifies the response. Rejects only when `signal` aborts, with
 * the abort reason converted by `toAbortError()`.
 */
export async function attemptLogin(
  target: LoginTarget,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timeoutError = new IdsAuthLoginError(
    ErrorCode.TIMEOUT,
    `The login request timed out after ${timeoutMs} ms. Raise timeoutMs or check that the gateway is reachable.`,
  );
  const cancelTimer = startTimer(target.clock, () => controller.abort(timeoutError), timeoutMs);
  const forwardAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardAbort, { once: true });
  try {
    // The race settles the attempt on timeout or close even when a custom `fetch` ignores
    // its signal, which would otherwise leave the login, and close(), waiting forever.
    return await raceSignal(sendAndClassify(target, controller.signal), controller.signal);
  } catch (error) {
    if (signal.aborted) throw toAbortError(signal.reason);

    if (controller.signal.aborted) return { ok: false, error: timeoutError, retryable: true };

    return { ok: false, error: networkError(target.loginUrl, error), retryable: true };
  } finally {
    cancelTimer();
    signal.removeEventListener('abort', forwardAbort);
  }
}

async function sendAndClassify(target: LoginTarget, signal: AbortSignal): Promise<AttemptOutcome> {
  const response = await target.fetch(target.loginUrl, {
    method: 'POST',
    headers: {
      authorization: basicAuthorization(target.clientId, target.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: 'grant_type=client_credentials',
    // Following a redirect would send the credentials to a URL that was not configured.
    redirect: 'manual',
    signal,
  });
  const receivedAtMs = target.clock.now();
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);

    return classifyStatus(response, receivedAtMs, target.clientId);
  }

  const bodyText = await readBoundedText(response, MAX_LOGIN_RESPONSE_BYTES);
  if (bodyText === undefined) {
    const problem = `the body is larger than ${MAX_LOGIN_RESPONSE_BYTES} bytes`;
    return { ok: false, error: invalidResponse(problem), retryable: false };
  }

  try {
    return { ok: true, result: parseLoginResponse(bodyText, receivedAtMs) };
  } catch (error) {
    return { ok: false, error: error as IdsAuthLoginError, retryable: false };
  }
}

function classifyStatus(response: Response, nowMs: number, clientId: string): AttemptOutcome {
  const { status } = response;
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfterMs(
      response.headers.get('retry-after'),
      response.headers.get('date'),
      nowMs,
    );
    const code = status === 429 ? ErrorCode.RATE_LIMITED : ErrorCode.LOGIN_FAILED;
    const message = `The gateway responded to the login with HTTP ${status}, and no retry succeeded within maxLoginAttempts and loginDeadlineMs. Try again later.`;
    const error = new IdsAuthLoginError(code, message, { status, retryAfterMs });

    return { ok: false, error, retryable: true, retryAfterMs };
  }

  return { ok: false, error: rejectedLoginError(status, clientId), retryable: false };
}

// The message names the client id because a partner process has many credential sets and must
// see which one failed. A client id is an identifier, not a secret. The secret is not named.
function rejectedLoginError(status: number, clientId: string): IdsAuthLoginError {
  if (status === 401 || status === 403) {
    return new IdsAuthLoginError(
      ErrorCode.INVALID_CREDENTIALS,
      `The gateway rejected the credentials of client id ${JSON.stringify(clientId)} (HTTP ${status}). Check clientId and clientSecret (DAP_CLIENT_ID and DAP_CLIENT_SECRET).`,
      { status },
    );
  }

  if (status === 400) {
    return new IdsAuthLoginError(
      ErrorCode.BAD_REQUEST,
      'The gateway rejected the login request as malformed (HTTP 400). Check baseUrl and loginPath.',
      { status },
    );
  }

  const kind = status >= 300 && status < 400 ? 'redirect' : 'unexpected status';
  return new IdsAuthLoginError(
    ErrorCode.LOGIN_FAILED,
    `The login response was a ${kind} (HTTP ${status}). Check that baseUrl and loginPath point at the gateway's login endpoint.`,
    { status },
  );
}

function networkError(loginUrl: string, cause: unknown): IdsAuthLoginError {
  return new IdsAuthLoginError(
    ErrorCode.LOGIN_FAILED,
    `The login request to ${loginUrl} failed before a response arrived. Check the network and baseUrl.`,
    { cause },
  );
}
