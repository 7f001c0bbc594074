// Default durations and limits. Each can be changed through the option named beside it.

/** Gateway used when neither `baseUrl` nor `DAP_API_URL` is set. */
export const DEFAULT_BASE_URL = 'https://api-gateway.instructure.com';

/** Login endpoint under the base URL (`loginPath`). */
export const DEFAULT_LOGIN_PATH = '/ids/auth/login';

/** Refresh this long before expiry (`refreshMarginMs`), capped at a quarter of the lifetime. */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/** Timeout of one login attempt (`timeoutMs`, or `IDS_AUTH_TIMEOUT` in milliseconds). */
export const DEFAULT_LOGIN_TIMEOUT_MS = 30_000;

/** Attempts of one login when the gateway responds with 429, 408 or 5xx, or the network fails (`maxLoginAttempts`). */
export const DEFAULT_MAX_LOGIN_ATTEMPTS = 4;

/** Time budget of one login including its retries (`loginDeadlineMs`). */
export const DEFAULT_LOGIN_DEADLINE_MS = 60_000;

/** First pause after rejected credentials (`invalidCredentialsBackoffMs`); it doubles on repeats. */
export const DEFAULT_INVALID_CREDENTIALS_BACKOFF_MS = 30_000;

/** Upper bound of the growing pause after rejected credentials. */
export const MAX_INVALID_CREDENTIALS_BACKOFF_MS = 15 * 60_000;

/** Timeout of one call to the token store (`storeTimeoutMs`). */
export const DEFAULT_STORE_TIMEOUT_MS = 500;

/** Extra lease of the store's login lock beyond one login attempt's timeout. */
export const LOCK_LEASE_EXTRA_MS = 5_000;

/** How many leases a process waits for another process's login before logging in itself. */
export const LOCK_WAIT_LEASES = 2;

/** First delay of the exponential back-off between login attempts. */
export const RETRY_BASE_DELAY_MS = 500;

/** Upper bound of one back-off delay between login attempts. */
export const RETRY_MAX_DELAY_MS = 10_000;

/** Hard margin cap: a token is not handed out in its last 30 s (or last tenth of its life). */
export const HARD_MARGIN_MAX_MS = 30_000;

/** A gap between the JWT's `exp` and the local expiry above this is reported as clock skew. */
export const CLOCK_SKEW_THRESHOLD_MS = 60_000;
