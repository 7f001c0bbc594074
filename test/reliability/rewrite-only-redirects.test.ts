import { createTokenManager, type TokenManager } from '@ids-auth/core';
import { type Gateway, startGateway } from '@ids-auth/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADAPTER_NAMES, createDriver } from '../helpers/adapter-drivers.js';
import { MAIN_CLIENT } from '../helpers/test-clients.js';

const REQUEST_TIMEOUT_MS = 5_000;
const PATH = '/dap/query/canvas/table';
const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

let gateway: Gateway;
let issuer: TokenManager;
let rewriteOnly: TokenManager;
let legacyToken: string;

beforeAll(async () => {
  gateway = await startGateway({ clients: [MAIN_CLIENT] });
  // Legacy code logs in by hand and puts the token in x-instauth. `issuer` plays that part.
  issuer = createTokenManager({ ...MAIN_CLIENT, baseUrl: gateway.url });
  legacyToken = await issuer.getToken();
  rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {} });
});

afterAll(async () => {
  await rewriteOnly.close();
  await issuer.close();
  await gateway.close();
});

beforeEach(() => {
  gateway.faults.clear();
  gateway.resetStats();
});

// Clients drop Authorization on a cross-origin redirect but forward custom headers, so the
// legacy header must be rewritten before the first hop.
describe.each(ADAPTER_NAMES)('rewrite-only redirects through %s', (adapter) => {
  const send = () =>
    createDriver(adapter, rewriteOnly, { requestTimeoutMs: REQUEST_TIMEOUT_MS }).send(
      `${gateway.url}${PATH}`,
      { headers: { 'X-InstAuth': legacyToken } },
    );

  it.each(REDIRECT_STATUSES)('cross-origin %i carries no token', async (status) => {
    gateway.faults.redirectRequests(1, 'cross-origin', { status });

    const response = await send();

    expect(response.status).toBe(200);
    expect(gateway.stats().requests.map((request) => request.carrier)).toEqual(['authorization']);
    expect(gateway.stats().otherOriginRequests).toEqual([
      { path: PATH, hadAuthorization: false, hadInstauth: false },
    ]);
  });

  it.each(REDIRECT_STATUSES)('same-origin %i keeps the bearer', async (status) => {
    gateway.faults.redirectRequests(1, 'same-origin', { status });

    const response = await send();

    const hops = gateway.stats().requests.map((request) => [request.status, request.carrier]);
    expect(response.status).toBe(200);
    expect(hops).toEqual([
      [status, 'authorization'],
      [200, 'authorization'],
    ]);
  });
});
