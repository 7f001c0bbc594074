import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '../src/index.js';
import { bearer, callApi, decodeJwtPayload, login, rawLogin } from './helpers.js';

const SLOW_LOGIN_MS = 500;
const START_MS = Date.UTC(2026, 2, 3, 4, 5, 6);

let gateway: Gateway;
let nowMs: number;

beforeEach(async () => {
  nowMs = START_MS;
  gateway = await startGateway({ now: () => nowMs });
});

afterEach(async () => {
  vi.useRealTimers();
  await gateway.close();
});

/**
 * Waits until the gateway has started its delay timer. vi.waitFor would advance fake time,
 * so this polls on setImmediate, which the tests leave real.
 */
async function waitForFakeTimer(): Promise<void> {
  while (vi.getTimerCount() === 0) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function loginBody(): Promise<{ status: number; text: string; type: string | null }> {
  const response = await login(gateway);

  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type'),
  };
}

describe('slowLogins', () => {
  test('holds the response for the delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    gateway.faults.slowLogins(SLOW_LOGIN_MS, 1);
    const pending = rawLogin(gateway);
    await waitForFakeTimer();

    await vi.advanceTimersByTimeAsync(SLOW_LOGIN_MS - 1);
    expect(gateway.stats().loginAttempts).toBe(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.stats().loginAttempts).toBe(1);
    expect((await pending).status).toBe(200);
  });

  test('delays only the counted logins', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    gateway.faults.slowLogins(SLOW_LOGIN_MS, 1);
    const slow = rawLogin(gateway);
    await waitForFakeTimer();
    const fast = await rawLogin(gateway);

    expect(fast.status).toBe(200);
    expect(gateway.stats().logins).toBe(1);
    await vi.advanceTimersByTimeAsync(SLOW_LOGIN_MS);
    expect((await slow).status).toBe(200);
  });

  test('close ends a pending slow login', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    gateway.faults.slowLogins(60_000);
    const pending = rawLogin(gateway).then(
      (response) => response.status,
      () => 'network error',
    );
    await waitForFakeTimer();
    await gateway.close();

    expect(await pending).toBe('network error');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('failLogins', () => {
  test('fails the next logins then recovers', async () => {
    gateway.faults.failLogins(2, 503);
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await login(gateway)).status);

    expect(statuses).toEqual([503, 503, 200]);
    expect(gateway.stats().loginFailures).toBe(2);
    expect(gateway.stats().clients[DEFAULT_CLIENT.clientId]?.loginFailures).toBe(2);
  });

  test('sends the chosen body and headers', async () => {
    gateway.faults.failLogins(1, 502, {
      body: '<h1>Bad Gateway</h1>',
      contentType: 'text/html',
      retryAfter: 7,
    });
    const response = await login(gateway);

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.text()).toBe('<h1>Bad Gateway</h1>');
  });

  test('sends a JSON body by default', async () => {
    gateway.faults.failLogins(1, 500);
    const response = await login(gateway);
    const body = (await response.json()) as { error: string };

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(typeof body.error).toBe('string');
  });

  test('fails even with wrong credentials', async () => {
    gateway.faults.failLogins(1, 401);
    const response = await login(gateway, { ...DEFAULT_CLIENT, clientSecret: 'wrong' });

    expect(response.status).toBe(401);
  });

  test('rejects an invalid status', () => {
    expect(() => gateway.faults.failLogins(1, 99)).toThrow(TypeError);
    expect(() => gateway.faults.failLogins(-1, 500)).toThrow(/failLogins count/);
  });
});

describe('rateLimitLogins', () => {
  test('sends 429 with seconds', async () => {
    gateway.faults.rateLimitLogins(1, 30);
    const first = await login(gateway);
    const second = await login(gateway);

    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('30');
    expect(second.status).toBe(200);
  });

  test('sends 429 with an HTTP date', async () => {
    const date = new Date(START_MS + 5000).toUTCString();
    gateway.faults.rateLimitLogins(1, date);
    const response = await login(gateway);

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(date);
  });

  test('rejects a header with a line break', () => {
    expect(() => gateway.faults.rateLimitLogins(1, '5\r\nx: y')).toThrow(TypeError);
  });
});

describe('resetLoginConnections', () => {
  test('destroys the socket then recovers', async () => {
    gateway.faults.resetLoginConnections(1);
    const failed = await login(gateway).then(
      () => 'responded',
      () => 'network error',
    );
    const next = await login(gateway);

    expect(failed).toBe('network error');
    expect(next.status).toBe(200);
    expect(gateway.stats().loginFailures).toBe(1);
  });
});

