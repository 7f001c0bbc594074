import { isIdsAuthError, type TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';

// The core keeps its once-per-process flag under this registered symbol, so the ESM and
// CommonJS copies share it. Clearing it lets this file observe the first warning.
const LEGACY_WARNING_FLAG = Symbol.for('ids-auth.x-instauth-warned');

describe('withIdsAuth(fetch) and x-instauth', () => {
  let gateway: TestGateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
  });

  afterEach(async () => {
    await manager?.close();
    await gateway.close();
  });

  it.each([
    ['Headers', () => new Headers({ 'X-InstAuth': 'legacy', authorization: 'Bearer old' })],
    ['plain object', () => ({ 'X-InstAuth': 'legacy', authorization: 'Bearer old' })],
    [
      'array',
      () => [
        ['X-INSTAUTH', 'legacy'],
        ['x-instauth', 'twice'],
        ['Authorization', 'old'],
      ],
    ],
  ])('replaces x-instauth in %s', async (_name, makeHeaders) => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);

    await authedFetch(`${gateway.url}/dap/job/1`, {
      headers: makeHeaders() as RequestInit['headers'],
    });

    expect(gateway.requests[0]?.instauth).toEqual([]);
    expect(gateway.requests[0]?.authorization).toEqual([`Bearer ${await manager.getToken()}`]);
  });

  it('rewrites x-instauth without credentials', async () => {
    manager = createManager(gateway, { clientId: undefined, clientSecret: undefined });
    const authedFetch = withIdsAuth(fetch, manager);

    const response = await authedFetch(
      new Request(`${gateway.url}/dap/job/1`, { headers: { 'X-InstAuth': 'caller-token' } }),
    );

    expect(response.status).toBe(401);
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]?.authorization).toEqual(['Bearer caller-token']);
    expect(gateway.requests[0]?.instauth).toEqual([]);
    expect(gateway.logins()).toBe(0);
  });

  it('returns 401 of rewritten stream upload', async () => {
    manager = createManager(gateway, { clientId: undefined, clientSecret: undefined });
    const authedFetch = withIdsAuth(fetch, manager);

    const response = await authedFetch(`${gateway.url}/upload`, {
      method: 'PUT',
      headers: { 'X-InstAuth': 'caller-token' },
      body: new Blob(['x'.repeat(1000)]).stream(),
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(401);
    expect(gateway.requests).toHaveLength(1);
  });

  it('reports missing credentials without headers', async () => {
    manager = createManager(gateway, { clientId: undefined, clientSecret: undefined });
    const authedFetch = withIdsAuth(fetch, manager);

    const error = await authedFetch(`${gateway.url}/dap/job/1`).catch((e: unknown) => e);

    expect(isIdsAuthError(error, 'IDS_AUTH_MISSING_CREDENTIALS')).toBe(true);
    expect(gateway.requests).toHaveLength(0);
  });

  it('warns once per process', async () => {
    manager = createManager(gateway);
    const authedFetch = withIdsAuth(fetch, manager);
    delete (globalThis as Record<symbol, unknown>)[LEGACY_WARNING_FLAG];
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);

    for (const name of ['x-instauth', 'X-InstAuth', 'X-INSTAUTH']) {
      await authedFetch(`${gateway.url}/dap/job/1`, { headers: { [name]: 'legacy' } });
    }
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);

    expect(warnings.map((w) => w.name)).toEqual(['DeprecationWarning']);
    expect(gateway.requests.every((r) => r.instauth.length === 0)).toBe(true);
  });
});
