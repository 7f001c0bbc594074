import { authorizeRequest, createTokenManager, type TokenManager } from '@ids-auth/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anyCase } from '../helpers/arbitraries.js';
import { createFakeLogin } from '../helpers/fake-login.js';
import {
  buildHeaders,
  entriesNamed,
  HEADER_SHAPES,
  type HeaderEntry,
} from '../helpers/header-shapes.js';
import { PROPERTY_RUNS } from '../helpers/property-runs.js';

const BASE_URL = 'https://gateway.example.com';
const LOGIN_URL = `${BASE_URL}/ids/auth/login`;
const TOKEN_LIFETIME_SECONDS = 3600;

const legacyValue = fc.constantFrom('legacy.jwt.one', 'legacy.jwt.two');
const headerEntry: fc.Arbitrary<HeaderEntry> = fc.oneof(
  fc.tuple(anyCase('x-instauth'), legacyValue),
  fc.tuple(anyCase('authorization'), fc.constantFrom('Bearer caller', 'Basic dXNlcjpwdw==')),
  // Names that only look like the two header names must pass through untouched.
  fc.tuple(
    fc.constantFrom('accept', 'X-Request-Id', 'x-instauth-trace', 'proxy-authorization'),
    fc.constantFrom('a', 'b'),
  ),
);
const headerEntries = fc.array(headerEntry, { maxLength: 8 });
const shape = fc.constantFrom(...HEADER_SHAPES);
const allowedUrl = fc.constantFrom(
  `${BASE_URL}/dap/query/canvas/table`,
  `${BASE_URL}:443/dap/job/1`,
  'HTTPS://GATEWAY.EXAMPLE.COM/dap/object/url',
  `${BASE_URL}/ids/auth/login/extra`,
);

/** Wire entries other than `authorization` and `x-instauth`, sorted for comparison. */
function otherEntries(wire: readonly HeaderEntry[]): string[] {
  return wire
    .filter(([name]) => !['authorization', 'x-instauth'].includes(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${value}`)
    .sort();
}

let managed: TokenManager;
let rewriteOnly: TokenManager;
const login = createFakeLogin({
  loginUrl: LOGIN_URL,
  lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
  now: Date.now,
});

beforeAll(() => {
  // The managers log in from memory. This guard rejects any other network use.
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network use in a property test')));
  managed = createTokenManager({
    clientId: 'property-client',
    clientSecret: 'property-secret',
    baseUrl: BASE_URL,
    fetch: login.fetch,
  });
  rewriteOnly = createTokenManager({ baseUrl: BASE_URL, env: {}, fetch: login.fetch });
});

afterAll(async () => {
  await managed.close();
  await rewriteOnly.close();
  vi.unstubAllGlobals();
});

describe('header rules with credentials', () => {
  it('sends one bearer and no legacy header', async () => {
    await fc.assert(
      fc.asyncProperty(shape, headerEntries, allowedUrl, async (kind, entries, url) => {
        const headers = buildHeaders(kind, entries);
        const othersBefore = otherEntries(headers.wire());

        const result = await authorizeRequest(managed, { url, headers: headers.access });

        const wire = headers.wire();
        const token = login.issued[0]?.token;
        expect(result).toEqual({ action: 'bearer', token, source: 'managed' });
        expect(entriesNamed(wire, 'x-instauth')).toEqual([]);
        expect(entriesNamed(wire, 'authorization').map(([, v]) => v)).toEqual([`Bearer ${token}`]);
        expect(otherEntries(wire)).toEqual(othersBefore);
      }),
      { numRuns: PROPERTY_RUNS.headers },
    );
    expect(login.attempts).toBe(1);
  });

  it('leaves the login request untouched', async () => {
    await fc.assert(
      fc.asyncProperty(shape, headerEntries, async (kind, entries) => {
        const headers = buildHeaders(kind, entries);
        const before = headers.wire();

        const result = await authorizeRequest(managed, { url: LOGIN_URL, headers: headers.access });

        expect(result).toEqual({ action: 'skipped', reason: 'login-url' });
        expect(headers.wire()).toEqual(before);
      }),
      { numRuns: PROPERTY_RUNS.loginUrl },
    );
  });
});

describe('header rules in rewrite-only mode', () => {
  it('keeps Authorization, else rewrites x-instauth', async () => {
    await fc.assert(
      fc.asyncProperty(shape, headerEntries, allowedUrl, async (kind, entries, url) => {
        const headers = buildHeaders(kind, entries);
        const before = headers.wire();
        const callerAuthorization = entriesNamed(before, 'authorization');
        // The values the core reads, in stored name order. A container that repeats one exact
        // name joins its values into `T1, T2`.
        const legacyReads = [...headers.access.names()]
          .filter((name) => name.toLowerCase() === 'x-instauth')
          .map((name) => headers.access.get(name) ?? '');
        const attempt = authorizeRequest(rewriteOnly, { url, headers: headers.access });

        if (callerAuthorization.length === 0 && legacyReads.length === 0) {
          await expect(attempt).rejects.toMatchObject({ code: 'IDS_AUTH_MISSING_CREDENTIALS' });
          return;
        }

        const result = await attempt;
        const wire = headers.wire();
        expect(entriesNamed(wire, 'x-instauth')).toEqual([]);
        expect(otherEntries(wire)).toEqual(otherEntries(before));
        // The gateway lets Authorization win over x-instauth, and so does the core.
        if (callerAuthorization.length > 0) {
          expect(result).toEqual({ action: 'kept', reason: 'caller-authorization' });
          expect(entriesNamed(wire, 'authorization')).toEqual(callerAuthorization);
          return;
        }

        // A JWT has no comma, so the first entry of the first joined value is the token.
        const token = legacyReads[0]?.split(',')[0]?.trim();
        expect(result).toEqual({ action: 'bearer', token, source: 'legacy-header' });
        const authorization = entriesNamed(wire, 'authorization').map(([, value]) => value);
        expect(authorization).toEqual([`Bearer ${token}`]);
      }),
      { numRuns: PROPERTY_RUNS.headers },
    );
  });

  it('takes the first of joined legacy values', async () => {
    // `Headers` and arrays of pairs join a repeated name, so the core reads `T1, T2, …`.
    const joiningShape = fc.constantFrom('headers' as const, 'pairs' as const);
    const legacyEntries = fc.array(fc.tuple(fc.constant('x-instauth'), legacyValue), {
      minLength: 2,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(joiningShape, legacyEntries, allowedUrl, async (kind, entries, url) => {
        const headers = buildHeaders(kind, entries);

        const result = await authorizeRequest(rewriteOnly, { url, headers: headers.access });

        const first = entries[0]?.[1];
        expect(result).toEqual({ action: 'bearer', token: first, source: 'legacy-header' });
        const wire = headers.wire();
        expect(entriesNamed(wire, 'x-instauth')).toEqual([]);
        expect(entriesNamed(wire, 'authorization').map(([, value]) => value)).toEqual([
          `Bearer ${first}`,
        ]);
      }),
      { numRuns: PROPERTY_RUNS.joinedLegacy },
    );
  });
});
