/** Source of time for the manager. Tests inject one; the default reads the global timers. */
export interface Clock {
  /** Wall-clock epoch milliseconds. */
  now(): number;
  /** Schedules `callback` after `delayMs`. The returned handle must be `unref()`ed where possible. */
  setTimeout(callback: () => void, delayMs: number): unknown;
  /** Cancels a timer, given the handle that this clock's `setTimeout()` returned. */
  clearTimeout(handle: unknown): void;
}

/** Token record parsed from the login response. Times are epoch milliseconds. */
export interface TokenRecord {
  /** The JWT from `access_token`, sent as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** `token_type` from the login response, normally `bearer`. */
  tokenType: string;
  /**
   * `scope` from the login response, space separated: a service id, then `principal:…`,
   * `partner:…` and `region:…`.
   */
  scope: string;
  /** Arrival time of the login response, on the local clock. */
  obtainedAtMs: number;
  /** `obtainedAtMs` plus the lifetime: the token must not be sent after this. */
  expiresAtMs: number;
}

/** Options of `getToken()`. */
export interface GetTokenOptions {
  /** Log in again even if the current token is still valid. @default false */
  forceRefresh?: boolean;
  /** Abandons this caller's wait; the shared login goes on for other callers. @default none */
  signal?: AbortSignal;
}

/** Store-facing identity of one credential set. It does not contain the client secret. */
export interface TokenStoreScope {
  /** Hex SHA-256 of the base URL and client id: safe to use in a key. */
  readonly id: string;
  /** 32 bytes derived from the client secret with HKDF-SHA256, for encrypting values at rest. */
  readonly encryptionKey: Uint8Array;
}

/** A held login lock. */
export interface TokenStoreLock {
  /**
   * Releases the lock if this owner still has it. Implementations resolve, not reject, when the
   * lease was already lost.
   */
  release(): Promise<void>;
  /**
   * Renews the lease to `leaseMs` from now if this owner still holds the lock, and returns
   * whether it does. Optional: without it, a login that outlasts the lease may overlap another.
   */
  extend?(leaseMs: number): Promise<boolean>;
}

/**
 * Shared storage for tokens, such as `@ids-auth/redis`. Every method may reject or hang: the
 * manager bounds each call with a timeout and falls back to its own login.
 */
export interface TokenStore {
  /** Returns the shared token of `scope`, or `undefined` when none is stored or it has expired. */
  read(scope: TokenStoreScope): Promise<TokenRecord | undefined>;
  /** Stores the token until `token.expiresAtMs`, never longer. */
  write(scope: TokenStoreScope, token: TokenRecord): Promise<void>;
  /** Removes the stored token only if it is still `accessToken`. */
  remove(scope: TokenStoreScope, accessToken: string): Promise<void>;
  /** Takes the login lock for `leaseMs`, or returns `undefined` when another owner holds it. */
  lock(scope: TokenStoreScope, leaseMs: number): Promise<TokenStoreLock | undefined>;
  /** Releases the store's own resources. Optional; the manager's `close()` does not call it. */
  close?(): Promise<void>;
}

/** Options of `createTokenManager()`. Every field is optional. */
export interface TokenManagerOptions {
  /**
   * Client id from Instructure's Identity Service, a UUID or `<region>#<uuid>`.
   * @default process.env.DAP_CLIENT_ID
   */
  clientId?: string;
  /**
   * Client secret that goes with `clientId`. It is sent only in the login request and never
   * appears in errors or events.
   * @default process.env.DAP_CLIENT_SECRET
   */
  clientSecret?: string;
  /**
   * Gateway base URL, without query or fragment; a trailing `/` is removed. Plain `http` is
   * allowed only for loopback hosts.
   * @default process.env.DAP_API_URL, else 'https://api-gateway.instructure.com'
   */
  baseUrl?: string;
  /** Extra origins that receive the bearer, besides the base URL's origin. @default [] */
  origins?: readonly string[];
  /** Refresh this long before expiry, capped at a quarter of the lifetime. @default 300_000 */
  refreshMarginMs?: number;
  /** Timeout of one login attempt in milliseconds. @default IDS_AUTH_TIMEOUT, else 30_000 */
  timeoutMs?: number;
  /**
   * Closes the manager when it aborts, as `close()` does: logins stop and waiting callers
   * reject with `IDS_AUTH_ABORTED`.
   * @default none
   */
  signal?: AbortSignal;
  /**
   * Shared token store, such as `@ids-auth/redis`, so that processes with the same
   * credentials share one token.
   * @default none: the manager keeps its token in memory
   */
  store?: TokenStore;
  /** Transport for the login request only. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Path of the login endpoint under the base URL. @default '/ids/auth/login' */
  loginPath?: string;
  /** Time source. @default the system clock and global timers */
  clock?: Clock;
  /** Variables to read `DAP_*` and `IDS_AUTH_TIMEOUT` (milliseconds) from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Attempts of one login when the gateway answers 429, 408 or 5xx, or the network fails.
   * @default 4
   */
  maxLoginAttempts?: number;
  /** Time budget of one login, its retries and their back-off included. @default 60_000 */
  loginDeadlineMs?: number;
  /**
   * First pause in milliseconds after the gateway rejects the credentials; it doubles on
   * repeats, up to 15 minutes.
   * @default 30_000
   */
  invalidCredentialsBackoffMs?: number;
  /** Timeout of one call to `store`; after it the manager logs in itself. @default 500 */
  storeTimeoutMs?: number;
  /** Source of the random numbers in [0, 1) used for back-off jitter. @default Math.random */
  random?: () => number;
}

