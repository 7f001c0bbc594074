import { withIdsAuth as withIdsAuthFetch } from '@ids-auth/fetch';
import { createManualClock } from '@ids-auth/test-support/manual-clock';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idsAuth, withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

// One hour minus a second, as the gateway issues.
const TOKEN_LIFETIME_MS = 3_599_000;

describe('one manager shared by clients', () => {
  let gateway: TestGateway;

  beforeEach(async () => {
    gateway = await startTestGateway();
  });

  afterEach(async () => {
    await gateway.close();
  });

  it('logs in once for axios and fetch', async () => {
    const clock = createManualClock();
    const manager = createManager(gateway, { clock });
    const clients = AXIOS_VARIANTS.map((variant) => variant.create({ baseURL: gateway.url }));
    for (const api of clients) withIdsAuth(api, manager);
    const authedFetch = withIdsAuthFetch(fetch, manager);
    const callAll = () =>
      Promise.all([
        ...clients.map((api) => api.get('/dap/job/1').then((r) => r.status)),
        authedFetch(`${gateway.url}/dap/job/1`).then((r) => r.status),
      ]);

    expect(await callAll()).toEqual([200, 200, 200, 200, 200]);
    expect(gateway.logins()).toBe(1);
    clock.advance(TOKEN_LIFETIME_MS);
    expect(await callAll()).toEqual([200, 200, 200, 200, 200]);
    expect(gateway.logins()).toBe(2);
    await manager.close();
  });

  it('logs in once for two idsAuth interceptors', async () => {
    const manager = createManager(gateway);
    const [first, second] = AXIOS_VARIANTS.map((v) => v.create({ baseURL: gateway.url }));
    if (!first || !second) throw new Error('expected two axios variants');
    first.interceptors.request.use(idsAuth(manager));
    second.interceptors.request.use(idsAuth(manager));

    await Promise.all([first.get('/a'), second.get('/b')]);

    expect(gateway.logins()).toBe(1);
    await manager.close();
  });
});
