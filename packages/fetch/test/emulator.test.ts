import { resolveTokenManager, type TokenManager } from '@ids-auth/core';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '@ids-auth/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';

const PARALLEL_REQUESTS = 5;
const SLOW_LOGIN_MS = 100;
const TABLES_PATH = '/dap/query/canvas/table';

describe('withIdsAuth(fetch) against the emulator', () => {
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
    const authedFetch = withIdsAuth(fetch, manager);

    const responses = await Promise.all([
      authedFetch(`${gateway.url}${TABLES_PATH}`),
      authedFetch(new Request(`${gateway.url}${TABLES_PATH}`)),
    ]);

    const body = (await responses[0]?.json()) as { tables: string[] };
    expect(body.tables).toContain('courses');
    expect(responses[1]?.status).toBe(200);
    expect(gateway.stats().logins).toBe(1);
  });

  it('recovers once when only new tokens work', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    await manager.getToken();
    gateway.faults.revokeAll();
    gateway.faults.slowLogins(SLOW_LOGIN_MS);
    gateway.resetStats();

    const responses = await Promise.all(
      Array.from({ length: PARALLEL_REQUESTS }, () => authedFetch(`${gateway.url}${TABLES_PATH}`)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(PARALLEL_REQUESTS).fill(200));
    expect(gateway.stats().logins).toBe(1);
    expect(gateway.stats().apiRequests).toBe(PARALLEL_REQUESTS * 2);
  });

  it('returns 401 of revoked client', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    await manager.getToken();
    gateway.faults.failRequests(Number.POSITIVE_INFINITY, 401);
    gateway.resetStats();

    const response = await authedFetch(`${gateway.url}${TABLES_PATH}`);

    expect(response.status).toBe(401);
    expect(gateway.stats().apiRequests).toBe(2);
    expect(gateway.stats().logins).toBe(1);
  });

  it('sends nothing to other origin on redirect', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.faults.redirectRequests(1, 'cross-origin');

    await authedFetch(`${gateway.url}${TABLES_PATH}`, { headers: { 'X-InstAuth': 'legacy' } });

    expect(gateway.stats().otherOriginRequests).toEqual([
      expect.objectContaining({ hadAuthorization: false, hadInstauth: false }),
    ]);
    expect(gateway.stats().carriers).toMatchObject({ authorization: 1, 'x-instauth': 0, both: 0 });
  });
});
