import { makeJwt } from './jwt.js';

const DEFAULT_LOGIN_PATH = '/ids/auth/login';

/** One scripted response of the fake login endpoint. */
export type LoginStep =
  /** 200 with a fresh JWT, sent after `delayMs` on the (possibly fake) timers. */
  | { kind: 'ok'; delayMs?: number }
  /** An HTTP error status with a small JSON body. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** The transport fails, as a reset connection would. */
  | { kind: 'network-error' };

/** A token the fake login issued, with the expiry the test checks the manager against. */
export interface IssuedToken {
  token: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface FakeLoginOptions {
  /**
   * Login URL the manager must call. A request for any other URL is rejected with an error.
   * @default any URL whose path is `/ids/auth/login`
   */
  loginUrl?: string;
  lifetimeSeconds: number;
  /** Current time in epoch milliseconds. Pass `Date.now` to follow fake timers. */
  now: () => number;
  /** Chooses the response to the n-th login request, counting from 1. @default always `ok` */
  script?: (attempt: number) => LoginStep;
}

/** An injected `fetch` for the core that serves logins from memory and never opens a socket. */
export interface FakeLogin {
  fetch: typeof globalThis.fetch;
  /** URLs of every login request, in order. */
  readonly requestedUrls: readonly string[];
  /** Every login request received, successful or not. */
  readonly attempts: number;
  readonly issued: readonly IssuedToken[];
  /** Finds the issued token, or `undefined` for a value the fake never issued. */
  find(token: string): IssuedToken | undefined;
}

function delay(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

function errorResponse(step: { status: number; retryAfter?: string }): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (step.retryAfter !== undefined) headers['retry-after'] = step.retryAfter;

  return new Response(JSON.stringify({ error: { message: 'scripted failure' } }), {
    status: step.status,
    headers,
  });
}

/** Creates a fake login endpoint following the scripted steps. */
export function createFakeLogin(options: FakeLoginOptions): FakeLogin {
  const issued: IssuedToken[] = [];
  const byToken = new Map<string, IssuedToken>();
  const requestedUrls: string[] = [];
  let attempts = 0;

  const fetch = async (
    input: Parameters<typeof globalThis.fetch>[0],
    init?: RequestInit,
  ): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const expected = options.loginUrl ?? new URL(DEFAULT_LOGIN_PATH, url).href;
    if (url !== expected) throw new Error(`fake login got a request for ${url}`);

    requestedUrls.push(url);
    attempts += 1;
    const step = options.script?.(attempts) ?? { kind: 'ok' };
    if (step.kind === 'network-error') throw new TypeError('fetch failed: connection reset');
    if (step.kind === 'status') return errorResponse(step);

    if (step.delayMs !== undefined && step.delayMs > 0) await delay(step.delayMs, init?.signal);
    const issuedAtMs = options.now();
    const iat = Math.floor(issuedAtMs / 1000);
    const token = makeJwt({ iat, exp: iat + options.lifetimeSeconds, sub: 'fake-client' });
    const record = { token, issuedAtMs, expiresAtMs: issuedAtMs + options.lifetimeSeconds * 1000 };
    issued.push(record);
    byToken.set(token, record);
    const body = {
      access_token: token,
      expires_in: options.lifetimeSeconds,
      scope: 'urn:test principal:fake',
      token_type: 'bearer',
    };

    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    get attempts() {
      return attempts;
    },
    issued,
    requestedUrls,
    find: (token) => byToken.get(token),
  };
}
