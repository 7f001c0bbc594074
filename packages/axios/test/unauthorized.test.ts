import { isIdsAuthError, type TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

const PARALLEL_REQUESTS = 5;

describe.each(AXIOS_VARIANTS)('$name', (variant) => {
  let gateway: TestGateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
    manager = createManager(gateway);
  });

  afterEach(async () => {
    await manager.close();
    await gateway.close();
  });

  it('refreshes once for concurrent 401s', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    const oldToken = await manager.getToken();
    gateway.revoked.add(oldToken);
    // Hold the refresh login until every request has had its 401.
    gateway.loginGate = () => waitFor(() => gateway.requests.length >= PARALLEL_REQUESTS);

    const responses = await Promise.all(
      Array.from({ length: PARALLEL_REQUESTS }, (_, i) => api.get(`/dap/job/${i}`)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(PARALLEL_REQUESTS).fill(200));
    expect(gateway.logins()).toBe(2);
    expect(gateway.requests).toHaveLength(PARALLEL_REQUESTS * 2);
    const newToken = await manager.getToken();
    expect(newToken).not.toBe(oldToken);
    for (let i = 0; i < PARALLEL_REQUESTS; i += 1) {
      const attempts = gateway.requests.filter((r) => r.path === `/dap/job/${i}`);
      expect(attempts.map((r) => r.authorization)).toEqual([
        [`Bearer ${oldToken}`],
        [`Bearer ${newToken}`],
      ]);
    }
  });

  it('passes second 401 to caller', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    await manager.getToken();
    gateway.accept = 'none';

    const error = await api.get('/dap/query/canvas/table').catch((e: unknown) => e);

    expect(error).toMatchObject({ response: { status: 401 } });
    expect(gateway.requests).toHaveLength(2);
    expect(gateway.logins()).toBe(2);
  });

  it('stops waiting for refresh on abort', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.revoked.add(await manager.getToken());
    let releaseLogin = () => {};
    gateway.loginGate = () => new Promise<void>((resolve) => (releaseLogin = resolve));
    const controller = new AbortController();

    const pending = api.get('/dap/job/1', { signal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => gateway.logins() === 2);
    controller.abort();
    const error = await pending;
    releaseLogin();

    expect(isIdsAuthError(error, 'IDS_AUTH_ABORTED')).toBe(true);
    expect(gateway.requests).toHaveLength(1);
  });

  it('retries 401 accepted by validateStatus', async () => {
    const api = variant.create({ baseURL: gateway.url, validateStatus: () => true });
    withIdsAuth(api, manager);
    gateway.revoked.add(await manager.getToken());

    const response = await api.get('/dap/job/1');

    expect(response.status).toBe(200);
    expect(gateway.requests).toHaveLength(2);
    expect(gateway.logins()).toBe(2);
  });

  it('leaves 401 of unmanaged request alone', async () => {
    const api = variant.create();
    withIdsAuth(api, manager);
    const other = await startTestGateway();
    other.accept = 'none';

    const error = await api.get(`${other.url}/x`).catch((e: unknown) => e);
    await other.close();

    expect(error).toMatchObject({ response: { status: 401 } });
    expect(other.requests).toHaveLength(1);
    expect(gateway.logins()).toBe(0);
  });

  it('keeps retried request body intact', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.revoked.add(await manager.getToken());
    const body = { rows: Array.from({ length: 100 }, (_, i) => i) };

    const response = await api.post('/dap/query/canvas/table/courses/data', body);

    expect(response.status).toBe(200);
    const sizes = gateway.requests.map((r) => r.bodyBytes);
    expect(sizes).toEqual([JSON.stringify(body).length, JSON.stringify(body).length]);
    expect(gateway.requests[1]?.authorization).toHaveLength(1);
  });
});

/** Resolves once `condition` holds, polling on the event loop rather than a timer. */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
