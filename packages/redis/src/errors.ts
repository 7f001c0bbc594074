/** Stable `code` values of the errors a Redis token store rejects with. */
export const RedisStoreErrorCode = {
  /** Redis is not connected, the client is closed, or a command failed. */
  UNAVAILABLE: 'IDS_AUTH_STORE_UNAVAILABLE',
  /** A store call did not finish within `timeoutMs`. */
  TIMEOUT: 'IDS_AUTH_STORE_TIMEOUT',
  /** The store was closed with `close()`. */
  CLOSED: 'IDS_AUTH_STORE_CLOSED',
} as const;

export type RedisStoreErrorCode = (typeof RedisStoreErrorCode)[keyof typeof RedisStoreErrorCode];

/**
 * A store call failed. The token manager treats it as an outage and logs in on its own. The
 * message names the operation and the Redis key prefix, never a key's value or a token.
 */
export class RedisStoreError extends Error {
  readonly code: RedisStoreErrorCode;
  /** The store method that failed: `read`, `write`, `remove`, `lock`, `release` or `extend`. */
  readonly operation: string;

  constructor(
    code: RedisStoreErrorCode,
    operation: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RedisStoreError';
    this.code = code;
    this.operation = operation;
  }
}
