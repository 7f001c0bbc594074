import { createTokenManager, type TokenManager } from '@ids-auth/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADAPTER_NAMES,
  type AdapterDriver,
  createDriver,
  HOST_HEADER_SHAPES,
  idsAuthCode,
} from '../helpers/adapter-drivers.js';
import { anyCase } from '../helpers/arbitraries.js';
import { createFakeLogin } from '../helpers/fake-login.js';
import {
  buildHeaders,
  entriesNamed,
  type HeaderCollection,
  type HeaderEntry,
} from '../helpers/header-shapes.js';
import { PROPERTY_RUNS } from '../helpers/property-runs.js';
import { type RecordingServer, startRecordingServer } from '../helpers/recording-server.js';

const TOKEN_LIFETIME_SECONDS = 3600;
const REQUEST_TIMEOUT_MS = 5_000;
const PATH = '/dap/query/canvas/table';
const LOOKALIKE_NAMES = ['x-instauth-trace', 'x-request-id', 'proxy-authorization'];

const headerEntry: fc.Arbitrary<HeaderEntry> = fc.oneof(
  fc.tuple(anyCase('x-instauth'), fc.constantFrom('legacy.jwt.one', 'legacy.jwt.two')),
  fc.tuple(anyCase('authorization'), fc.constantFrom('Bearer caller', 'Basic dXNlcjpwdw==')),
  fc.tuple(fc.constantFrom(...LOOKALIKE_NAMES).chain(anyCase), fc.constantFrom('a', 'b')),
);
const headerEntries = fc.array(headerEntry, { maxLength: 6 });
const lookalikeEntries = fc.array(
  fc.tuple(fc.constantFrom(...LOOKALIKE_NAMES).chain(anyCase), fc.constantFrom('a', 'b')),
  { maxLength: 5 },
);

/** Lower-case header names, for comparing what was sent with what arrived. */
function lowerNames(entries: readonly HeaderEntry[]): Set<string> {
  return new Set(entries.map(([name]) => name.toLowerCase()));
}

let gateway: RecordingServer;
let other: RecordingServer;
let manager: TokenManager;
let rewriteOnly: TokenManager;
const login = { token: '' };

beforeAll(async () => {
  gateway = await startRecordingServer();
  other = await startRecordingServer();
  const fake = createFakeLogin({
    loginUrl: `${gateway.url}/ids/auth/login`,
    lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    now: Date.now,
  });
  manager = createTokenManager({
    clientId: 'wire-client',
    clientSecret: 'wire-secret',
    baseUrl: gateway.url,
    fetch: fake.fetch,
  });
  login.token = await manager.getToken();
  rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {}, fetch: fake.fetch });
});

afterAll(async () => {
  await manager.close();
  await rewriteOnly.close();
  await gateway.close();
  await other.close();
});

describe.each(ADAPTER_NAMES)('headers on the wire through %s', (adapter) => {
  let driver: AdapterDriver;
  let rewriteOnlyDriver: AdapterDriver;
  const shapes = HOST_HEADER_SHAPES[adapter];

  beforeAll(() => {
    driver = createDriver(adapter, manager, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
    rewriteOnlyDriver = createDriver(adapter, rewriteOnly, {
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
  });

  /** Sends `headers` in rewrite-only mode and returns what the gateway received. */
  async function sendRewriteOnly(headers: HeaderCollection): Promise<HeaderEntry[]> {
    const before = gateway.requests.length;

    const response = await rewriteOnlyDriver.send(`${gateway.url}${PATH}`, {
      headers: headers.container(),
    });

    expect(response.status).toBe(200);
    expect(gateway.requests).toHaveLength(before + 1);
    return gateway.requests.at(-1) ?? [];
  }

  it('rejects a request without any token', async () => {
    const before = gateway.requests.length;

    const error: unknown = await rewriteOnlyDriver.send(`${gateway.url}${PATH}`).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );

    expect(idsAuthCode(error)).toBe('IDS_AUTH_MISSING_CREDENTIALS');
    expect(gateway.requests).toHaveLength(before);
  });

  it('rewrites the legacy header without credentials', async () => {
    // `Headers` and arrays of pairs join a repeated name into `T, T`, and ky and fetch build
    // `Headers` from a plain object. That joined value must arrive as `Bearer T`.
    const legacyNames = fc.array(anyCase('x-instauth'), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...shapes),
        legacyNames,
        lookalikeEntries,
        async (shape, names, lookalikes) => {
          const legacy = names.map((name): HeaderEntry => [name, 'legacy.jwt.one']);
          const wire = await sendRewriteOnly(buildHeaders(shape, [...legacy, ...lookalikes]));

          expect(entriesNamed(wire, 'x-instauth')).toEqual([]);
          const authorization = entriesNamed(wire, 'authorization').map(([, value]) => value);
          expect(authorization).toEqual(['Bearer legacy.jwt.one']);
        },
      ),
      { numRuns: PROPERTY_RUNS.adapterWire },
    );
  });

  it('keeps a caller Authorization over x-instauth', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...shapes),
        anyCase('x-instauth'),
        anyCase('authorization'),
        fc.boolean(),
        async (shape, legacyName, authorizationName, legacyFirst) => {
          const legacy: HeaderEntry = [legacyName, 'legacy.jwt.one'];
          const caller: HeaderEntry = [authorizationName, 'Bearer caller'];
          const entries = legacyFirst ? [legacy, caller] : [caller, legacy];
          const wire = await sendRewriteOnly(buildHeaders(shape, entries));

          expect(entriesNamed(wire, 'x-instauth')).toEqual([]);
          const authorization = entriesNamed(wire, 'authorization').map(([, value]) => value);
          expect(authorization).toEqual(['Bearer caller']);
        },
      ),
      { numRuns: PROPERTY_RUNS.adapterWire },
    );
  });

  it('sends one bearer to the gateway', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shapes), headerEntries, async (shape, entries) => {
        const headers = buildHeaders(shape, entries);
        const sent = headers.wire();
        const before = gateway.requests.length;

        const response = await driver.send(`${gateway.url}${PATH}`, {
          headers: headers.container(),
        });

        expect(response.status).toBe(200);
        expect(gateway.requests).toHaveLength(before + 1);
        const wire = gateway.requests.at(-1) ?? [];
        expect(entriesNamed(wire, 'x-instauth')).toEqual([]);
        const authorization = entriesNamed(wire, 'authorization').map(([, value]) => value);
        expect(authorization).toEqual([`Bearer ${login.token}`]);
        const arrived = lowerNames(wire);
        for (const name of LOOKALIKE_NAMES) {
          if (lowerNames(sent).has(name)) expect(arrived).toContain(name);
        }
      }),
      { numRuns: PROPERTY_RUNS.adapterWire },
    );
  });

  it('leaves other origins untouched', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shapes), headerEntries, async (shape, entries) => {
        const headers = buildHeaders(shape, entries);
        const sent = headers.wire();
        const before = other.requests.length;

        const response = await driver.send(`${other.url}${PATH}`, {
          headers: headers.container(),
        });

        expect(response.status).toBe(200);
        expect(other.requests).toHaveLength(before + 1);
        const wire = other.requests.at(-1) ?? [];
        const sentNames = lowerNames(sent);
        const arrived = lowerNames(wire);
        for (const name of ['x-instauth', 'authorization', ...LOOKALIKE_NAMES]) {
          expect(arrived.has(name)).toBe(sentNames.has(name));
        }
        expect(JSON.stringify(wire)).not.toContain(login.token);
      }),
      { numRuns: PROPERTY_RUNS.adapterWire },
    );
  });
});
