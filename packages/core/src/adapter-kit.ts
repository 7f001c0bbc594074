// Contract for the adapters (axios, got, ky, fetch). Every rule two adapters share lives here,
// so the adapters only translate their host's request and response objects.
import { EMIT_EVENT, TOKEN_MANAGER_BRAND } from './brand.js';
import { insecureRequestError, missingCredentialsError } from './config-errors.js';
import { fingerprintToken } from './fingerprint.js';
import {
  hasAuthorizationHeader,
  LEGACY_HEADER,
  setBearerHeader,
  takeLegacyHeader,
} from './header-rules.js';
import { warnLegacyHeaderOnce } from './legacy-warning.js';
import { isInsecureUrl, isLoginUrl, matchAllowedOrigin } from './origin-rules.js';
import { sharedTokenManager } from './shared-managers.js';
import type { TokenManager, TokenManagerEvents, TokenManagerOptions } from './types.js';

export { fingerprintToken } from './fingerprint.js';
export { isReplayableBody } from './replayable-body.js';

/** Adapter options: a shared manager, or the options for a new one. */
export type IdsAuthOptions = TokenManager | TokenManagerOptions;

/**
 * Uniform access to one request's headers. Adapters wrap their host's header object in it;
 * `names()` yields names as stored (any letter case) and `get`/`delete` take such a name.
 */
export interface HeaderAccess {
  /** Yields the name of every header present, as stored. */
  names(): Iterable<string>;
  /** Returns the value of header `name`, or `undefined` when it is absent. */
  get(name: string): string | undefined;
  /** Sets header `name` to `value`, replacing any value it had. */
  set(name: string, value: string): void;
  /** Removes header `name`, if present. */
  delete(name: string): void;
}

/** One outgoing request, as an adapter passes it to `authorizeRequest()`. */
export interface AuthorizeRequestInput {
  /** Absolute URL of the request, after the host client resolved any base URL. */
  url: string | URL;
  /** The request's headers, which `authorizeRequest()` changes in place. */
  headers: HeaderAccess;
  /** The request's own signal; aborting it abandons this request's wait for a token. */
  signal?: AbortSignal;
}

/** Outcome of `authorizeRequest()` for one request, distinguished by `action`. */
export type AuthorizeRequestResult =
  /** The request goes out untouched: the login URL itself, or an origin not allowed. */
  | {
      /** Nothing was changed. */
      action: 'skipped';
      /** `login-url` for the login request, `other-origin` for an origin not allowed. */
      reason: 'login-url' | 'other-origin';
    }
  /** `Authorization: Bearer <token>` is set and every `x-instauth` removed. */
  | {
      /** A bearer token was set. */
      action: 'bearer';
      /** The token sent; keep it to pass to `refreshAfterUnauthorized()` after a 401. */
      token: string;
      /** `managed` for the manager's token, `legacy-header` for a rewritten `x-instauth` value. */
      source: 'managed' | 'legacy-header';
    }
  /** Rewrite-only mode kept an `Authorization` header the caller set. */
  | {
      /** The caller's `Authorization` header was left as it was. */
      action: 'kept';
      /** Always `caller-authorization`. */
      reason: 'caller-authorization';
    };

type EventEmitting = {
  [EMIT_EVENT]?: <E extends keyof TokenManagerEvents>(e: E, p: TokenManagerEvents[E]) => void;
};

/** Tells whether `value` is a manager made by `createTokenManager()`. */
export function isTokenManager(value: unknown): value is TokenManager {
  if (typeof value !== 'object' || value === null) return false;

  return (value as { [TOKEN_MANAGER_BRAND]?: unknown })[TOKEN_MANAGER_BRAND] === true;
}

/**
 * Returns `options` if it is a manager. Otherwise returns the manager this process already made
 * from equal options (same credential set and settings), or a new one, with the `DAP_*`
 * environment variables filling the fields the options lack. Options that carry `fetch`,
 * `clock`, `store`, `signal` or `random` always get a new manager.
 */
export function resolveTokenManager(options?: IdsAuthOptions): TokenManager {
  if (isTokenManager(options)) return options;

  return sharedTokenManager(options ?? {});
}

/**
 * Applies the header rules to one outgoing request, reading the token at call time.
 * Rejects with `IDS_AUTH_MISSING_CREDENTIALS` for an allowed origin in rewrite-only mode with
 * neither header, and with the manager's login errors.
 *
 * @example
 * const result = await authorizeRequest(manager, { url, headers: wrapHeaders(request) });
 * if (result.action === 'bearer') rememberSentToken(request, result.token);
 */
export async function authorizeRequest(
  manager: TokenManager,
  input: AuthorizeRequestInput,
): Promise<AuthorizeRequestResult> {
  const url = new URL(String(input.url));
  if (isLoginUrl(url, manager.loginUrl)) return { action: 'skipped', reason: 'login-url' };

  const origin = matchAllowedOrigin(url, manager.allowedOrigins);
  if (!origin) return { action: 'skipped', reason: 'other-origin' };

  if (isInsecureUrl(url)) throw insecureRequestError(origin);

  const legacy = takeLegacyHeader(input.headers);
  if (legacy.found) warnLegacyHeaderOnce();

  const result = await chooseAuthorization(manager, input, legacy.token);
  if (result.action === 'bearer') {
    setBearerHeader(input.headers, result.token);
    emitAuthorized(manager, result.token, origin, result.source);
  }

  return result;
}

async function chooseAuthorization(
  manager: TokenManager,
  input: AuthorizeRequestInput,
  legacyToken: string | undefined,
): Promise<AuthorizeRequestResult> {
  if (manager.hasCredentials) {
    const token = await manager.getToken(input.signal ? { signal: input.signal } : {});
    return { action: 'bearer', token, source: 'managed' };
  }

  // The gateway lets Authorization win over x-instauth, so a request that carries both keeps
  // the caller's Authorization and goes out exactly as the gateway would have read it.
  if (hasAuthorizationHeader(input.headers)) {
    return { action: 'kept', reason: 'caller-authorization' };
  }

  if (legacyToken !== undefined) {
    return { action: 'bearer', token: legacyToken, source: 'legacy-header' };
  }

  throw missingCredentialsError();
}

function emitAuthorized(
  manager: TokenManager,
  token: string,
  origin: string,
  source: 'managed' | 'legacy-header',
): void {
  (manager as EventEmitting)[EMIT_EVENT]?.('request:authorized', {
    tokenFingerprint: fingerprintToken(token),
    origin,
    source,
  });
}

/**
 * Handles a 401 on a request that carried `sentToken`: invalidates it if still current and
 * returns the token to retry with (one shared login), or `undefined` when a retry cannot help.
 * Login errors reject with their typed `IdsAuthError`.
 */
export async function refreshAfterUnauthorized(
  manager: TokenManager,
  sentToken: string,
  options?: { signal?: AbortSignal },
): Promise<string | undefined> {
  if (!manager.hasCredentials) return undefined;

  manager.invalidate(sentToken);
  const fresh = await manager.getToken(options?.signal ? { signal: options.signal } : {});

  return fresh === sentToken ? undefined : fresh;
}

/** Name of the deprecated header that `authorizeRequest()` removes, in lower case. */
export const LEGACY_HEADER_NAME = LEGACY_HEADER;
