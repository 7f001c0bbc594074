// A login with retries. Responses 429, 408 and 5xx, network errors and timeouts are retried
// with back-off or after Retry-After, within a number of attempts and a total deadline.
// Other failures are final.
import { sleep } from './abort.js';
import { CLOCK_SKEW_THRESHOLD_MS } from './defaults.js';
import type { EventHub } from './events.js';
import { fingerprintToken } from './fingerprint.js';
import { type AttemptOutcome, attemptLogin, type LoginTarget } from './login-attempt.js';
import { backoffDelayMs } from './retry-delay.js';
import type { TokenRecord } from './types.js';

/** Everything one login needs besides the target. */
export interface LoginPolicy {
  timeoutMs: number;
  loginDeadlineMs: number;
  maxLoginAttempts: number;
  random: () => number;
  events: EventHub;
  /** Aborted when the manager closes or its `signal` aborts. */
  signal: AbortSignal;
}

/** Logs in, retrying transient failures, and returns the token. Rejects with the last error. */
export async function login(target: LoginTarget, policy: LoginPolicy): Promise<TokenRecord> {
  const { clock } = target;
  const deadlineMs = clock.now() + policy.loginDeadlineMs;
  for (let attempt = 1; ; attempt += 1) {
    policy.events.emit('login:start', { attempt, clientId: target.clientId });
    const timeoutMs = Math.max(1, Math.min(policy.timeoutMs, deadlineMs - clock.now()));
    const outcome = await attemptLogin(target, timeoutMs, policy.signal);
    if (outcome.ok) return reportSuccess(outcome.result, attempt, policy.events);

    const retryInMs = outcome.retryAfterMs ?? backoffDelayMs(attempt, policy.random);
    const willRetry =
      outcome.retryable &&
      attempt < policy.maxLoginAttempts &&
      clock.now() + retryInMs < deadlineMs;
    reportFailure(outcome, attempt, willRetry ? retryInMs : undefined, policy.events);
    if (!willRetry) throw outcome.error;

    await sleep(clock, retryInMs, policy.signal);
  }
}

function reportSuccess(
  result: Extract<AttemptOutcome, { ok: true }>['result'],
  attempt: number,
  events: EventHub,
): TokenRecord {
  const { record, jwtExpiresAtMs } = result;
  const skewMs = jwtExpiresAtMs - record.expiresAtMs;
  if (Math.abs(skewMs) > CLOCK_SKEW_THRESHOLD_MS) events.emit('clock:skew', { skewMs });

  events.emit('login:success', {
    attempt,
    tokenFingerprint: fingerprintToken(record.accessToken),
    expiresAtMs: record.expiresAtMs,
    lifetimeMs: record.expiresAtMs - record.obtainedAtMs,
  });

  return record;
}

function reportFailure(
  outcome: Extract<AttemptOutcome, { ok: false }>,
  attempt: number,
  retryInMs: number | undefined,
  events: EventHub,
): void {
  const { error } = outcome;
  events.emit('login:failure', {
    attempt,
    code: error.code,
    ...(error.status === undefined ? {} : { status: error.status }),
    willRetry: retryInMs !== undefined,
    ...(retryInMs === undefined ? {} : { retryInMs }),
  });
}
