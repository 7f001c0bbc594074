import { inspect } from 'node:util';
import { isIdsAuthError, type TokenManager, type TokenManagerEvents } from '@ids-auth/core';
import { createManualClock } from '@ids-auth/test-support/manual-clock';
import {
  LOGIN_PATH,
  startTestGateway,
  type TestGateway,
} from '@ids-auth/test-support/scripted-gateway';
import { CLIENT_ID, CLIENT_SECRET, createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withIdsAuth } from '../src/index.js';

// One hour minus a second, as the gateway issues; the manager must not send it after that.
const TOKEN_LIFETIME_MS = 3_599_000;
// The core's default refresh margin: five minutes, less than a quarter of this lifetime.
const REFRESH_MARGIN_MS = 300_000;

describe('withIdsAuth(fetch)', () => {
  let gateway: TestGateway;
  let other: TestGateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
    other = await startTestGateway();
  });

  afterEach(async () => {
    await manager?.close();
    await gateway.close();
    await other.close();
  });

  it('accepts every input and header form', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);
    const url = `${gateway.url}/dap/job/1`;

    const responses = [
      await authedFetch(url),
      await authedFetch(new URL(url)),
      await authedFetch(new Request(url, { headers: { 'X-A': '1' } })),
      await authedFetch(url, { headers: new Headers({ 'X-A': '1' }) }),
      await authedFetch(url, { headers: { 'X-A': '1' } }),
      await authedFetch(url, { headers: [['X-A', '1']] }),
      await authedFetch(new Request(url, { headers: { 'X-A': 'old' } }), {
        headers: { 'X-A': '1' },
      }),
    ];

    expect(responses.map((r) => r.status)).toEqual(Array(7).fill(200));
    const expected = [`Bearer ${await manager.getToken()}`];
    for (const request of gateway.requests) expect(request.authorization).toEqual(expected);
    expect(gateway.logins()).toBe(1);
  });

  it('keeps caller headers and objects unchanged', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);
    const headers = new Headers({ 'X-InstAuth': 'legacy' });
    const init = { headers };
    const request = new Request(`${gateway.url}/dap/job/1`, {
      headers: { 'x-instauth': 'legacy' },
    });

    await authedFetch(`${gateway.url}/dap/job/1`, init);
    await authedFetch(request);

    expect([...headers]).toEqual([['x-instauth', 'legacy']]);
    expect(init).toEqual({ headers });
    expect([...request.headers]).toEqual([['x-instauth', 'legacy']]);
  });

  it('shares one login among parked requests', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => authedFetch(`${gateway.url}/dap/job/${i}`)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(gateway.logins()).toBe(1);
  });

  it('reads token at send time', async () => {
    const clock = createManualClock();
    manager = createManager(gateway, { clock });
    const authedFetch = withIdsAuth(fetch, manager);
    const init = { headers: { 'X-Request': 'same init' } };

    await authedFetch(`${gateway.url}/dap/job/1`, init);
    clock.advance(TOKEN_LIFETIME_MS);
    await authedFetch(`${gateway.url}/dap/job/1`, init);

    expect(gateway.logins()).toBe(2);
    const [first, second] = gateway.requests.map((r) => r.authorization[0]);
    expect(second).not.toBe(first);
    expect(second).toBe(`Bearer ${await manager.getToken()}`);
  });

  it('refreshes ahead without blocking requests', async () => {
    const clock = createManualClock();
    manager = createManager(gateway, { clock });
    const authedFetch = withIdsAuth(fetch, manager);
    const url = `${gateway.url}/dap/job/1`;
    await authedFetch(url);
    const firstToken = await manager.getToken();
    let releaseLogin = () => {};
    gateway.loginGate = () => new Promise<void>((resolve) => (releaseLogin = resolve));

    // One tick before the refresh margin, then at it: the background login starts and stays
    // open, and the request still goes out at once with the valid old token.
    clock.advance(TOKEN_LIFETIME_MS - REFRESH_MARGIN_MS - 1);
    await authedFetch(url);
    expect(gateway.logins()).toBe(1);
    clock.advance(1);
    await authedFetch(url);
    expect(gateway.logins()).toBe(2);
    const old = [`Bearer ${firstToken}`];
    expect(gateway.requests.map((r) => r.authorization)).toEqual([old, old, old]);

    releaseLogin();
    await waitFor(async () => (await manager.getToken()) !== firstToken);
    await authedFetch(url);
    expect(gateway.requests[3]?.authorization).not.toEqual(old);
    expect(gateway.logins()).toBe(2);
  });

  it('reads credentials from environment', async () => {
    vi.stubEnv('DAP_CLIENT_ID', CLIENT_ID);
    vi.stubEnv('DAP_CLIENT_SECRET', CLIENT_SECRET);
    vi.stubEnv('DAP_API_URL', gateway.url);
    const authedFetch = withIdsAuth(fetch);
    vi.unstubAllEnvs();

    const response = await authedFetch(`${gateway.url}/dap/job/1`);

    expect(response.status).toBe(200);
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    expect(gateway.loginRequests[0]?.authorization).toEqual([`Basic ${basic}`]);
  });

  it('attaches bearer to extra origins', async () => {
    manager = createManager(gateway, { origins: [other.url] });
    const authedFetch = withIdsAuth(fetch, manager);

    const token = await manager.getToken();

    await authedFetch(`${other.url}/files/1`);

    expect(other.requests[0]?.authorization).toEqual([`Bearer ${token}`]);
  });

  it('leaves other origins untouched', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);

    await authedFetch(`${other.url}/public`, {
      headers: { Authorization: 'Bearer caller-value', 'X-InstAuth': 'caller-legacy' },
    });

    expect(other.requests[0]?.authorization).toEqual(['Bearer caller-value']);
    expect(other.requests[0]?.instauth).toEqual(['caller-legacy']);
    expect(gateway.logins()).toBe(0);
  });

  it('leaves login URL untouched', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);
    const basic = `Basic ${Buffer.from('caller:caller-secret').toString('base64')}`;

    const response = await authedFetch(`${gateway.url}${LOGIN_PATH}`, {
      method: 'POST',
      headers: { Authorization: basic },
      body: 'grant_type=client_credentials',
    });

    expect(response.status).toBe(200);
    expect(gateway.logins()).toBe(1);
    expect(gateway.loginRequests[0]?.authorization).toEqual([basic]);
  });

  it('sends streamed body with duplex half', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);
    const body = new Blob(['x'.repeat(1000)]).stream();

    const response = await authedFetch(`${gateway.url}/upload`, {
      method: 'PUT',
      body,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(200);
    expect(gateway.requests[0]?.bodyBytes).toBe(1000);
  });

  it('rejects non-function fetch', () => {
    expect(() => withIdsAuth(undefined as unknown as typeof fetch, {})).toThrow(TypeError);
  });

  it('rejects parked requests on bad secret', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.loginStatus = 403;

    const errors = await Promise.all(
      Array.from({ length: 3 }, () =>
        authedFetch(`${gateway.url}/dap/job/1`).catch((e: unknown) => e),
      ),
    );

    for (const error of errors) {
      expect(isIdsAuthError(error, 'IDS_AUTH_INVALID_CREDENTIALS')).toBe(true);
      expect(inspect(error, { depth: 5 })).not.toContain(CLIENT_SECRET);
    }
    expect(gateway.logins()).toBe(1);
    expect(gateway.requests).toEqual([]);
  });

  it('emits one fingerprinted event per request', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);
    const events: TokenManagerEvents['request:authorized'][] = [];
    manager.on('request:authorized', (event) => events.push(event));

    await Promise.all(
      Array.from({ length: 4 }, (_, i) => authedFetch(`${gateway.url}/dap/job/${i}`)),
    );

    const token = await manager.getToken();
    expect(events).toHaveLength(4);
    for (const event of events) {
      expect(event.tokenFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
      expect(JSON.stringify(event)).not.toContain(token);
    }
  });
});

/** Resolves once `condition` holds, polling on the event loop rather than a timer. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
}
