import { Readable } from 'node:stream';
import { isIdsAuthError, type TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idsAuth, withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

// The core keeps its once-per-process flag under this registered symbol, so the ESM and
// CommonJS copies share it. Clearing it lets this file observe the first warning.
const LEGACY_WARNING_FLAG = Symbol.for('ids-auth.x-instauth-warned');

describe.each(AXIOS_VARIANTS)('$name', (variant) => {
  let gateway: TestGateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
  });

  afterEach(async () => {
    await manager?.close();
    await gateway.close();
  });

  const headerForms = [
    ['plain object', () => ({ 'X-InstAuth': 'legacy', authorization: 'Bearer old' })],
    [
      'AxiosHeaders',
      () => new variant.AxiosHeaders({ 'X-INSTAUTH': 'legacy', Authorization: 'x' }),
    ],
  ] as const;

  it.each(headerForms)('replaces x-instauth in %s', async (_name, makeHeaders) => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);

    await api.get('/dap/job/1', { headers: makeHeaders() });

    expect(gateway.requests[0]?.instauth).toEqual([]);
    expect(gateway.requests[0]?.authorization).toEqual([`Bearer ${await manager.getToken()}`]);
  });

  it('replaces x-instauth set in defaults', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url, headers: { 'x-InstAuth': 'legacy' } });
    withIdsAuth(api, manager);

    await api.get('/dap/job/1');

    expect(gateway.requests[0]?.instauth).toEqual([]);
    expect(gateway.requests[0]?.authorization).toHaveLength(1);
  });

  it('keeps default x-instauth off retry', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url, headers: { 'X-InstAuth': 'legacy' } });
    withIdsAuth(api, manager);
    gateway.revoked.add(await manager.getToken());

    const response = await api.get('/dap/job/1');

    expect(response.status).toBe(200);
    expect(gateway.requests.map((r) => r.instauth)).toEqual([[], []]);
    expect(gateway.requests.map((r) => r.authorization.length)).toEqual([1, 1]);
  });

  it('rewrites x-instauth without credentials', async () => {
    manager = createManager(gateway, { clientId: undefined, clientSecret: undefined });
    const api = variant.create({ baseURL: gateway.url });
    api.interceptors.request.use(idsAuth(manager));

    const response = await api.get('/dap/job/1', {
      headers: { 'X-InstAuth': 'caller-token' },
      validateStatus: () => true,
    });

    expect(response.status).toBe(401);
    expect(gateway.requests[0]?.authorization).toEqual(['Bearer caller-token']);
    expect(gateway.requests[0]?.instauth).toEqual([]);
    expect(gateway.logins()).toBe(0);
  });

  it('passes 401 of rewritten request on', async () => {
    manager = createManager(gateway, { clientId: undefined, clientSecret: undefined });
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);

    const error = await api
      .put('/upload', Readable.from([Buffer.alloc(1000)]), {
        headers: { 'X-InstAuth': 'caller-token', 'Content-Type': 'application/octet-stream' },
        adapter: 'http',
      })
      .catch((e: unknown) => e);

    expect(isIdsAuthError(error)).toBe(false);
    expect(error).toMatchObject({ response: { status: 401 } });
    expect(gateway.requests).toHaveLength(1);
  });

  it('reports missing credentials without headers', async () => {
    manager = createManager(gateway, { clientId: undefined, clientSecret: undefined });
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);

    const error = await api.get('/dap/job/1').catch((e: unknown) => e);

    expect(isIdsAuthError(error, 'IDS_AUTH_MISSING_CREDENTIALS')).toBe(true);
    expect(gateway.requests).toHaveLength(0);
  });

  it('warns once per process', async () => {
    manager = createManager(gateway);
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    delete (globalThis as Record<symbol, unknown>)[LEGACY_WARNING_FLAG];
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);

    for (const name of ['x-instauth', 'X-InstAuth', 'X-INSTAUTH']) {
      await api.get('/dap/job/1', { headers: { [name]: 'legacy' } });
    }
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);

    expect(warnings.map((w) => w.name)).toEqual(['DeprecationWarning']);
    expect(gateway.requests.every((r) => r.instauth.length === 0)).toBe(true);
  });
});
