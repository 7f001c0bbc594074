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
import { idsAuth, withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS, bearerToken } from './support/clients.js';

// One hour minus a second, as the gateway issues; the manager must not send it after that.
const TOKEN_LIFETIME_MS = 3_599_000;
// The core's default refresh margin: five minutes, less than a quarter of this lifetime.
const REFRESH_MARGIN_MS = 300_000;

describe.each(AXIOS_VARIANTS)('$name', (variant) => {
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

  it('attaches bearer to gateway requests', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    api.interceptors.request.use(idsAuth(manager));

    const response = await api.get('/dap/query/canvas/table');

    expect(response.status).toBe(200);
    expect(gateway.requests[0]?.authorization).toEqual([`Bearer ${await manager.getToken()}`]);
    expect(gateway.logins()).toBe(1);
  });

  it('shares one login among parked requests', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.get(`/dap/job/${i}`)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(gateway.logins()).toBe(1);
    const tokens = new Set(gateway.requests.map((r) => r.authorization.join()));
    expect(tokens.size).toBe(1);
  });

  it('reads token at send time', async () => {
    const clock = createManualClock();
    manager = createManager(gateway, { clock });
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    const config = { url: '/dap/job/1', headers: { 'X-Request': 'same config' } };

    await api.request(config);
    clock.advance(TOKEN_LIFETIME_MS);
    await api.request(config);

    expect(gateway.logins()).toBe(2);
    const [first, second] = gateway.requests.map((r) => bearerToken(r.authorization[0]));
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
    expect(second).toBe(await manager.getToken());
  });

  it('refreshes ahead without blocking requests', async () => {
    const clock = createManualClock();
    manager = createManager(gateway, { clock });
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    await api.get('/dap/job/1');
    const firstToken = await manager.getToken();
    let releaseLogin = () => {};
    gateway.loginGate = () => new Promise<void>((resolve) => (releaseLogin = resolve));

    // One tick before the refresh margin, then at it: the background login starts and stays
    // open, and the request still goes out at once with the valid old token.
    clock.advance(TOKEN_LIFETIME_MS - REFRESH_MARGIN_MS - 1);
    await api.get('/dap/job/2');
    expect(gateway.logins()).toBe(1);
    clock.advance(1);
    await api.get('/dap/job/3');
    expect(gateway.logins()).toBe(2);
    const tokens = gateway.requests.map((r) => bearerToken(r.authorization[0]));
    expect(tokens).toEqual([firstToken, firstToken, firstToken]);

    releaseLogin();
    await waitFor(async () => (await manager.getToken()) !== firstToken);
    await api.get('/dap/job/4');
    expect(bearerToken(gateway.requests[3]?.authorization[0])).not.toBe(firstToken);
    expect(gateway.logins()).toBe(2);
  });

  it('reads credentials from environment', async () => {
    vi.stubEnv('DAP_CLIENT_ID', CLIENT_ID);
    vi.stubEnv('DAP_CLIENT_SECRET', CLIENT_SECRET);
    vi.stubEnv('DAP_API_URL', gateway.url);
    const api = variant.create();
    api.interceptors.request.use(idsAuth());
    vi.unstubAllEnvs();

    const response = await api.get(`${gateway.url}/dap/job/1`);

    expect(response.status).toBe(200);
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    expect(gateway.loginRequests[0]?.authorization).toEqual([`Basic ${basic}`]);
  });

  it('attaches bearer to extra origins', async () => {
    manager = createManager(gateway, { origins: [other.url] });
    const api = variant.create();
    withIdsAuth(api, manager);

    const token = await manager.getToken();

    await api.get(`${other.url}/files/1`, { validateStatus: () => true });

    expect(other.requests[0]?.authorization).toEqual([`Bearer ${token}`]);
  });

  it('leaves other origins untouched', async () => {
    manager = createManager(gateway);
    const api = variant.create();
    withIdsAuth(api, manager);

    await api.get(`${other.url}/public`, {
      headers: { Authorization: 'Bearer caller-value', 'X-InstAuth': 'caller-legacy' },
      validateStatus: () => true,
    });

    expect(other.requests[0]?.authorization).toEqual(['Bearer caller-value']);
    expect(other.requests[0]?.instauth).toEqual(['caller-legacy']);
    expect(gateway.logins()).toBe(0);
  });

  it('leaves login URL untouched', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);

    const response = await api.post(LOGIN_PATH, 'grant_type=client_credentials', {
      auth: { username: 'caller', password: 'caller-secret' },
    });

    expect(response.status).toBe(200);
    expect(gateway.logins()).toBe(1);
    expect(gateway.requests).toEqual([]);
    const basic = Buffer.from('caller:caller-secret').toString('base64');
    expect(gateway.loginRequests[0]?.authorization).toEqual([`Basic ${basic}`]);
  });

  it('accepts plain headers and AxiosHeaders', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    // A user interceptor that runs before ours and swaps in a plain object.
    api.interceptors.request.use((config) => {
      if (config.url === '/plain') {
        (config as { headers: unknown }).headers = { ...config.headers.toJSON(), 'X-A': '1' };
      }
      return config;
    });

    await api.get('/plain');
    await api.get('/axios-headers', { headers: new variant.AxiosHeaders({ 'X-B': '2' }) });

    const expected = [`Bearer ${await manager.getToken()}`];
    expect(gateway.requests[0]?.authorization).toEqual(expected);
    expect(gateway.requests[1]?.authorization).toEqual(expected);
  });

  it('rejects parked requests on bad secret', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.loginStatus = 403;

    const errors = await Promise.all(
      Array.from({ length: 3 }, () => api.get('/dap/job/1').catch((e: unknown) => e)),
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
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    const events: TokenManagerEvents['request:authorized'][] = [];
    manager.on('request:authorized', (event) => events.push(event));

    await Promise.all(Array.from({ length: 4 }, (_, i) => api.get(`/dap/job/${i}`)));

    const token = await manager.getToken();
    expect(events).toHaveLength(4);
    for (const event of events) {
      expect(event.tokenFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
      expect(event.origin).toBe(gateway.origin);
      expect(JSON.stringify(event)).not.toContain(token);
    }
  });
});

/** Resolves once `condition` holds, polling on the event loop rather than a timer. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
}
