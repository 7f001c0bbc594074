import { ErrorCode, IdsAuthError } from '@ids-auth/core';

/** Stable `code` values of the errors a Redis token store rejects with. */
export const RedisStoreErrorCode = {
  /** Redis is not connected, the client is closed, or a command failed. */
  UNAVAILABLE: ErrorCode.STORE_UNAVAILABLE,
  /** A store call did not finish within `timeoutMs`. */
  TIMEOUT: ErrorCode.STORE_TIMEOUT,
  /** The store was closed with `close()`. */
  CLOSED: ErrorCode.STORE_CLOSED,
} as const;

/** One of the `RedisStoreErrorCode` values, such as `'IDS_AUTH_STORE_TIMEOUT'`. */
export type RedisStoreErrorCode = (typeof RedisStoreErrorCode)[keyof typeof RedisStoreErrorCode];

/**
 * A store call failed. The token manager treats it as an outage and logs in on its own. The
 * message names the operation and the Redis key prefix, never a key's value or a token.
 */
export class RedisStoreError extends IdsAuthError {
  /** Stable identifier of the failure, one of the `RedisStoreErrorCode` values. */
  declare readonly code: RedisStoreErrorCode;
  /** The store method that failed: `read`, `write`, `remove`, `lock`, `release` or `extend`. */
  readonly operation: string;

  constructor(
    code: RedisStoreErrorCode,
    operation: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.name = 'RedisStoreError';
    this.operation = operation;
  }
}
