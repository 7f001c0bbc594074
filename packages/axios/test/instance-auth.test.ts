import type { TokenManager } from '@ids-auth/core';
import {
  LOGIN_PATH,
  startTestGateway,
  type TestGateway,
} from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

const BASIC = `Basic ${Buffer.from('instance-user:instance-password').toString('base64')}`;

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

  const createWithAuth = () =>
    variant.create({
      baseURL: gateway.url,
      auth: { username: 'instance-user', password: 'instance-password' },
      validateStatus: () => true,
    });

  it('sends bearer instead of instance auth', async () => {
    const api = createWithAuth();
    withIdsAuth(api, manager);

    const response = await api.get('/dap/job/1');

    expect(response.status).toBe(200);
    expect(gateway.requests[0]?.authorization).toEqual([`Bearer ${await manager.getToken()}`]);
  });

  it('keeps instance auth for other origins', async () => {
    const api = createWithAuth();
    withIdsAuth(api, manager);

    await api.get(`${other.url}/public`);
    await api.post(LOGIN_PATH, 'grant_type=client_credentials');

    expect(other.requests[0]?.authorization).toEqual([BASIC]);
    expect(gateway.loginRequests[0]?.authorization).toEqual([BASIC]);
  });

  it.runIf(variant.name.includes('http'))('leaves URL credentials alone', async () => {
    const api = variant.create({ validateStatus: () => true });
    withIdsAuth(api, manager);
    const url = new URL('/dap/job/1', gateway.url);
    url.username = 'url-user';
    url.password = 'url-password';

    await api.get(url.href);

    const basic = Buffer.from('url-user:url-password').toString('base64');
    expect(gateway.requests[0]?.authorization).toEqual([`Basic ${basic}`]);
    expect(gateway.logins()).toBe(0);
  });

  it('sends bearer on retry after 401', async () => {
    const api = createWithAuth();
    withIdsAuth(api, manager);
    const oldToken = await manager.getToken();
    gateway.revoked.add(oldToken);

    const response = await api.get('/dap/job/1');

    expect(response.status).toBe(200);
    expect(gateway.requests.map((r) => r.authorization)).toEqual([
      [`Bearer ${oldToken}`],
      [`Bearer ${await manager.getToken()}`],
    ]);
  });
});
