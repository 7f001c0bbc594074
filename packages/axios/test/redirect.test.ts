import type { TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

describe.each(AXIOS_VARIANTS)('$name', (variant) => {
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
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.script.push({ redirectTo: `${other.url}/landing` });
    other.accept = 'none';

    await api.get('/dap/job/1', {
      headers: { 'X-InstAuth': 'legacy' },
      validateStatus: () => true,
    });

    expect(gateway.requests[0]?.authorization).toHaveLength(1);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.authorization).toEqual([]);
    expect(other.requests[0]?.instauth).toEqual([]);
  });

  it('keeps bearer on same-origin redirect', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.script.push({ redirectTo: `${gateway.url}/dap/job/2` });

    const response = await api.get('/dap/job/1');

    expect(response.status).toBe(200);
    const bearer = [`Bearer ${await manager.getToken()}`];
    expect(gateway.requests.map((r) => r.authorization)).toEqual([bearer, bearer]);
  });
});

// Only axios's http adapter follows redirects itself. Its `lookup` option gives a subdomain of
// localhost a loopback address without the system resolver.
const HTTP_VARIANTS = AXIOS_VARIANTS.filter((variant) => variant.name.includes('http'));

describe.each(HTTP_VARIANTS)('$name', (variant) => {
  let gateway: TestGateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
  });

  afterEach(async () => {
    await manager.close();
    await gateway.close();
  });

  it('strips bearer on subdomain redirect', async () => {
    const port = new URL(gateway.url).port;
    const baseUrl = `http://localhost:${port}`;
    manager = createManager(gateway, { baseUrl });
    const api = variant.create({ baseURL: baseUrl, lookup: loopbackLookup } as object);
    withIdsAuth(api, manager);
    gateway.script.push({ redirectTo: `http://files.localhost:${port}/landing` }, { status: 200 });
    let callerHookRuns = 0;

    await api.get('/dap/job/1', {
      beforeRedirect: () => {
        callerHookRuns += 1;
      },
    });

    expect(gateway.requests.map((r) => r.path)).toEqual(['/dap/job/1', '/landing']);
    expect(gateway.requests[0]?.authorization).toHaveLength(1);
    expect(gateway.requests[1]?.authorization).toEqual([]);
    expect(callerHookRuns).toBe(1);
  });

  it('keeps the token after a cross-origin 401', async () => {
    const other = await startTestGateway();
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    const token = await manager.getToken();
    gateway.script.push({ redirectTo: `${other.url}/landing` }, { redirectTo: `${other.url}/b` });
    other.accept = 'none';

    const response = await api.get('/dap/job/1', { validateStatus: () => true });
    await other.close();

    expect(response.status).toBe(401);
    expect(gateway.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(1);
    expect(gateway.logins()).toBe(1);
    expect(await manager.getToken()).toBe(token);
  });
});

function loopbackLookup(
  _hostname: string,
  options: { all?: boolean },
  callback: (error: null, address: unknown, family?: number) => void,
): void {
  if (options.all) {
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
    return;
  }

  callback(null, '127.0.0.1', 4);
}
