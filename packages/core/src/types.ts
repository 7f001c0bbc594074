/** Source of time for the manager. Tests inject one; the default reads the global timers. */
export interface Clock {
  /** Wall-clock epoch milliseconds. */
  now(): number;
  /** Schedules `callback` after `delayMs`. The returned handle must be `unref()`ed where possible. */
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The token as the manager keeps it, parsed from the login answer. Times are epoch milliseconds. */
export interface TokenRecord {
  accessToken: string;
  /** `token_type` from the login answer, normally `bearer`. */
  tokenType: string;
  scope: string;
  /** When the answer arrived, on the local clock. */
  obtainedAtMs: number;
  /** `obtainedAtMs` plus the lifetime: the token must not be sent after this. */
  expiresAtMs: number;
}

/** Options of `getToken()`. */
export interface GetTokenOptions {
  /** Log in again even if the current token is still valid. @default false */
  forceRefresh?: boolean;
  /** Abandons this caller's wait; the shared login goes on for other callers. */
  signal?: AbortSignal;
}

/** What a store is told about one credential set. It never holds the client secret. */
export interface TokenStoreScope {
  /** Hex SHA-256 of the base URL and client id: safe to use in a key. */
  readonly id: string;
  /** 32 bytes derived from the client secret with HKDF-SHA256, for encrypting values at rest. */
  readonly encryptionKey: Uint8Array;
}

/** A held login lock. */
export interface TokenStoreLock {
  /** Releases the lock if this owner still holds it. Never throws for a lost lease. */
  release(): Promise<void>;
}

/**
 * Shared storage for tokens, such as `@ids-auth/redis`. Every method may reject or hang: the
 * manager bounds each call with a timeout and falls back to its own login.
 */
export interface TokenStore {
  read(scope: TokenStoreScope): Promise<TokenRecord | undefined>;
  /** Stores the token until `token.expiresAtMs`, never longer. */
  write(scope: TokenStoreScope, token: TokenRecord): Promise<void>;
  /** Removes the stored token only if it is still `accessToken`. */
  remove(scope: TokenStoreScope, accessToken: string): Promise<void>;
  /** Takes the login lock for `leaseMs`, or returns `undefined` when another owner holds it. */
  lock(scope: TokenStoreScope, leaseMs: number): Promise<TokenStoreLock | undefined>;
  close?(): Promise<void>;
}

/** Options of `createTokenManager()`. Every field is optional. */
export interface TokenManagerOptions {
  /** @default process.env.DAP_CLIENT_ID */
  clientId?: string;
  /** @default process.env.DAP_CLIENT_SECRET */
  clientSecret?: string;
  /** Gateway base URL; a trailing `/` is removed. @default process.env.DAP_API_URL or `https://api-gateway.instructure.com` */
  baseUrl?: string;
  /** Extra origins that receive the bearer, besides the base URL's origin. @default [] */
  origins?: readonly string[];
  /** Refresh this long before expiry, capped at a quarter of the lifetime. @default 300_000 */
  refreshMarginMs?: number;
  /** Timeout of one login attempt. @default 30_000 */
  timeoutMs?: number;
  /** Aborts logins and makes waiting callers reject. */
  signal?: AbortSignal;
  /** Shared token store; see `@ids-auth/redis`. */
  store?: TokenStore;
  /** Transport for the login request only. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Path of the login endpoint under the base URL. @default '/ids/auth/login' */
  loginPath?: string;
  /** Time source. @default the system clock and global timers */
  clock?: Clock;
  /** Environment to read `DAP_*` variables and `IDS_AUTH_TIMEOUT` (milliseconds) from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Attempts of one login when the gateway answers 429, 408 or 5xx, or the network fails. @default 4 */
  maxLoginAttempts?: number;
  /** Time budget of one login, its retries and their back-off included. @default 60_000 */
  loginDeadlineMs?: number;
  /** First pause after the gateway rejects the credentials; it doubles on repeats, up to 15 minutes. @default 30_000 */
  invalidCredentialsBackoffMs?: number;
  /** Timeout of one call to `store`; after it the manager logs in itself. @default 500 */
  storeTimeoutMs?: number;
  /** Source of the random numbers in [0, 1) used for back-off jitter. @default Math.random */
  random?: () => number;
}

/** Payloads of the manager's events. Tokens appear only as fingerprints. */
export interface TokenManagerEvents {
  'login:start': { attempt: number; clientId: string };
  'login:success': {
    attempt: number;
    tokenFingerprint: string;
    expiresAtMs: number;
    lifetimeMs: number;
  };
  'login:failure': {
    attempt: number;
    code: string;
    status?: number;
    willRetry: boolean;
    retryInMs?: number;
  };
  'refresh:scheduled': { atMs: number; tokenFingerprint: string };
  'token:invalidated': { tokenFingerprint: string };
  /** The JWT's `exp` and the local expiry differ by more than a minute. */
  'clock:skew': { skewMs: number };
  'store:unavailable': { operation: string; code: string };
  'store:recovered': Record<string, never>;
  /** An adapter attached a token to one request. */
  'request:authorized': {
    tokenFingerprint: string;
    origin: string;
    source: 'managed' | 'legacy-header';
  };
}

export type TokenManagerEventName = keyof TokenManagerEvents;

export interface TokenManager {
  /** Returns a valid access token, logging in only when none is valid. */
  getToken(options?: GetTokenOptions): Promise<string>;
  /** Like `getToken()`, with the expiry and scope. */
  getTokenRecord(options?: GetTokenOptions): Promise<TokenRecord>;
  /** Forgets `token` if it is still the current one; returns whether it was. */
  invalidate(token: string): boolean;
  /** Stops timers and releases the store. Later `getToken()` calls reject. */
  close(): Promise<void>;
  on<E extends TokenManagerEventName>(
    event: E,
    listener: (payload: TokenManagerEvents[E]) => void,
  ): this;
  off<E extends TokenManagerEventName>(
    event: E,
    listener: (payload: TokenManagerEvents[E]) => void,
  ): this;
  /** Base URL without a trailing `/`. */
  readonly baseUrl: string;
  readonly loginUrl: string;
  /** Origins that receive the bearer (`scheme://host:port`, lower case). */
  readonly allowedOrigins: readonly string[];
  /** False when neither options nor environment give a client id and secret. */
  readonly hasCredentials: boolean;
}
