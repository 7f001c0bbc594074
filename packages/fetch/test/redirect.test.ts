import type { TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';

describe('withIdsAuth(fetch) redirects', () => {
  let gateway: TestGateway;
  let other: TestGateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
    other = await startTestGateway();
    manager = createManager(gateway);
  });

  afterEach(async () => {
    await manager.close();
    await gateway.close();
    await other.close();
  });

  it('strips credentials on cross-origin redirect', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.script.push({ redirectTo: `${other.url}/landing` });
    other.accept = 'none';

    await authedFetch(`${gateway.url}/dap/job/1`, { headers: { 'X-InstAuth': 'legacy' } });

    expect(gateway.requests[0]?.authorization).toHaveLength(1);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.authorization).toEqual([]);
    expect(other.requests[0]?.instauth).toEqual([]);
  });

  it('keeps the token after a cross-origin 401', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    const token = await manager.getToken();
    gateway.script.push({ redirectTo: `${other.url}/landing` });
    other.accept = 'none';

    const response = await authedFetch(`${gateway.url}/dap/job/1`);

    expect(response.status).toBe(401);
    expect(gateway.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(1);
    expect(gateway.logins()).toBe(1);
    expect(await manager.getToken()).toBe(token);
  });

  it('keeps bearer on same-origin redirect', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.script.push({ redirectTo: `${gateway.url}/dap/job/2` });

    const response = await authedFetch(new Request(`${gateway.url}/dap/job/1`));

    expect(response.status).toBe(200);
    const bearer = [`Bearer ${await manager.getToken()}`];
    expect(gateway.requests.map((r) => r.authorization)).toEqual([bearer, bearer]);
  });

  it('logs in once for two wrappers', async () => {
    const first = withIdsAuth(fetch, manager);
    const second = withIdsAuth(fetch, manager);

    await Promise.all([first(`${gateway.url}/a`), second(`${gateway.url}/b`)]);

    expect(gateway.logins()).toBe(1);
  });
});
