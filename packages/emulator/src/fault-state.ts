import { checkCount, checkMilliseconds, checkRetryAfter, checkStatus } from './argument-checks.js';
import { FaultQueue } from './fault-queue.js';
import type { TokenRegistry } from './token-registry.js';
import type {
  AccountErrorType,
  FailLoginOptions,
  FailRequestOptions,
  GatewayFaults,
  MalformedLoginKind,
  RedirectOptions,
  RedirectTarget,
} from './types.js';

/** A queued change to one login response. */
export type LoginFault =
  | { kind: 'fail'; status: number; options: FailLoginOptions }
  | { kind: 'reset' }
  | { kind: 'malformed'; shape: MalformedLoginKind };

/** A queued change to one API response. */
export type RequestFault =
  | { kind: 'fail'; status: number; retryAfter: number | string | undefined }
  | { kind: 'redirect'; target: RedirectTarget; status: number };

const MALFORMED_KINDS: ReadonlySet<string> = new Set<MalformedLoginKind>([
  'html',
  'truncated-json',
  'missing-fields',
  'not-jwt',
  'no-exp',
  'expired',
  'far-future-exp',
]);

const ACCOUNT_ERROR_TYPES: ReadonlySet<string> = new Set<AccountErrorType>([
  'AccountNotOnboarded',
  'AccountDisabled',
  'AccountUnderMaintenance',
  'RequestTypeForbidden',
]);

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The fault settings of one gateway, set by tests and read by the request handlers. */
export class FaultState implements GatewayFaults {
  readonly loginFaults = new FaultQueue<LoginFault>();
  readonly loginDelays = new FaultQueue<number>();
  readonly requestFaults = new FaultQueue<RequestFault>();
  skewMs = 0;
  accountErrorType: AccountErrorType | undefined;
  challengeOn401 = false;
  newestTokenOnly = false;

  constructor(private readonly registry: TokenRegistry) {}

  slowLogins(ms: number, count = Number.POSITIVE_INFINITY): void {
    checkMilliseconds('slowLogins ms', ms);
    checkCount('slowLogins count', count);
    this.loginDelays.add(ms, count);
  }

  failLogins(count: number, status: number, options: FailLoginOptions = {}): void {
    checkCount('failLogins count', count);
    checkStatus('failLogins status', status);
    if (options.retryAfter !== undefined) checkRetryAfter('retryAfter', options.retryAfter);
    this.loginFaults.add({ kind: 'fail', status, options: { ...options } }, count);
  }

  rateLimitLogins(count: number, retryAfter: number | string): void {
    checkCount('rateLimitLogins count', count);
    checkRetryAfter('rateLimitLogins retryAfter', retryAfter);
    this.loginFaults.add({ kind: 'fail', status: 429, options: { retryAfter } }, count);
  }

  resetLoginConnections(count: number): void {
    checkCount('resetLoginConnections count', count);
    this.loginFaults.add({ kind: 'reset' }, count);
  }

  malformedLogins(kind: MalformedLoginKind, count: number): void {
    if (!MALFORMED_KINDS.has(kind)) {
      throw new TypeError(`malformedLogins kind must be one of ${[...MALFORMED_KINDS].join(', ')}`);
    }

    checkCount('malformedLogins count', count);
    this.loginFaults.add({ kind: 'malformed', shape: kind }, count);
  }

  failRequests(count: number, status: number, options: FailRequestOptions = {}): void {
    checkCount('failRequests count', count);
    checkStatus('failRequests status', status);
    if (options.retryAfter !== undefined) checkRetryAfter('retryAfter', options.retryAfter);
    this.requestFaults.add({ kind: 'fail', status, retryAfter: options.retryAfter }, count);
  }

  rateLimitRequests(count: number, retryAfter: number | string): void {
    checkCount('rateLimitRequests count', count);
    checkRetryAfter('rateLimitRequests retryAfter', retryAfter);
    this.requestFaults.add({ kind: 'fail', status: 429, retryAfter }, count);
  }

  revokeAll(): void {
    this.registry.revokeAll();
  }

  revokeToken(token: string): void {
    this.registry.revoke(token);
  }

  skewClock(ms: number): void {
    checkMilliseconds('skewClock ms', ms, true);
    this.skewMs = ms;
  }

  accountError(type: AccountErrorType): void {
    if (!ACCOUNT_ERROR_TYPES.has(type)) {
      throw new TypeError(
        `accountError type must be one of ${[...ACCOUNT_ERROR_TYPES].join(', ')}`,
      );
    }

    this.accountErrorType = type;
  }

  unauthorizedWithChallenge(on: boolean): void {
    this.challengeOn401 = on;
  }

  redirectRequests(count: number, target: RedirectTarget, options: RedirectOptions = {}): void {
    checkCount('redirectRequests count', count);
    if (target !== 'same-origin' && target !== 'cross-origin') {
      throw new TypeError("redirectRequests target must be 'same-origin' or 'cross-origin'");
    }

    const status = options.status ?? 302;
    if (!REDIRECT_STATUSES.has(status)) {
      throw new TypeError('redirectRequests status must be one of 301, 302, 303, 307, 308');
    }

    this.requestFaults.add({ kind: 'redirect', target, status }, count);
  }

  acceptOnlyNewestToken(on: boolean): void {
    this.newestTokenOnly = on;
  }

  clear(): void {
    this.loginFaults.clear();
    this.loginDelays.clear();
    this.requestFaults.clear();
    this.skewMs = 0;
    this.accountErrorType = undefined;
    this.challengeOn401 = false;
    this.newestTokenOnly = false;
  }
}

const FAULT_METHODS = [
  'slowLogins',
  'failLogins',
  'rateLimitLogins',
  'resetLoginConnections',
  'malformedLogins',
  'failRequests',
  'rateLimitRequests',
  'revokeAll',
  'revokeToken',
  'skewClock',
  'accountError',
  'unauthorizedWithChallenge',
  'redirectRequests',
  'acceptOnlyNewestToken',
  'clear',
] as const satisfies readonly (keyof GatewayFaults)[];

/**
 * Returns a frozen object with the fault methods of `state` bound to it, so callers can pass
 * single methods around and cannot reach the internal queues.
 */
export function exposeFaults(state: FaultState): GatewayFaults {
  const entries = FAULT_METHODS.map((name) => [name, state[name].bind(state)]);

  return Object.freeze(Object.fromEntries(entries)) as GatewayFaults;
}
