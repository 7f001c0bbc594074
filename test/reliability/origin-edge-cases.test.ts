import {
  authorizeRequest,
  createTokenManager,
  type TokenManager,
  type TokenManagerOptions,
} from '@ids-auth/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeLogin } from '../helpers/fake-login.js';
import { buildHeaders } from '../helpers/header-shapes.js';

const TOKEN_LIFETIME_SECONDS = 3600;

type Outcome = 'bearer' | 'other-origin' | 'login-url' | 'either';

/** Request URLs against a manager for `https://gateway.example.com`, with the required outcome. */
const PUBLIC_CASES: ReadonlyArray<readonly [string, Outcome]> = [
  ['https://gateway.example.com/dap/query/canvas/table', 'bearer'],
  ['https://gateway.example.com:443/dap/job/1', 'bearer'],
  ['https://GATEWAY.Example.COM/dap/job/1', 'bearer'],
  // User info on the gateway's own origin keeps the token on the same host either way.
  ['https://user:pw@gateway.example.com/dap/job/1', 'either'],
  ['https://gateway.example.com@evil.test/dap/job/1', 'other-origin'],
  ['https://gateway.example.com:pw@evil.test/dap/job/1', 'other-origin'],
  ['https://gateway.example.com.evil.test/dap/job/1', 'other-origin'],
  ['https://evil.test/https://gateway.example.com/dap', 'other-origin'],
  ['https://evil.test/?next=https://gateway.example.com', 'other-origin'],
  ['https://gateway.example.com:8443/dap/job/1', 'other-origin'],
  ['http://gateway.example.com/dap/job/1', 'other-origin'],
  ['http://gateway.example.com:443/dap/job/1', 'other-origin'],
  ['https://gateway.example.co/dap/job/1', 'other-origin'],
  ['https://xgateway.example.com/dap/job/1', 'other-origin'],
  ['https://api.gateway.example.com/dap/job/1', 'other-origin'],
  ['wss://gateway.example.com/dap/job/1', 'other-origin'],
  // The fully qualified spelling names the same DNS host, so either outcome is safe.
  ['https://gateway.example.com./dap/job/1', 'either'],
  ['https://gateway.example.com/ids/auth/login', 'login-url'],
  ['https://gateway.example.com:443/ids/auth/login', 'login-url'],
  ['https://GATEWAY.example.com/ids/auth/login', 'login-url'],
  ['https://gateway.example.com/ids/auth/login?grant=1', 'either'],
  ['https://gateway.example.com/ids/auth/login/extra', 'bearer'],
];

/** Request URLs against a manager for the IPv6 loopback `http://[::1]:8080`. */
const LOOPBACK_CASES: ReadonlyArray<readonly [string, Outcome]> = [
  ['http://[::1]:8080/dap/job/1', 'bearer'],
  ['http://[0:0:0:0:0:0:0:1]:8080/dap/job/1', 'bearer'],
  ['http://[::1]:8081/dap/job/1', 'other-origin'],
  ['http://[::1]/dap/job/1', 'other-origin'],
  ['https://[::1]:8080/dap/job/1', 'other-origin'],
  ['http://127.0.0.1:8080/dap/job/1', 'other-origin'],
  ['http://localhost:8080/dap/job/1', 'other-origin'],
  ['http://[::1]:8080/ids/auth/login', 'login-url'],
];

/** Base URLs: plain `http` is allowed only to loopback hosts. */
const BASE_URL_CASES: ReadonlyArray<readonly [string, 'allowed' | 'IDS_AUTH_INSECURE_URL']> = [
  ['https://gateway.example.com', 'allowed'],
  ['https://gateway.example.com:8443/', 'allowed'],
  ['http://127.0.0.1:8080', 'allowed'],
  ['http://127.1.2.3:8080', 'allowed'],
  ['http://[::1]:8080', 'allowed'],
  ['http://localhost:8080', 'allowed'],
  ['http://gateway.example.com', 'IDS_AUTH_INSECURE_URL'],
  ['http://127.0.0.1.evil.test', 'IDS_AUTH_INSECURE_URL'],
  ['http://localhost.evil.test', 'IDS_AUTH_INSECURE_URL'],
  ['http://10.0.0.1', 'IDS_AUTH_INSECURE_URL'],
  ['http://[::2]', 'IDS_AUTH_INSECURE_URL'],
];

const managers: TokenManager[] = [];

function createManager(options: TokenManagerOptions): TokenManager {
  const login = createFakeLogin({ lifetimeSeconds: TOKEN_LIFETIME_SECONDS, now: Date.now });
  const manager = createTokenManager({
    clientId: 'edge-client',
    clientSecret: 'edge-secret',
    fetch: login.fetch,
    ...options,
  });
  managers.push(manager);

  return manager;
}

async function checkOutcome(manager: TokenManager, url: string, outcome: Outcome) {
  const headers = buildHeaders('headers', [['x-instauth', 'legacy.jwt.value']]);
  const before = headers.wire();

  const result = await authorizeRequest(manager, { url, headers: headers.access });

  if (outcome === 'bearer') expect(result).toMatchObject({ action: 'bearer', source: 'managed' });
  if (outcome === 'other-origin' || outcome === 'login-url') {
    expect(result).toEqual({ action: 'skipped', reason: outcome });
  }
  if (result.action === 'skipped') expect(headers.wire()).toEqual(before);
}

/** Returns the error code a manager for `baseUrl` raises at creation or first login. */
async function baseUrlOutcome(baseUrl: string): Promise<string> {
  try {
    await createManager({ baseUrl }).getToken();
    return 'allowed';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

beforeAll(() => {
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network use in an origin test')));
});

afterAll(async () => {
  for (const manager of managers) await manager.close();
  vi.unstubAllGlobals();
});

describe('origin edge cases', () => {
  it.each(PUBLIC_CASES)('public gateway: %s is %s', async (url, outcome) => {
    await checkOutcome(createManager({ baseUrl: 'https://gateway.example.com' }), url, outcome);
  });

  it.each(LOOPBACK_CASES)('IPv6 loopback: %s is %s', async (url, outcome) => {
    await checkOutcome(createManager({ baseUrl: 'http://[::1]:8080' }), url, outcome);
  });

  it.each(BASE_URL_CASES)('base URL %s is %s', async (baseUrl, outcome) => {
    expect(await baseUrlOutcome(baseUrl)).toBe(outcome);
  });

  it('never sends a bearer to a plain http extra origin', async () => {
    const target = 'http://files.example.com/report';
    const outcome = await (async () => {
      try {
        const manager = createManager({
          baseUrl: 'https://gateway.example.com',
          origins: ['http://files.example.com'],
        });
        const headers = buildHeaders('object', [['x-instauth', 'legacy.jwt.value']]);
        const before = headers.wire();
        await authorizeRequest(manager, { url: target, headers: headers.access }).finally(() =>
          expect(headers.wire()).toEqual(before),
        );
        return 'sent';
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    })();

    // Rejected when the manager is created or when the request is authorized.
    expect(outcome).toBe('IDS_AUTH_INSECURE_URL');
  });
});
