import { resolveTokenManager, type TokenManager } from '@ids-auth/core';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '@ids-auth/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

const PARALLEL_REQUESTS = 5;
const SLOW_LOGIN_MS = 100;
const TABLES_PATH = '/dap/query/canvas/table';

describe.each(AXIOS_VARIANTS)('$name against the emulator', (variant) => {
  let gateway: Gateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startGateway();
    manager = resolveTokenManager({ ...DEFAULT_CLIENT, baseUrl: gateway.url, env: {} });
  });

  afterEach(async () => {
    await manager.close();
    await gateway.close();
  });

  it('lists tables with one login', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);

    const [first, second] = await Promise.all([api.get(TABLES_PATH), api.get(TABLES_PATH)]);

    expect(first.data.tables).toContain('courses');
    expect(second.status).toBe(200);
    expect(gateway.stats().logins).toBe(1);
    expect(gateway.stats().carriers).toMatchObject({ authorization: 2 });
  });

  it('recovers once when only new tokens work', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    await manager.getToken();
    gateway.faults.revokeAll();
    gateway.faults.slowLogins(SLOW_LOGIN_MS);
    gateway.resetStats();

    const responses = await Promise.all(
      Array.from({ length: PARALLEL_REQUESTS }, () => api.get(TABLES_PATH)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(PARALLEL_REQUESTS).fill(200));
    expect(gateway.stats().logins).toBe(1);
    expect(gateway.stats().apiRequests).toBe(PARALLEL_REQUESTS * 2);
  });

  it('passes 401 of revoked client to caller', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    await manager.getToken();
    gateway.faults.failRequests(Number.POSITIVE_INFINITY, 401);
    gateway.resetStats();

    const error = await api.get(TABLES_PATH).catch((e: unknown) => e);

    expect(error).toMatchObject({ response: { status: 401 } });
    expect(gateway.stats().apiRequests).toBe(2);
    expect(gateway.stats().logins).toBe(1);
  });

  it('sends nothing to other origin on redirect', async () => {
    const api = variant.create({ baseURL: gateway.url, validateStatus: () => true });
    withIdsAuth(api, manager);
    gateway.faults.redirectRequests(1, 'cross-origin');
    gateway.faults.redirectRequests(1, 'same-origin');

    await api.get(TABLES_PATH, { headers: { 'X-InstAuth': 'legacy' } });
    const sameOrigin = await api.get(TABLES_PATH);

    expect(gateway.stats().otherOriginRequests).toEqual([
      expect.objectContaining({ hadAuthorization: false, hadInstauth: false }),
    ]);
    expect(sameOrigin.status).toBe(200);
    expect(gateway.stats().carriers).toMatchObject({ authorization: 3, 'x-instauth': 0, both: 0 });
  });
});
