/** A client credential pair that the emulated gateway accepts at login. */
export interface ClientCredentials {
  /** Client id, either a bare UUID or `<aws-region>#<uuid>`. */
  clientId: string;
  /** Client secret, compared byte for byte with the raw Basic value. */
  clientSecret: string;
}

/** Options for {@link startGateway}. */
export interface GatewayOptions {
  /**
   * Clients that may log in.
   * @default [DEFAULT_CLIENT]
   */
  clients?: ClientCredentials[];
  /**
   * Token lifetime in seconds. The login response's `expires_in` equals it.
   * @default 3599
   */
  tokenLifetimeSeconds?: number;
  /**
   * TCP port of the gateway. The second origin always listens on a free port.
   * @default 0 (a free port)
   */
  port?: number;
  /**
   * Loopback address to listen on: an IPv4 address in 127.0.0.0/8 or `::1`.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Applies the per-minute DAP limits per client (429 with `Retry-After`).
   * @default false
   */
  rateLimits?: boolean;
  /**
   * Clock in epoch milliseconds, used for `iat`/`exp`, expiry checks, rate limits and job
   * timestamps.
   * @default () => Date.now(), read at each call so fake timers apply
   */
  now?: () => number;
  /**
   * Number of `GET job/{id}` polls that return 202 before a job returns 200 `complete`.
   * @default 2
   */
  jobPollsUntilComplete?: number;
}

/** Header that carried the token of an API request. */
export type TokenCarrier = 'authorization' | 'x-instauth' | 'both' | 'none';

/** Reason for a 401 response. */
export type UnauthorizedReason = 'missing' | 'invalid' | 'expired' | 'revoked';

/** One API request as the gateway saw it. It never contains the token. */
export interface ApiRequestRecord {
  /** HTTP method. */
  method: string;
  /** Request path without the query string. */
  path: string;
  /** Route template such as `GET /dap/query/{namespace}/table`, or `null` for no route. */
  route: string | null;
  /** Header that carried the token. */
  carrier: TokenCarrier;
  /** Client id of the token's owner, or `null` when the token is missing or unknown. */
  clientId: string | null;
  /** Whether the token that was checked had expired on the gateway's clock. */
  tokenExpired: boolean;
  /** Status code sent. */
  status: number;
  /** Reason sent with a 401, otherwise absent. */
  unauthorizedReason?: UnauthorizedReason;
}

/** One request received by the second origin. */
export interface OtherOriginRecord {
  /** Request path with its query string. */
  path: string;
  /** Whether an `Authorization` header arrived. */
  hadAuthorization: boolean;
  /** Whether an `x-instauth` header (any case) arrived. */
  hadInstauth: boolean;
}

/** Counters for logins and API requests, kept in total and per client. */
export interface GatewayCounters {
  /** Logins that issued a token. */
  logins: number;
  /** Every request to the login path. */
  loginAttempts: number;
  /** Login requests that issued no token. */
  loginFailures: number;
  /** API requests in total. */
  apiRequests: number;
  /** API requests per `METHOD /path/{template}`. */
  routes: Record<string, number>;
  /** API requests per header carrier. */
  carriers: Record<TokenCarrier, number>;
  /** 401 responses per reason. */
  unauthorized: Record<UnauthorizedReason, number>;
}

/** A JSON-serializable snapshot of what the gateway received. */
export interface GatewayStats extends GatewayCounters {
  /**
   * Counters per configured client id. Requests with an unknown client id or no valid
   * token count only in the totals.
   */
  clients: Record<string, GatewayCounters>;
  /** The last 10,000 API requests, oldest first. */
  requests: ApiRequestRecord[];
  /** The last 10,000 requests received by the second origin, oldest first. */
  otherOriginRequests: OtherOriginRecord[];
}

/** Shape of a malformed login response. */
export type MalformedLoginKind =
  | 'html'
  | 'truncated-json'
  | 'missing-fields'
  | 'not-jwt'
  | 'no-exp'
  | 'expired'
  | 'far-future-exp';

