// These tests run the adapter against the gateway emulator. It shares no code with the core, so
// header and login mistakes show up as failures instead of being mirrored by a test server.
import { createTokenManager, type TokenManager } from '@ids-auth/core';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '@ids-auth/emulator';
import type { Got } from 'got';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { idsAuth } from '../src/index.js';
import { GOT_VERSIONS } from './support/versions.js';

const TABLES_PATH = '/dap/query/canvas/table';
const TABLES_ROUTE = 'GET /dap/query/{namespace}/table';

for (const version of GOT_VERSIONS) {
  const title = version.skipReason
    ? `${version.name} (skipped: ${version.skipReason})`
    : version.name;

  describe.skipIf(version.skipReason !== undefined)(`${title} with the emulator`, () => {
    let got: Got;
    let gateway: Gateway;
    let manager: TokenManager;

    beforeEach(async () => {
      got = await version.load();
      gateway = await startGateway();
      manager = createTokenManager({ ...DEFAULT_CLIENT, baseUrl: gateway.url });
    });

    afterEach(async () => {
      await manager.close();
      await gateway.close();
    });

    test('lists tables with one login', async () => {
      const client = got.extend({ prefixUrl: gateway.url }, idsAuth(manager));

      const first = await client.get(TABLES_PATH.slice(1)).json<{ tables: string[] }>();
      await client.get(TABLES_PATH.slice(1));

      expect(first.tables).toContain('courses');
      expect(gateway.stats().logins).toBe(1);
      expect(gateway.stats().routes[TABLES_ROUTE]).toBe(2);
      expect(gateway.stats().carriers.authorization).toBe(2);
    });

    test('recovers from revoked tokens', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      gateway.faults.revokeAll();

      const response = await client.get(`${gateway.url}${TABLES_PATH}`);

      expect(response.statusCode).toBe(200);
      expect(gateway.stats().logins).toBe(2);
      expect(gateway.stats().unauthorized.revoked).toBe(1);
    });

    test('refreshes once when newer token exists', async () => {
      const client = got.extend(idsAuth(manager));
      const otherProcess = createTokenManager({ ...DEFAULT_CLIENT, baseUrl: gateway.url });
      await manager.getToken();
      await otherProcess.getToken();
      gateway.faults.acceptOnlyNewestToken(true);

      const calls = Array.from({ length: 5 }, () => client.get(`${gateway.url}${TABLES_PATH}`));
      const responses = await Promise.all(calls);

      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(gateway.stats().logins).toBe(3);
      expect(gateway.stats().apiRequests).toBe(10);
      await otherProcess.close();
    });

    test('cross-origin redirect carries no token', async () => {
      const client = got.extend(idsAuth(manager));
      gateway.faults.redirectRequests(1, 'cross-origin');

      await client.get(`${gateway.url}${TABLES_PATH}`, { headers: { 'X-InstAuth': 'legacy' } });

      const [landed] = gateway.stats().otherOriginRequests;
      expect(landed?.hadAuthorization).toBe(false);
      expect(landed?.hadInstauth).toBe(false);
    });

    test('same-origin redirect keeps bearer', async () => {
      const client = got.extend(idsAuth(manager));
      gateway.faults.redirectRequests(1, 'same-origin');

      const response = await client.get(`${gateway.url}${TABLES_PATH}`);

      expect(response.statusCode).toBe(200);
      expect(gateway.stats().carriers.authorization).toBe(2);
    });
  });
}
