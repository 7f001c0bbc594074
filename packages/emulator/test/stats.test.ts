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

describe('stats details', () => {
  test('counts 401 reasons and carriers', async () => {
    const token = await getToken(gateway);
    await callApi(gateway, '/dap/query/canvas/table', {});
    await callApi(gateway, '/dap/query/canvas/table', bearer('bad'));
    await callApi(gateway, '/dap/query/canvas/table', { 'x-instauth': token });
    gateway.faults.revokeAll();
    await callApi(gateway, '/dap/query/canvas/table', { ...bearer(token), 'x-instauth': token });
    const stats = gateway.stats();

    expect(stats.unauthorized).toEqual({ missing: 1, invalid: 1, expired: 0, revoked: 1 });
    expect(stats.carriers).toEqual({ authorization: 1, 'x-instauth': 1, both: 1, none: 1 });
    expect(stats.apiRequests).toBe(4);
    expect(stats.clients[DEFAULT_CLIENT.clientId]?.apiRequests).toBe(2);
    expect(stats.clients[DEFAULT_CLIENT.clientId]?.unauthorized.revoked).toBe(1);
    expect(stats.requests[3]?.unauthorizedReason).toBe('revoked');
  });

  test('keeps unknown client ids out of clients', async () => {
    await login(gateway, { clientId: 'us-east-1#someone-else', clientSecret: 'x' });
    const stats = gateway.stats();

    expect(stats.loginFailures).toBe(1);
    expect(Object.keys(stats.clients)).toEqual([DEFAULT_CLIENT.clientId]);
  });

  test('returns a detached snapshot', async () => {
    const token = await getToken(gateway);
    await callApi(gateway, '/dap/query/canvas/table', bearer(token));
    const first = gateway.stats();
    first.routes['GET /dap/query/{namespace}/table'] = 99;
    first.requests.pop();

    expect(gateway.stats().routes['GET /dap/query/{namespace}/table']).toBe(1);
    expect(gateway.stats().requests).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(gateway.stats()))).toEqual(gateway.stats());
  });

  test('resetStats empties the other-origin log', async () => {
    await fetch(`${gateway.otherOrigin}/anything`);
    gateway.resetStats();

    expect(gateway.stats().otherOriginRequests).toEqual([]);
  });

  test('leaves tokens valid after reset', async () => {
    const token = await getToken(gateway);
    gateway.resetStats();

    expect((await callApi(gateway, '/dap/query/canvas/table', bearer(token))).status).toBe(200);
  });
});
