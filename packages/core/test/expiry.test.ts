import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshAtMs, usableUntilMs } from '../src/expiry-policy.js';
import type { TokenRecord } from '../src/index.js';
import { createFakeGateway, jsonResponse } from './helpers/fake-gateway.js';
import { managerFor, settle } from './helpers/manager.js';

const START_MS = Date.UTC(2026, 0, 1);
const MINUTE_MS = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});

afterEach(() => {
  vi.useRealTimers();
});

function recordLiving(lifetimeMs: number): TokenRecord {
  return {
    accessToken: 'a.b.c',
    tokenType: 'bearer',
    scope: '',
    obtainedAtMs: 0,
    expiresAtMs: lifetimeMs,
  };
}

describe('expiry policy', () => {
  it('caps the refresh margin at a quarter lifetime', () => {
    expect(refreshAtMs(recordLiving(60_000), 5 * MINUTE_MS)).toBe(45_000);
    expect(refreshAtMs(recordLiving(10_000), 5 * MINUTE_MS)).toBe(7_500);
    expect(refreshAtMs(recordLiving(60 * MINUTE_MS), 5 * MINUTE_MS)).toBe(55 * MINUTE_MS);
    expect(refreshAtMs(recordLiving(60 * MINUTE_MS), 20 * MINUTE_MS)).toBe(45 * MINUTE_MS);
  });

  it('caps the hard margin at a tenth lifetime', () => {
    expect(usableUntilMs(recordLiving(60 * MINUTE_MS))).toBe(60 * MINUTE_MS - 30_000);
    expect(usableUntilMs(recordLiving(300_000))).toBe(270_000);
    expect(usableUntilMs(recordLiving(60_000))).toBe(54_000);
    expect(usableUntilMs(recordLiving(10_000))).toBe(9_000);
  });
});

describe('refresh timing', () => {
  it('refreshes an hour token five minutes early', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 3600 });
    const manager = managerFor(gateway);
    await manager.getToken();

    await vi.advanceTimersByTimeAsync(55 * MINUTE_MS - 1);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(2);
  });

  it('honours a smaller refreshMarginMs', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 3600 });
    const manager = managerFor(gateway, { refreshMarginMs: MINUTE_MS });
    await manager.getToken();

    await vi.advanceTimersByTimeAsync(59 * MINUTE_MS - 1);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(2);
  });

  it('waits beyond the longest timer delay', async () => {
    const dayMs = 24 * 60 * MINUTE_MS;
    const gateway = createFakeGateway({ lifetimeSeconds: 100 * 24 * 3600 });
    const manager = managerFor(gateway);
    await manager.getToken();

    await vi.advanceTimersByTimeAsync(100 * dayMs - 5 * MINUTE_MS - 1);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(2);
  });

  it('stops handing out a token at the hard margin', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway, { refreshMarginMs: 0 });
    const first = await manager.getToken();

    await vi.advanceTimersByTimeAsync(54_000 - 1);
    expect(await manager.getToken()).toBe(first);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await manager.getToken()).not.toBe(first);
    expect(gateway.logins).toBe(2);
  });

  it('retries a failed background refresh', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway, { maxLoginAttempts: 1 });
    const first = await manager.getToken();
    gateway.replyAlways(() => jsonResponse({}, 503));

    await vi.advanceTimersByTimeAsync(45_000);
    expect(gateway.logins).toBe(2);
    expect(await manager.getToken()).toBe(first);
    // Back-off with jitter 0.5: 250 ms, 500 ms, 1 s, 2 s and 4 s, which ends at 52.75 s.
    // The next delay, 8 s, would end after 54 s, when the token stops being handed out.
    await vi.advanceTimersByTimeAsync(250 - 1);
    expect(gateway.logins).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(3);
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 4000);
    expect(gateway.logins).toBe(7);
    expect(await manager.getToken()).toBe(first);
    await vi.advanceTimersByTimeAsync(54_000 - 52_750 - 1);
    expect(gateway.logins).toBe(7);
  });

  it('makes callers wait once the old token ends', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway, { maxLoginAttempts: 1 });
    const first = await manager.getToken();
    gateway.replyAlways(() => jsonResponse({}, 503));
    await vi.advanceTimersByTimeAsync(54_000);
    gateway.replyAlways(undefined);

    const next = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);
    expect(next.value).toMatch(/^ey/);
    expect(next.value).not.toBe(first);
  });

  it('refreshes every 55 minutes under steady use', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 3600 });
    const manager = managerFor(gateway);
    let expiredSends = 0;
    for (let step = 0; step < 26 * 60 * 2; step += 1) {
      const record = await manager.getTokenRecord();
      if (record.expiresAtMs <= Date.now()) expiredSends += 1;
      await vi.advanceTimersByTimeAsync(30_000);
    }

    expect(expiredSends).toBe(0);
    // One login at the start, then one per 55 minutes: 1 + floor(26 h / 55 min).
    expect(gateway.logins).toBe(1 + Math.floor((26 * 60) / 55));
  });
});
