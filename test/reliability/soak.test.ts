import { createTokenManager, type TokenManagerEventName } from '@ids-auth/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { advance, installFakeClock, settle } from '../helpers/fake-clock.js';
import { createFakeLogin, type LoginStep } from '../helpers/fake-login.js';

const BASE_URL = 'http://127.0.0.1:8080';
const START_MS = Date.UTC(2026, 0, 5, 8, 0, 0);
const SOAK_MS = 26 * 60 * 60 * 1000;
const REQUEST_INTERVAL_MS = 500;
const SAMPLE_INTERVAL_MS = 60 * 60 * 1000;
const TOKEN_LIFETIME_SECONDS = 3600;
const LOGIN_TIMEOUT_MS = 30_000;
const SLOW_LOGIN_MS = 20_000;
const TOO_SLOW_LOGIN_MS = 45_000;
/** The design's hard margin for a one-hour token: the smaller of 30 s and a tenth. */
const HARD_MARGIN_MS = 30_000;
/** Timers pending at once: refresh, login timeout, back-off, and the fake login's delay. */
const MAX_PENDING_TIMERS = 4;

/**
 * Chooses the login response: mostly quick, with slow responses, responses slower than the
 * timeout, 503s and reset connections in between.
 */
function soakScript(attempt: number): LoginStep {
  if (attempt % 13 === 0) return { kind: 'ok', delayMs: TOO_SLOW_LOGIN_MS };
  if (attempt % 7 === 0) return { kind: 'ok', delayMs: SLOW_LOGIN_MS };
  if (attempt % 5 === 0) return { kind: 'status', status: 503 };
  if (attempt % 11 === 0) return { kind: 'network-error' };

  return { kind: 'ok', delayMs: 200 };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('soak with a fake clock', () => {
  it('refreshes hourly for 26 hours', async () => {
    const clock = installFakeClock(START_MS);
    const login = createFakeLogin({
      loginUrl: `${BASE_URL}/ids/auth/login`,
      lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      now: clock.now,
      script: soakScript,
    });
    const manager = createTokenManager({
      clientId: 'soak-client',
      clientSecret: 'soak-secret',
      baseUrl: BASE_URL,
      timeoutMs: LOGIN_TIMEOUT_MS,
      fetch: login.fetch,
      clock,
    });
    const events = new Map<TokenManagerEventName, number>();
    for (const name of ['login:start', 'login:success', 'login:failure'] as const) {
      manager.on(name, () => events.set(name, (events.get(name) ?? 0) + 1));
    }
    const inFlightLogins = () =>
      (events.get('login:start') ?? 0) -
      (events.get('login:success') ?? 0) -
      (events.get('login:failure') ?? 0);

    let handedOut = 0;
    let pendingCalls = 0;
    const unknownTokens: string[] = [];
    const expiredHandouts: number[] = [];
    const lateHandouts: number[] = [];
    const rejections: unknown[] = [];
    const hourlyTimerCounts: number[] = [];
    let maxTimers = 0;
    let maxInFlightLogins = 0;
    let maxPendingCalls = 0;
    const checkToken = (token: string) => {
      const now = Date.now();
      const issued = login.find(token);
      handedOut += 1;
      if (!issued) unknownTokens.push(token.slice(0, 8));
      else if (now >= issued.expiresAtMs) expiredHandouts.push(now - START_MS);
      else if (now > issued.expiresAtMs - HARD_MARGIN_MS) lateHandouts.push(now - START_MS);
    };

    for (let elapsedMs = 0; elapsedMs < SOAK_MS; elapsedMs += REQUEST_INTERVAL_MS) {
      pendingCalls += 1;
      manager
        .getToken()
        .then(checkToken, (error: unknown) => rejections.push(error))
        .finally(() => {
          pendingCalls -= 1;
        });
      await advance(REQUEST_INTERVAL_MS);
      maxTimers = Math.max(maxTimers, vi.getTimerCount());
      maxInFlightLogins = Math.max(maxInFlightLogins, inFlightLogins());
      maxPendingCalls = Math.max(maxPendingCalls, pendingCalls);
      if (elapsedMs % SAMPLE_INTERVAL_MS === 0) hourlyTimerCounts.push(vi.getTimerCount());
    }
    await advance(LOGIN_TIMEOUT_MS * 4);
    await settle();

    const requests = SOAK_MS / REQUEST_INTERVAL_MS;
    expect(handedOut).toBe(requests);
    expect(rejections).toEqual([]);
    expect(unknownTokens).toEqual([]);
    expect(expiredHandouts).toEqual([]);
    expect(lateHandouts).toEqual([]);
    expect(login.issued.length).toBeGreaterThanOrEqual(27);
    expect(login.issued.length).toBeLessThanOrEqual(31);
    expect(login.attempts).toBeGreaterThan(login.issued.length);
    expect(maxTimers).toBeLessThanOrEqual(MAX_PENDING_TIMERS);
    expect(maxInFlightLogins).toBeLessThanOrEqual(1);
    // Every call gets a valid token within its own step, so no caller waits for a login.
    expect(maxPendingCalls).toBe(0);
    expect(Math.max(...hourlyTimerCounts.slice(1))).toBeLessThanOrEqual(hourlyTimerCounts[0] ?? 0);
    expect(pendingCalls).toBe(0);

    await manager.close();
    expect(vi.getTimerCount()).toBe(0);
  }, 60_000);
});
