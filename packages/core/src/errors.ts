/** Stable `code` values of every error the library throws. */
export const ErrorCode = {
  MISSING_CREDENTIALS: 'IDS_AUTH_MISSING_CREDENTIALS',
  INVALID_CREDENTIALS: 'IDS_AUTH_INVALID_CREDENTIALS',
  BAD_REQUEST: 'IDS_AUTH_BAD_REQUEST',
  INVALID_RESPONSE: 'IDS_AUTH_INVALID_RESPONSE',
  RATE_LIMITED: 'IDS_AUTH_RATE_LIMITED',
  LOGIN_FAILED: 'IDS_AUTH_LOGIN_FAILED',
  TIMEOUT: 'IDS_AUTH_TIMEOUT',
  BODY_NOT_REPLAYABLE: 'IDS_AUTH_BODY_NOT_REPLAYABLE',
  INSECURE_URL: 'IDS_AUTH_INSECURE_URL',
  CLOSED: 'IDS_AUTH_CLOSED',
  ABORTED: 'IDS_AUTH_ABORTED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface IdsAuthErrorOptions {
  cause?: unknown;
  /** HTTP status of the login or API response behind the error, when there was one. */
  status?: number;
}

/** Base class of every error the library throws; switch on `code`. */
export class IdsAuthError extends Error {
  readonly code: ErrorCode;
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

/** The login request failed: rejected credentials, a bad answer, throttling, a timeout. */
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
