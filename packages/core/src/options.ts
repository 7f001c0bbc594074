import { systemClock } from './clock.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_INVALID_CREDENTIALS_BACKOFF_MS,
  DEFAULT_LOGIN_DEADLINE_MS,
  DEFAULT_LOGIN_PATH,
  DEFAULT_LOGIN_TIMEOUT_MS,
  DEFAULT_MAX_LOGIN_ATTEMPTS,
  DEFAULT_REFRESH_MARGIN_MS,
  DEFAULT_STORE_TIMEOUT_MS,
} from './defaults.js';
import {
  readCount,
  readDuration,
  readFunction,
  readOrigins,
  readSignal,
  readStore,
  readString,
} from './option-readers.js';
import { describeSetting, normalizeOrigin, parseHttpUrlOption } from './origin-rules.js';
import type { Clock, TokenManagerOptions, TokenStore } from './types.js';

/** Options after defaults, environment fallback and validation. Holds the secret: keep private. */
export interface ResolvedOptions {
  clientId?: string;
  clientSecret?: string;
  baseUrl: string;
  loginUrl: string;
  allowedOrigins: readonly string[];
  refreshMarginMs: number;
  timeoutMs: number;
  loginDeadlineMs: number;
  maxLoginAttempts: number;
  invalidCredentialsBackoffMs: number;
  storeTimeoutMs: number;
  signal?: AbortSignal;
  store?: TokenStore;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  random: () => number;
}

/**
 * Applies defaults and the `DAP_*` and `IDS_AUTH_TIMEOUT` variables to `options`, field by
 * field, and throws a `TypeError` naming the option or variable that has a wrong type or value.
 * Missing credentials are not an error here: `getToken()` reports them.
 */
export function resolveOptions(options: TokenManagerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('ids-auth options must be an object or a TokenManager.');
  }

  const env = options.env ?? process.env;
  const base =
    options.baseUrl === undefined && presentValue(env.DAP_API_URL)
      ? resolveBaseUrl(env.DAP_API_URL, 'DAP_API_URL')
      : resolveBaseUrl(options.baseUrl, 'baseUrl');
  const loginPath = readString('loginPath', options.loginPath) ?? DEFAULT_LOGIN_PATH;
  if (!loginPath.startsWith('/')) {
    throw new TypeError(`Option loginPath must start with '/', as in '${DEFAULT_LOGIN_PATH}'.`);
  }

  return {
    clientId: readString('clientId', options.clientId) ?? presentValue(env.DAP_CLIENT_ID),
    clientSecret:
      readString('clientSecret', options.clientSecret) ?? presentValue(env.DAP_CLIENT_SECRET),
    baseUrl: base.baseUrl,
    loginUrl: `${base.baseUrl}${loginPath}`,
    allowedOrigins: [...new Set([base.origin, ...readOrigins('origins', options.origins)])],
    ...resolveDurations(options, env),
    signal: readSignal('signal', options.signal),
    store: readStore('store', options.store),
    fetch: readFunction('fetch', options.fetch) ?? ((input, init) => globalThis.fetch(input, init)),
    clock: resolveClock(options.clock),
    random: readFunction('random', options.random) ?? Math.random,
  };
}

// An environment variable set to blanks, as shell scripts and .env files often leave it,
// counts as unset, so the error names the missing credentials instead of sending blanks.
function presentValue(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

function resolveBaseUrl(value: unknown, name: string): { baseUrl: string; origin: string } {
  const text = readString(name, value) ?? DEFAULT_BASE_URL;
  const url = parseHttpUrlOption(name, text);
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError(`${describeSetting(name)} must not contain a query or a fragment.`);
  }

  const path = url.pathname.replace(/\/+$/, '');

  return { baseUrl: `${normalizeOrigin(url)}${path}`, origin: normalizeOrigin(url) };
}

function resolveDurations(options: TokenManagerOptions, env: TokenManagerOptions['env']) {
  return {
    refreshMarginMs:
      readDuration('refreshMarginMs', options.refreshMarginMs, 0) ?? DEFAULT_REFRESH_MARGIN_MS,
    timeoutMs:
      readDuration('timeoutMs', options.timeoutMs, 1) ??
      readTimeoutVariable(env?.IDS_AUTH_TIMEOUT) ??
      DEFAULT_LOGIN_TIMEOUT_MS,
    loginDeadlineMs:
      readDuration('loginDeadlineMs', options.loginDeadlineMs, 1) ?? DEFAULT_LOGIN_DEADLINE_MS,
    maxLoginAttempts:
      readCount('maxLoginAttempts', options.maxLoginAttempts) ?? DEFAULT_MAX_LOGIN_ATTEMPTS,
    invalidCredentialsBackoffMs:
      readDuration('invalidCredentialsBackoffMs', options.invalidCredentialsBackoffMs, 0) ??
      DEFAULT_INVALID_CREDENTIALS_BACKOFF_MS,
    storeTimeoutMs:
      readDuration('storeTimeoutMs', options.storeTimeoutMs, 1) ?? DEFAULT_STORE_TIMEOUT_MS,
  };
}

function readTimeoutVariable(value: string | undefined): number | undefined {
  if (!value) return undefined;

  const timeoutMs = Number(value);
  if (!Number.isFinite(timeoutMs) || timeoutMs < 1) {
    throw new TypeError(
      `Environment variable IDS_AUTH_TIMEOUT must be a number of milliseconds, at least 1; it is '${value.slice(0, 20)}'.`,
    );
  }

  return timeoutMs;
}

function resolveClock(clock: unknown): Clock {
  if (clock === undefined) return systemClock;

  const candidate = clock as Partial<Clock> | null;
  const complete =
    typeof candidate?.now === 'function' &&
    typeof candidate.setTimeout === 'function' &&
    typeof candidate.clearTimeout === 'function';
  if (!complete) {
    throw new TypeError('Option clock must have now(), setTimeout() and clearTimeout() methods.');
  }

  return candidate as Clock;
}
