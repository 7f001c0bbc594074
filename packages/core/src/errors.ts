/**
 * Stable `code` values of every error the library throws. Compare `error.code` with these, or
 * use `isIdsAuthError(error, code)`.
 *
 * @example
 * try {
 *   await tokens.getToken();
 * } catch (error) {
 *   if (isIdsAuthError(error, ErrorCode.INVALID_CREDENTIALS)) rotateCredentials();
 *   else throw error;
 * }
 */
export const ErrorCode = {
  /** No credentials in the options or in `DAP_CLIENT_ID` and `DAP_CLIENT_SECRET`. */
  MISSING_CREDENTIALS: 'IDS_AUTH_MISSING_CREDENTIALS',
  /**
   * The gateway rejected the credentials (login 401 or 403). Not retried: later calls fail at
   * once until the back-off set by `invalidCredentialsBackoffMs` ends.
   */
  INVALID_CREDENTIALS: 'IDS_AUTH_INVALID_CREDENTIALS',
  /** The gateway rejected the login request as malformed (login 400). Not retried. */
  BAD_REQUEST: 'IDS_AUTH_BAD_REQUEST',
  /** The login response was 200, but its JSON body or its JWT failed validation. Not retried. */
  INVALID_RESPONSE: 'IDS_AUTH_INVALID_RESPONSE',
  /** The gateway still responded with 429 when the login's attempts or deadline ran out. */
  RATE_LIMITED: 'IDS_AUTH_RATE_LIMITED',
  /**
   * The login failed: 408, 5xx or a network error when the attempts or deadline ran out, or
   * at once for a redirect or another unexpected status.
   */
  LOGIN_FAILED: 'IDS_AUTH_LOGIN_FAILED',
  /**
   * The last login attempt timed out, after `timeoutMs` or at the end of `loginDeadlineMs`,
   * whichever came first. Also the `code` of a `store:unavailable` event for a slow store.
   */
  TIMEOUT: 'IDS_AUTH_TIMEOUT',
  /**
   * A request got 401 but its body was a stream that has already been sent, so it cannot be
   * retried with a new token. The error carries the 401 response.
   */
  BODY_NOT_REPLAYABLE: 'IDS_AUTH_BODY_NOT_REPLAYABLE',
  /** The base URL or a request would send the token over plain `http` to a non-loopback host. */
  INSECURE_URL: 'IDS_AUTH_INSECURE_URL',
  /** The manager was closed with `close()`. */
  CLOSED: 'IDS_AUTH_CLOSED',
  /** The caller's `signal`, or the manager's `signal` option, aborted the wait for a token. */
  ABORTED: 'IDS_AUTH_ABORTED',
  /**
   * A shared token store is not connected or a command failed. Stores reject with it; the
   * manager never passes it on, but reports a `store:unavailable` event and logs in itself.
   */
  STORE_UNAVAILABLE: 'IDS_AUTH_STORE_UNAVAILABLE',
  /** A shared token store call did not finish in time. Handled like `STORE_UNAVAILABLE`. */
  STORE_TIMEOUT: 'IDS_AUTH_STORE_TIMEOUT',
  /** A shared token store was used after its `close()`. Handled like `STORE_UNAVAILABLE`. */
  STORE_CLOSED: 'IDS_AUTH_STORE_CLOSED',
} as const;

/** One of the `ErrorCode` values, such as `'IDS_AUTH_TIMEOUT'`. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Options of the `IdsAuthError` constructor. */
export interface IdsAuthErrorOptions {
  /** The underlying error, stored as the standard `Error.cause`. */
  cause?: unknown;
  /** HTTP status of the login or API response behind the error, when there was one. */
  status?: number;
}

/** Base class of every error the library throws; switch on `code`. */
export class IdsAuthError extends Error {
  /** Stable identifier of the failure, one of the `ErrorCode` values. */
  readonly code: ErrorCode;
  /** HTTP status of the login or API response behind the error, when there was one. */
  readonly status?: number;

  constructor(code: ErrorCode, message: string, options: IdsAuthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IdsAuthError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** Missing or unusable configuration: no credentials, or a base URL that is not allowed. */
export class IdsAuthConfigError extends IdsAuthError {
  constructor(code: ErrorCode, message: string, options?: IdsAuthErrorOptions) {
    super(code, message, options);
    this.name = 'IdsAuthConfigError';
  }
}

/** Failed login: rejected credentials, an invalid response, throttling or a timeout. */
export class IdsAuthLoginError extends IdsAuthError {
  /** Milliseconds until the next login may be sent, when the manager is backing off. */
  readonly retryAfterMs?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: IdsAuthErrorOptions & { retryAfterMs?: number } = {},
  ) {
    super(code, message, options);
    this.name = 'IdsAuthLoginError';
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * A request got 401 but its body was a stream that has already been sent, so it cannot be
 * retried with a new token. `response` is the host client's 401 response; it is not
 * enumerable, so logging the error does not print headers or bodies.
 */
export class IdsAuthBodyNotReplayableError extends IdsAuthError {
  /** The host client's 401 response, such as an axios response or a fetch `Response`. */
  declare readonly response: unknown;

  constructor(message: string, response: unknown) {
    super(ErrorCode.BODY_NOT_REPLAYABLE, message, { status: 401 });
    this.name = 'IdsAuthBodyNotReplayableError';
    Object.defineProperty(this, 'response', { value: response, enumerable: false });
  }
}

/** Tells whether `error` came from ids-auth, optionally with the given `code`. */
export function isIdsAuthError(error: unknown, code?: ErrorCode): error is IdsAuthError {
  if (!(error instanceof IdsAuthError)) return false;

  return code === undefined || error.code === code;
}
