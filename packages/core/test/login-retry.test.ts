import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, IdsAuthLoginError, type TokenManagerEvents } from '../src/index.js';
import { backoffDelayMs, parseRetryAfterMs } from '../src/retry-delay.js';
import {
  CLIENT_ID,
  createFakeGateway,
  jsonResponse,
  tokenResponse,
} from './helpers/fake-gateway.js';
import { managerFor, settle } from './helpers/manager.js';

const START_MS = Date.UTC(2026, 0, 1);

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});

afterEach(() => {
  vi.useRealTimers();
});

const status = (code: number, headers: Record<string, string> = {}) =>
  jsonResponse({ error: 'x' }, code, headers);

describe('backoffDelayMs', () => {
  it('doubles from 500 ms up to 10 s', () => {
    const top = () => 0.999_999_999;

    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(retry, top))).toEqual([
      499, 999, 1999, 3999, 7999, 9999, 9999,
    ]);
  });

  it('draws full jitter from zero', () => {
    expect(backoffDelayMs(3, () => 0)).toBe(0);
    expect(backoffDelayMs(3, () => 0.5)).toBe(1000);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delay seconds', () => {
    expect(parseRetryAfterMs('7', null, START_MS)).toBe(7000);
    expect(parseRetryAfterMs(' 0 ', null, START_MS)).toBe(0);
  });

  it('reads an HTTP-date against the Date header', () => {
    const gatewayNow = new Date(START_MS + 3_600_000).toUTCString();
    const retryAt = new Date(START_MS + 3_600_000 + 5000).toUTCString();

    expect(parseRetryAfterMs(retryAt, gatewayNow, START_MS)).toBe(5000);
  });

  it('reads an HTTP-date against the local clock', () => {
    const retryAt = new Date(START_MS + 5000).toUTCString();

    expect(parseRetryAfterMs(retryAt, null, START_MS)).toBe(5000);
    expect(parseRetryAfterMs(retryAt, null, START_MS + 9000)).toBe(0);
  });

  it('ignores malformed values', () => {
    for (const value of [null, '', 'soon', '-1', '1.5']) {
      expect(parseRetryAfterMs(value, null, START_MS)).toBeUndefined();
    }
  });
});

describe('login retries', () => {
  for (const code of [429, 500, 502, 503, 504]) {
    it(`retries HTTP ${code} then succeeds`, async () => {
      const gateway = createFakeGateway();
      gateway.enqueue(status(code), status(code));
      const pending = settle(managerFor(gateway).getToken());

      await vi.advanceTimersByTimeAsync(0);
      expect(gateway.logins).toBe(1);
      // Back-off with jitter 0.5: 250 ms, then 500 ms.
      await vi.advanceTimersByTimeAsync(249);
      expect(gateway.logins).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(gateway.logins).toBe(2);
      await vi.advanceTimersByTimeAsync(499);
      expect(gateway.logins).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(gateway.logins).toBe(3);
      expect(pending.value).toMatch(/^ey/);
    });
  }

  it('retries a network error', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(new TypeError('fetch failed'));
    const pending = settle(managerFor(gateway).getToken());
    await vi.advanceTimersByTimeAsync(250);

    expect(gateway.logins).toBe(2);
    expect(pending.value).toMatch(/^ey/);
  });

  it('waits Retry-After seconds', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(status(429, { 'retry-after': '3' }));
    settle(managerFor(gateway).getToken());

    await vi.advanceTimersByTimeAsync(2999);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(2);
  });

  it('waits until a Retry-After date', async () => {
    const gateway = createFakeGateway();
    const retryAt = new Date(START_MS + 4000).toUTCString();
    gateway.enqueue(status(503, { 'retry-after': retryAt }));
    settle(managerFor(gateway).getToken());

    await vi.advanceTimersByTimeAsync(3999);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(2);
  });

  it('stops after maxLoginAttempts', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(() => status(503));
    const pending = settle(managerFor(gateway, { maxLoginAttempts: 3 }).getToken());
    await vi.advanceTimersByTimeAsync(60_000);

    expect(gateway.logins).toBe(3);
    expect(pending.error).toMatchObject({ code: ErrorCode.LOGIN_FAILED, status: 503 });
  });

  it('fails 429 with RATE_LIMITED', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(() => status(429));
    const pending = settle(managerFor(gateway).getToken());
    await vi.advanceTimersByTimeAsync(60_000);

    expect(gateway.logins).toBe(4);
    expect(pending.error).toMatchObject({ code: ErrorCode.RATE_LIMITED, status: 429 });
  });

  it('stops when Retry-After passes the deadline', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(status(429, { 'retry-after': '10' }));
    const manager = managerFor(gateway, { loginDeadlineMs: 10_000 });
    const pending = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);

    expect(gateway.logins).toBe(1);
    expect(pending.error).toMatchObject({ code: ErrorCode.RATE_LIMITED, retryAfterMs: 10_000 });
  });

  it('retries when Retry-After ends before the deadline', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(status(429, { 'retry-after': '9' }));
    const pending = settle(managerFor(gateway, { loginDeadlineMs: 10_000 }).getToken());
    await vi.advanceTimersByTimeAsync(9000);

    expect(gateway.logins).toBe(2);
    expect(pending.value).toMatch(/^ey/);
  });

  it('reports each failure as an event', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(status(503), status(400));
    const manager = managerFor(gateway);
    const failures: TokenManagerEvents['login:failure'][] = [];
    manager.on('login:failure', (payload) => failures.push(payload));
    settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(1000);

    expect(failures).toEqual([
      { attempt: 1, code: ErrorCode.LOGIN_FAILED, status: 503, willRetry: true, retryInMs: 250 },
      { attempt: 2, code: ErrorCode.BAD_REQUEST, status: 400, willRetry: false },
    ]);
  });
});