/** A 403 error type of the DAP API. Refreshing the token cannot fix any of them. */
export type AccountErrorType =
  | 'AccountNotOnboarded'
  | 'AccountDisabled'
  | 'AccountUnderMaintenance'
  | 'RequestTypeForbidden';

/** Target of an injected redirect. */
export type RedirectTarget = 'same-origin' | 'cross-origin';

/** Options of {@link GatewayFaults.failLogins}. */
export interface FailLoginOptions {
  /** Response body. @default a JSON error object */
  body?: string;
  /** Response `Content-Type`. @default 'application/json' */
  contentType?: string;
  /** `Retry-After` value in seconds or as an HTTP date. @default no header */
  retryAfter?: number | string;
}

/** Options of {@link GatewayFaults.failRequests}. */
export interface FailRequestOptions {
  /** `Retry-After` value in seconds or as an HTTP date. @default no header */
  retryAfter?: number | string;
}

/** Options of {@link GatewayFaults.redirectRequests}. */
export interface RedirectOptions {
  /** Redirect status code. @default 302 */
  status?: 301 | 302 | 303 | 307 | 308;
}

/**
 * Faults to inject. A `count` is consumed by each login or API request that the fault
 * changes. Login faults of the failure family (fail, rate limit, reset, malformed) queue
 * in call order, and so do request faults (fail, rate limit, redirect).
 */
export interface GatewayFaults {
  /** Delays the next `count` login responses by `ms` milliseconds. */
  slowLogins(ms: number, count?: number): void;
  /** Responds to the next `count` logins with `status`. */
  failLogins(count: number, status: number, options?: FailLoginOptions): void;
  /** Responds to the next `count` logins with 429 and `Retry-After`. */
  rateLimitLogins(count: number, retryAfter: number | string): void;
  /** Destroys the socket of the next `count` login requests without a response. */
  resetLoginConnections(count: number): void;
  /** Responds to the next `count` logins with 200 and a malformed body of `kind`. */
  malformedLogins(kind: MalformedLoginKind, count: number): void;
  /** Responds to the next `count` API requests with `status` and the error envelope. */
  failRequests(count: number, status: number, options?: FailRequestOptions): void;
  /** Responds to the next `count` API requests with 429 and `Retry-After`. */
  rateLimitRequests(count: number, retryAfter: number | string): void;
  /** Revokes every token issued so far; they get 401 `revoked`. */
  revokeAll(): void;
  /** Revokes one token. Unknown tokens are ignored. */
  revokeToken(token: string): void;
  /** Shifts `iat` and `exp` of newly issued JWTs by `ms`; expiry checks keep true time. */
  skewClock(ms: number): void;
  /** Responds to every authenticated API request with 403 and this type until `clear()`. */
  accountError(type: AccountErrorType): void;
  /** Sets whether 401 responses carry `WWW-Authenticate: Bearer`. Off by default. */
  unauthorizedWithChallenge(on: boolean): void;
  /** Redirects the next `count` API requests to the same path on this or the other origin. */
  redirectRequests(count: number, target: RedirectTarget, options?: RedirectOptions): void;
  /** Sets whether only the most recently issued token of each client is accepted. */
  acceptOnlyNewestToken(on: boolean): void;
  /** Removes every fault and restores the defaults. Revocations stay. */
  clear(): void;
}

/** A running emulated gateway. */
export interface Gateway {
  /** Base URL such as `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  /** Base URL of a second loopback server that records what it receives. */
  readonly otherOrigin: string;
  /** Returns a snapshot of the counters and request logs. */
  stats(): GatewayStats;
  /** Zeroes the counters and empties the request logs. */
  resetStats(): void;
  /** Fault injection. */
  readonly faults: GatewayFaults;
  /** Closes both servers and their open sockets. */
  close(): Promise<void>;
}