describe('malformedLogins', () => {
  test('sends an HTML page', async () => {
    gateway.faults.malformedLogins('html', 1);
    const result = await loginBody();

    expect(result.status).toBe(200);
    expect(result.type).toMatch(/^text\/html/);
    expect(result.text).toMatch(/^<!DOCTYPE html>/);
    expect(gateway.stats().loginFailures).toBe(1);
  });

  test('sends truncated JSON', async () => {
    gateway.faults.malformedLogins('truncated-json', 1);
    const result = await loginBody();

    expect(result.type).toBe('application/json');
    expect(() => JSON.parse(result.text)).toThrow(SyntaxError);
    expect(result.text.startsWith('{"access_token":')).toBe(true);
  });

  test('omits expires_in and token_type', async () => {
    gateway.faults.malformedLogins('missing-fields', 1);
    const body = JSON.parse((await loginBody()).text) as Record<string, unknown>;

    expect(Object.keys(body).sort()).toEqual(['access_token', 'scope']);
  });

  test('sends an opaque token that works', async () => {
    gateway.faults.malformedLogins('not-jwt', 1);
    const body = JSON.parse((await loginBody()).text) as { access_token: string };
    const response = await callApi(gateway, '/dap/query/canvas/table', bearer(body.access_token));

    expect(body.access_token.split('.')).toHaveLength(1);
    expect(response.status).toBe(200);
  });

  test('sends a JWT without exp', async () => {
    gateway.faults.malformedLogins('no-exp', 1);
    const body = JSON.parse((await loginBody()).text) as { access_token: string };
    const claims = decodeJwtPayload(body.access_token);

    expect(claims).not.toHaveProperty('exp');
    expect(claims.iat).toBe(Math.floor(START_MS / 1000));
  });

  test('sends a token that is already expired', async () => {
    gateway.faults.malformedLogins('expired', 1);
    const body = JSON.parse((await loginBody()).text) as {
      access_token: string;
      expires_in: number;
    };
    const claims = decodeJwtPayload(body.access_token);
    const response = await callApi(gateway, '/dap/query/canvas/table', bearer(body.access_token));

    expect(body.expires_in).toBe(3599);
    expect(claims.exp).toBe(Math.floor(START_MS / 1000) - 60);
    expect(response.status).toBe(401);
    expect(gateway.stats().unauthorized.expired).toBe(1);
  });

  test('sends a far-future exp but enforces the lifetime', async () => {
    gateway.faults.malformedLogins('far-future-exp', 1);
    const body = JSON.parse((await loginBody()).text) as { access_token: string };
    const claims = decodeJwtPayload(body.access_token);
    nowMs = START_MS + 3599 * 1000;
    const response = await callApi(gateway, '/dap/query/canvas/table', bearer(body.access_token));

    expect((claims.exp as number) - (claims.iat as number)).toBeGreaterThan(365 * 24 * 3600);
    expect(response.status).toBe(401);
  });

  test('applies only to logins that would succeed', async () => {
    gateway.faults.malformedLogins('html', 1);
    const rejected = await login(gateway, { ...DEFAULT_CLIENT, clientSecret: 'wrong' });
    const next = await loginBody();

    expect(rejected.status).toBe(403);
    expect(next.type).toBe('application/json');
  });

  test('rejects an unknown kind', () => {
    // @ts-expect-error an invalid kind on purpose
    expect(() => gateway.faults.malformedLogins('xml', 1)).toThrow(/malformedLogins kind/);
  });
});

describe('login fault order', () => {
  test('queues faults in call order', async () => {
    gateway.faults.failLogins(1, 503);
    gateway.faults.rateLimitLogins(1, 1);
    gateway.faults.malformedLogins('html', 1);
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await loginBody()).status);

    expect(statuses).toEqual([503, 429, 200, 200]);
    expect(gateway.stats().logins).toBe(1);
  });

  test('clear removes queued faults', async () => {
    gateway.faults.failLogins(Number.POSITIVE_INFINITY, 503);
    gateway.faults.clear();

    expect((await login(gateway)).status).toBe(200);
  });
});

describe('skewClock', () => {
  test('shifts iat and exp only', async () => {
    const skewMs = -2 * 3600 * 1000;
    gateway.faults.skewClock(skewMs);
    const body = JSON.parse((await loginBody()).text) as { access_token: string };
    const claims = decodeJwtPayload(body.access_token);
    nowMs = START_MS + 3599 * 1000 - 1;
    const beforeExpiry = await callApi(gateway, '/dap/job/x', bearer(body.access_token));
    nowMs += 1;
    const atExpiry = await callApi(gateway, '/dap/job/x', bearer(body.access_token));

    expect(claims.iat).toBe(Math.floor((START_MS + skewMs) / 1000));
    expect(claims.exp).toBe(Math.floor((START_MS + skewMs) / 1000) + 3599);
    expect(beforeExpiry.status).toBe(404);
    expect(atExpiry.status).toBe(401);
  });
});