describe('final login failures', () => {
  const finals: [number, string][] = [
    [400, ErrorCode.BAD_REQUEST],
    [401, ErrorCode.INVALID_CREDENTIALS],
    [403, ErrorCode.INVALID_CREDENTIALS],
    [404, ErrorCode.LOGIN_FAILED],
    [302, ErrorCode.LOGIN_FAILED],
  ];
  for (const [code, errorCode] of finals) {
    it(`fails HTTP ${code} at once`, async () => {
      const gateway = createFakeGateway();
      gateway.replyAlways(() => status(code));
      const error = await managerFor(gateway)
        .getToken()
        .catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(IdsAuthLoginError);
      expect(error).toMatchObject({ code: errorCode, status: code });
      expect(gateway.logins).toBe(1);
    });
  }
});

describe('invalid credentials back-off', () => {
  it('answers callers from the back-off without logins', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(() => status(401));
    const manager = managerFor(gateway);
    const first = await manager.getToken().catch((caught: unknown) => caught);
    const repeats = await Promise.all(
      Array.from({ length: 100 }, () => manager.getToken().catch((caught: unknown) => caught)),
    );

    expect(gateway.logins).toBe(1);
    expect(first).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS });
    expect((first as Error).message).toContain(`client id "${CLIENT_ID}"`);
    for (const error of repeats) {
      expect(error).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS, retryAfterMs: 30_000 });
      expect((error as Error).message).toBe((first as Error).message);
    }
  });

  it('sends the next login after 30 s', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(status(403));
    const manager = managerFor(gateway);
    await manager.getToken().catch(() => undefined);

    await vi.advanceTimersByTimeAsync(30_000 - 1);
    await expect(manager.getToken()).rejects.toMatchObject({ retryAfterMs: 1 });
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(manager.getToken()).resolves.toMatch(/^ey/);
    expect(gateway.logins).toBe(2);
  });

  it('doubles the pause on repeats', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(() => status(401));
    const manager = managerFor(gateway);
    await manager.getToken().catch(() => undefined);
    await vi.advanceTimersByTimeAsync(30_000);
    await manager.getToken().catch(() => undefined);
    expect(gateway.logins).toBe(2);

    await vi.advanceTimersByTimeAsync(60_000 - 1);
    await manager.getToken().catch(() => undefined);
    expect(gateway.logins).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await manager.getToken().catch(() => undefined);
    expect(gateway.logins).toBe(3);
  });

  it('resets the pause after a success', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(status(401), tokenResponse(), status(401));
    const manager = managerFor(gateway);
    await manager.getToken().catch(() => undefined);
    await vi.advanceTimersByTimeAsync(30_000);
    const token = await manager.getToken();
    manager.invalidate(token);
    await manager.getToken().catch(() => undefined);

    await vi.advanceTimersByTimeAsync(30_000);
    await expect(manager.getToken()).resolves.toMatch(/^ey/);
    expect(gateway.logins).toBe(4);
  });
});

