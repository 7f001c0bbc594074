import type { TokenManager } from '@ids-auth/core';
import { createManualClock, type ManualClock } from '@ids-auth/test-support/manual-clock';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import type { AxiosInstance } from 'axios';
import axiosRetry from 'axios-retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

// One hour minus a second, as the gateway issues.
const TOKEN_LIFETIME_MS = 3_599_000;

describe.each(AXIOS_VARIANTS)('$name', (variant) => {
  let gateway: TestGateway;
  let clock: ManualClock;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
    clock = createManualClock();
    manager = createManager(gateway, { clock });
  });

  afterEach(async () => {
    await manager.close();
    await gateway.close();
  });

  // The token expires while axios-retry waits, so each attempt must read a fresh one.
  const installRetry = (api: AxiosInstance) =>
    axiosRetry(api as never, {
      retries: 3,
      retryDelay: () => 0,
      onRetry: () => clock.advance(TOKEN_LIFETIME_MS),
    });

  const installBefore = (api: AxiosInstance) => {
    installRetry(api);
    withIdsAuth(api, manager);
  };
  const installAfter = (api: AxiosInstance) => {
    withIdsAuth(api, manager);
    installRetry(api);
  };

  it.each([
    ['installed before', installBefore],
    ['installed after', installAfter],
  ])('sends fresh token per attempt, axios-retry %s', async (_order, install) => {
    const api = variant.create({ baseURL: gateway.url });
    install(api);
    gateway.script.push({ status: 503 }, { status: 503 });

    const response = await api.get('/dap/job/1');

    expect(response.status).toBe(200);
    expect(gateway.requests).toHaveLength(3);
    expect(gateway.logins()).toBe(3);
    const tokens = gateway.requests.map((r) => r.authorization);
    expect(new Set(tokens.map(String)).size).toBe(3);
    expect(tokens.every((lines) => lines.length === 1)).toBe(true);
    expect(tokens.at(-1)).toEqual([`Bearer ${await manager.getToken()}`]);
  });

  it('retries 503 after 401 retry when installed after', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    axiosRetry(api as never, { retries: 3, retryDelay: () => 0 });
    gateway.script.push({ status: 401 }, { status: 503 });

    const response = await api.get('/dap/job/1');

    expect(response.status).toBe(200);
    expect(gateway.requests).toHaveLength(3);
    expect(gateway.logins()).toBe(2);
  });

  it('passes 503 after 401 retry when installed before', async () => {
    const api = variant.create({ baseURL: gateway.url });
    axiosRetry(api as never, { retries: 3, retryDelay: () => 0 });
    withIdsAuth(api, manager);
    gateway.script.push({ status: 401 }, { status: 503 });

    const error = await api.get('/dap/job/1').catch((e: unknown) => e);

    expect(error).toMatchObject({ response: { status: 503 } });
    expect(gateway.requests).toHaveLength(2);
  });

  it('never retries a second 401', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    axiosRetry(api as never, { retries: 3, retryDelay: () => 0 });
    await manager.getToken();
    gateway.script.push({ status: 401 }, { status: 503 }, { status: 401 });

    const error = await api.get('/dap/job/1').catch((e: unknown) => e);

    expect(error).toMatchObject({ response: { status: 401 } });
    expect(gateway.requests).toHaveLength(3);
    expect(gateway.logins()).toBe(2);
  });
});