/**
 * Payloads of the manager's events, keyed by event name. Tokens appear only as fingerprints
 * (see `fingerprintToken()`). Each event is also published on the `node:diagnostics_channel`
 * named by `diagnosticsChannelName()`.
 */
export interface TokenManagerEvents {
  /** A login request is about to be sent. */
  'login:start': {
    /** Attempt number within this login, from 1. */
    attempt: number;
    /** Client id of the credential set. The secret never appears in an event. */
    clientId: string;
  };
  /** The gateway returned a valid token. */
  'login:success': {
    /** Attempt number within this login, from 1. */
    attempt: number;
    /** Fingerprint of the new token. */
    tokenFingerprint: string;
    /** Local epoch milliseconds after which the token is not sent. */
    expiresAtMs: number;
    /** Lifetime of the token in milliseconds, counted from the arrival of the login response. */
    lifetimeMs: number;
  };
  /** One login attempt failed. Another attempt follows when `willRetry` is true. */
  'login:failure': {
    /** Attempt number within this login, from 1. */
    attempt: number;
    /** `code` of the attempt's error, one of the `ErrorCode` values. */
    code: string;
    /** HTTP status of the login response, absent after a network error or a timeout. */
    status?: number;
    /** True when the manager sends another attempt after `retryInMs`. */
    willRetry: boolean;
    /** Pause before the next attempt in milliseconds, present only when `willRetry` is true. */
    retryInMs?: number;
  };
  /**
   * A background refresh of the current token, or a retry of a failed one, was scheduled.
   * When the timer fires for a token that no caller has used, no login is sent, so an idle
   * process stops logging in.
   */
  'refresh:scheduled': {
    /** Local epoch milliseconds at which the refresh starts. */
    atMs: number;
    /** Fingerprint of the token to be replaced. */
    tokenFingerprint: string;
  };
  /** `invalidate()` dropped the current token, usually after a 401. */
  'token:invalidated': {
    /** Fingerprint of the dropped token. */
    tokenFingerprint: string;
  };
  /** The JWT's `exp` and the local expiry differ by more than a minute. */
  'clock:skew': {
    /** JWT `exp` minus the local expiry, in milliseconds; positive when `exp` is later. */
    skewMs: number;
  };
  /**
   * A call to the `store` failed or timed out, so the manager logs in on its own. Fired once
   * per outage, not once per failed call.
   */
  'store:unavailable': {
    /** The store call that failed: `read`, `write`, `remove`, `lock` or `release`. */
    operation: string;
    /**
     * The store error's own short `code`, else its class name, or `IDS_AUTH_TIMEOUT` when the
     * call exceeded `storeTimeoutMs`. Messages are left out because they may quote values.
     */
    code: string;
  };
  /** A store call succeeded after `store:unavailable`. The payload is an empty object. */
  'store:recovered': Record<string, never>;
  /** An adapter attached a token to one request. */
  'request:authorized': {
    /** Fingerprint of the token sent. */
    tokenFingerprint: string;
    /** The entry of `allowedOrigins` that the request URL matched. */
    origin: string;
    /**
     * Origin of the token: `managed` for the manager's own token, `legacy-header` for an
     * `x-instauth` value moved into `Authorization` in rewrite-only mode.
     */
    source: 'managed' | 'legacy-header';
  };
}

/** Name of one manager event, such as `login:success`. */
export type TokenManagerEventName = keyof TokenManagerEvents;

/**
 * Token lifecycle of one credential set, made by `createTokenManager()`. Pass one manager to
 * several adapters so they share its token and its logins.
 *
 * @example
 * const tokens = createTokenManager();
 * tokens.on('login:failure', ({ code, willRetry }) => metrics.count(code, { willRetry }));
 * const token = await tokens.getToken();
 */
export interface TokenManager {
  /** Returns a valid access token, logging in only when none is valid. */
  getToken(options?: GetTokenOptions): Promise<string>;
  /** Like `getToken()`, with the expiry and scope. */
  getTokenRecord(options?: GetTokenOptions): Promise<TokenRecord>;
  /** Forgets `token` if it is still the current one; returns whether it was. */
  invalidate(token: string): boolean;
  /**
   * Stops timers and aborts a login in progress, then resolves once that login has released
   * the store's lock. Later `getToken()` calls reject with `IDS_AUTH_CLOSED`. The `store`
   * itself stays open, because other managers may use it.
   */
  close(): Promise<void>;
  /**
   * Adds `listener` for `event`. A listener that throws is ignored, so it cannot break a
   * login or a request.
   */
  on<E extends TokenManagerEventName>(
    event: E,
    listener: (payload: TokenManagerEvents[E]) => void,
  ): this;
  /** Removes a listener added with `on()`. */
  off<E extends TokenManagerEventName>(
    event: E,
    listener: (payload: TokenManagerEvents[E]) => void,
  ): this;
  /** Base URL without a trailing `/`. */
  readonly baseUrl: string;
  /** URL of the login endpoint: `baseUrl` followed by `loginPath`. */
  readonly loginUrl: string;
  /** Origins that receive the bearer: `scheme://host`, plus `:port` when it is not the default. */
  readonly allowedOrigins: readonly string[];
  /** False when neither options nor environment give a client id and secret. */
  readonly hasCredentials: boolean;
}
