// Contract for the adapters (axios, got, ky, fetch). Every rule two adapters share lives here,
// so the adapters only translate their host's request and response objects.
// The bodies below are placeholders the core implementation replaces.
import type { TokenManager, TokenManagerOptions } from './types.js';

/** What every adapter accepts: a shared manager, or the options for a new one. */
export type IdsAuthOptions = TokenManager | TokenManagerOptions;

/**
 * Uniform access to one request's headers. Adapters wrap their host's header object in it;
 * `names()` yields names as stored (any letter case) and `get`/`delete` take such a name.
 */
export interface HeaderAccess {
  names(): Iterable<string>;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export interface AuthorizeRequestInput {
  url: string | URL;
  headers: HeaderAccess;
  signal?: AbortSignal;
}

export type AuthorizeRequestResult =
  /** The request goes out untouched: the login URL itself, or an origin not allowed. */
  | { action: 'skipped'; reason: 'login-url' | 'other-origin' }
  /** `Authorization: Bearer <token>` is set and every `x-instauth` removed. */
  | { action: 'bearer'; token: string; source: 'managed' | 'legacy-header' }
  /** Rewrite-only mode kept an `Authorization` header the caller set. */
  | { action: 'kept'; reason: 'caller-authorization' };

/** Tells whether `value` is a manager made by `createTokenManager()`. */
export function isTokenManager(value: unknown): value is TokenManager {
  throw new Error(`not implemented: ${String(value)}`);
}

/** Returns `options` if it is a manager, else a new manager made from it. */
export function resolveTokenManager(options?: IdsAuthOptions): TokenManager {
  throw new Error(`not implemented: ${String(options)}`);
}

/**
 * Applies the header rules to one outgoing request, reading the token at call time.
 * Rejects with `IDS_AUTH_MISSING_CREDENTIALS` for an allowed origin in rewrite-only mode with
 * neither header, and with the manager's login errors.
 */
export async function authorizeRequest(
  manager: TokenManager,
  input: AuthorizeRequestInput,
): Promise<AuthorizeRequestResult> {
  throw new Error(`not implemented: ${String(manager)} ${String(input)}`);
}

/**
 * Handles a 401 on a request that carried `sentToken`: invalidates it if still current and
 * returns the token to retry with (one shared login), or `undefined` when a retry cannot help.
 */
export async function refreshAfterUnauthorized(
  manager: TokenManager,
  sentToken: string,
  options?: { signal?: AbortSignal },
): Promise<string | undefined> {
  throw new Error(`not implemented: ${String(manager)} ${sentToken} ${String(options)}`);
}

/**
 * Tells whether a request body can be sent a second time: strings, buffers, typed arrays,
 * `URLSearchParams`, `Blob` and `FormData` can; Node streams, web `ReadableStream`s and async
 * iterables cannot. `undefined` and `null` count as replayable.
 */
export function isReplayableBody(body: unknown): boolean {
  throw new Error(`not implemented: ${String(body)}`);
}

/** Short, non-reversible identifier of a token for events: `sha256:` and 12 hex digits. */
export function fingerprintToken(token: string): string {
  throw new Error(`not implemented: ${token.length}`);
}
