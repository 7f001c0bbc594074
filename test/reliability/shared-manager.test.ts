import { createTokenManager, type TokenManager } from '@ids-auth/core';
import { type Gateway, startGateway } from '@ids-auth/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTER_NAMES, type AdapterDriver, createDriver } from '../helpers/adapter-drivers.js';
import { MAIN_CLIENT } from '../helpers/test-clients.js';

const REQUESTS_PER_ADAPTER = 25;
const REQUEST_TIMEOUT_MS = 5_000;
const PATH = '/dap/query/canvas/table';

let gateway: Gateway;
let manager: TokenManager;
let drivers: AdapterDriver[];

/** Sends `REQUESTS_PER_ADAPTER` concurrent requests through every adapter at once. */
async function burst(): Promise<number[]> {
  const sends = drivers.flatMap((driver) =>
    Array.from({ length: REQUESTS_PER_ADAPTER }, () => driver.send(`${gateway.url}${PATH}`)),
  );
  const responses = await Promise.all(sends);

  return responses.map((response) => response.status);
}

beforeAll(async () => {
  gateway = await startGateway({ clients: [MAIN_CLIENT] });
  manager = createTokenManager({ ...MAIN_CLIENT, baseUrl: gateway.url });
  drivers = ADAPTER_NAMES.map((name) =>
    createDriver(name, manager, { requestTimeoutMs: REQUEST_TIMEOUT_MS }),
  );
});

afterAll(async () => {
  await manager.close();
  await gateway.close();
});

// A refresh per client instance instead of per credential would log in once per adapter.
describe('one manager shared by four adapters', () => {
  const total = REQUESTS_PER_ADAPTER * ADAPTER_NAMES.length;

  it('logs in once at a cold start', async () => {
    const statuses = await burst();

    expect(statuses).toEqual(Array(total).fill(200));
    expect(gateway.stats().logins).toBe(1);
  });

  it('refreshes once after a revocation', async () => {
    gateway.resetStats();
    gateway.faults.revokeAll();

    const statuses = await burst();

    const stats = gateway.stats();
    expect(statuses).toEqual(Array(total).fill(200));
    expect(stats.logins).toBe(1);
    // Each request was sent at most twice: once with the revoked token, once with the new one.
    expect(stats.apiRequests).toBe(total + stats.unauthorized.revoked);
    expect(stats.unauthorized.revoked).toBeLessThanOrEqual(total);
  });
});