describe('timeout and abort', () => {
  const hang = () => (request: Request) =>
    new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });

  it('times out one attempt after timeoutMs', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(hang());
    const manager = managerFor(gateway, { timeoutMs: 1000, maxLoginAttempts: 1 });
    const pending = settle(manager.getToken());

    await vi.advanceTimersByTimeAsync(999);
    expect(pending.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.error).toMatchObject({ code: ErrorCode.TIMEOUT });
  });

  it('times out a transport ignoring abort', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(() => new Promise<Response>(() => {}));
    const manager = managerFor(gateway, { timeoutMs: 1000, maxLoginAttempts: 1 });
    const pending = settle(manager.getToken());

    await vi.advanceTimersByTimeAsync(999);
    expect(pending.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.error).toMatchObject({ code: ErrorCode.TIMEOUT });
  });

  it('closes during a login ignoring abort', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(() => new Promise<Response>(() => {}));
    const manager = managerFor(gateway);
    const pending = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);
    const closing = settle(manager.close());
    await vi.advanceTimersByTimeAsync(0);

    expect(closing.done).toBe(true);
    expect(pending.error).toMatchObject({ code: ErrorCode.CLOSED });
  });

  it('retries a timed-out attempt', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(hang());
    const pending = settle(managerFor(gateway, { timeoutMs: 1000 }).getToken());
    await vi.advanceTimersByTimeAsync(1000 + 250);

    expect(gateway.logins).toBe(2);
    expect(pending.value).toMatch(/^ey/);
  });

  it('reads the timeout from IDS_AUTH_TIMEOUT', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(hang());
    const manager = managerFor(gateway, { env: { IDS_AUTH_TIMEOUT: '2000' }, maxLoginAttempts: 1 });
    const pending = settle(manager.getToken());

    await vi.advanceTimersByTimeAsync(1999);
    expect(pending.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.error).toMatchObject({ code: ErrorCode.TIMEOUT });
  });

  it('defaults the timeout to 30 s', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(hang());
    const pending = settle(managerFor(gateway, { maxLoginAttempts: 1 }).getToken());

    await vi.advanceTimersByTimeAsync(29_999);
    expect(pending.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.error).toMatchObject({ code: ErrorCode.TIMEOUT });
  });

  it('abandons one caller on its signal', async () => {
    const gateway = createFakeGateway();
    let release = () => {};
    gateway.enqueue(
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(tokenResponse());
        }),
    );
    const manager = managerFor(gateway);
    const controller = new AbortController();
    const abandoned = settle(manager.getToken({ signal: controller.signal }));
    const patient = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);

    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(abandoned.error).toMatchObject({ code: ErrorCode.ABORTED });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(patient.value).toMatch(/^ey/);
    expect(gateway.logins).toBe(1);
  });

  it('aborts logins on the manager signal', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(hang());
    const controller = new AbortController();
    const manager = managerFor(gateway, { signal: controller.signal });
    const pending = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);

    controller.abort(new Error('shutting down'));
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.error).toMatchObject({ code: ErrorCode.ABORTED });
    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.ABORTED });
    expect(gateway.logins).toBe(1);
  });

  it('rejects waiting callers on close', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(hang());
    const manager = managerFor(gateway);
    const pending = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);

    await manager.close();
    expect(pending.error).toMatchObject({ code: ErrorCode.CLOSED });
    expect(vi.getTimerCount()).toBe(0);
  });
});
