import { authorizeRequest, createTokenManager, type TokenManager } from '@ids-auth/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeLogin } from '../helpers/fake-login.js';
import { buildHeaders } from '../helpers/header-shapes.js';
import {
  isExactOrigin,
  isLoginPath,
  isLoginUrl,
  isSameHost,
  toOrigins,
} from '../helpers/origin-oracle.js';
import { PROPERTY_RUNS } from '../helpers/property-runs.js';

const TOKEN_LIFETIME_SECONDS = 3600;

/** Managers under test: a public gateway, and a loopback one with extra origins. */
const SETUPS = [
  { name: 'public gateway', baseUrl: 'https://gateway.example.com', origins: [] },
  {
    name: 'loopback gateway',
    baseUrl: 'http://127.0.0.1:8080',
    origins: ['http://[::1]:8080', 'https://files.example.com:8443'],
  },
] as const;

const scheme = fc.constantFrom('https://', 'http://', 'HTTPS://');
const userinfo = fc.constantFrom('', 'user@', 'user:pw@', 'gateway.example.com@', '127.0.0.1@');
const host = fc.constantFrom(
  'gateway.example.com',
  'GATEWAY.example.COM',
  'gateway.example.com.',
  'gateway.example.com.evil.test',
  'gateway-example.com',
  'xgateway.example.com',
  'api.gateway.example.com',
  'example.com',
  'evil.test',
  '127.0.0.1',
  '127.0.0.1.evil.test',
  '127.0.0.2',
  'localhost',
  '[::1]',
  '[0:0:0:0:0:0:0:1]',
  'files.example.com',
);
const port = fc.constantFrom('', ':443', ':80', ':8080', ':8443');
const path = fc.constantFrom(
  '/dap/query/canvas/table',
  '',
  '/ids/auth/login',
  '/ids/auth/login?next=1',
  '/IDS/auth/login',
  '//evil.test/dap',
  '/@evil.test/',
  '/dap#@evil.test',
);
const url = fc
  .tuple(scheme, userinfo, host, port, path)
  .map((parts) => parts.join(''))
  .filter((candidate) => URL.canParse(candidate));

const managers = new Map<string, TokenManager>();

beforeAll(() => {
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network use in a property test')));
  for (const setup of SETUPS) {
    const login = createFakeLogin({ lifetimeSeconds: TOKEN_LIFETIME_SECONDS, now: Date.now });
    const manager = createTokenManager({
      clientId: 'origin-client',
      clientSecret: 'origin-secret',
      baseUrl: setup.baseUrl,
      origins: setup.origins,
      fetch: login.fetch,
    });
    managers.set(setup.name, manager);
  }
});

afterAll(async () => {
  for (const manager of managers.values()) await manager.close();
  vi.unstubAllGlobals();
});

describe.each(SETUPS)('origin rule for $name', (setup) => {
  const allowed = toOrigins([setup.baseUrl, ...setup.origins]);
  const loginUrl = `${setup.baseUrl}/ids/auth/login`;

  it('lists the normalized allowed origins', () => {
    const manager = managers.get(setup.name);
    expect(new Set(manager?.allowedOrigins)).toEqual(allowed);
  });

  it('attaches the bearer only to allowed origins', async () => {
    await fc.assert(
      fc.asyncProperty(url, fc.boolean(), async (target, asObject) => {
        const manager = managers.get(setup.name);
        if (!manager) throw new Error(`no manager for ${setup.name}`);
        const headers = buildHeaders('object', [['X-InstAuth', 'legacy.jwt.value']]);
        const before = headers.wire();
        const input = asObject ? new URL(target) : target;

        const result = await authorizeRequest(manager, { url: input, headers: headers.access });

        if (isLoginUrl(target, loginUrl)) {
          expect(result).toEqual({ action: 'skipped', reason: 'login-url' });
        } else if (isLoginPath(target, loginUrl)) {
          expect(['skipped', 'bearer']).toContain(result.action);
        } else if (isExactOrigin(target, allowed)) {
          expect(result).toMatchObject({ action: 'bearer', source: 'managed' });
        } else if (!isSameHost(target, allowed)) {
          expect(result).toEqual({ action: 'skipped', reason: 'other-origin' });
        }
        if (result.action === 'skipped') expect(headers.wire()).toEqual(before);
      }),
      { numRuns: PROPERTY_RUNS.origins },
    );
  });
});
