import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '../src/index.js';
import { bearer, callApi, getToken, login } from './helpers.js';

let gateway: Gateway;

beforeEach(async () => {
  gateway = await startGateway();
});

afterEach(async () => {
  await gateway.close();
});

describe('stats', () => {
  test('counts logins per client', async () => {
    await getToken(gateway);
    await login(gateway, { ...DEFAULT_CLIENT, clientSecret: 'wrong' });
    const stats = gateway.stats();

    expect(stats.logins).toBe(1);
    expect(stats.loginAttempts).toBe(2);
    expect(stats.loginFailures).toBe(1);
    expect(stats.clients[DEFAULT_CLIENT.clientId]?.logins).toBe(1);
    expect(stats.clients[DEFAULT_CLIENT.clientId]?.loginFailures).toBe(1);
  });

  test('counts requests per route', async () => {
    const token = await getToken(gateway);
    await callApi(gateway, '/dap/query/canvas/table', bearer(token));
    await callApi(gateway, '/dap/beta/query/canvas/table', bearer(token));
    const stats = gateway.stats();

    expect(stats.routes).toEqual({
      'GET /dap/query/{namespace}/table': 1,
      'GET /dap/beta/query/{namespace}/table': 1,
    });
    expect(stats.carriers.authorization).toBe(2);
    expect(stats.requests[0]).toEqual({
      method: 'GET',
      path: '/dap/query/canvas/table',
      route: 'GET /dap/query/{namespace}/table',
      carrier: 'authorization',
      clientId: DEFAULT_CLIENT.clientId,
      tokenExpired: false,
      status: 200,
    });
  });

  test('never contains tokens or secrets', async () => {
    const token = await getToken(gateway);
    await callApi(gateway, '/dap/query/canvas/table', bearer(token));
    const serialized = JSON.stringify(gateway.stats());

    expect(serialized).not.toContain(token);
    expect(serialized).not.toContain(DEFAULT_CLIENT.clientSecret);
  });

  test('resetStats zeroes the counters', async () => {
    await getToken(gateway);
    gateway.resetStats();
    const stats = gateway.stats();

    expect(stats.logins).toBe(0);
    expect(stats.requests).toEqual([]);
    expect(stats.clients[DEFAULT_CLIENT.clientId]?.loginAttempts).toBe(0);
  });
});
