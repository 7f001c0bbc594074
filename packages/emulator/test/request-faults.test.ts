import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type AccountErrorType, type Gateway, startGateway } from '../src/index.js';
import { bearer, callApi, getToken, rawRequest } from './helpers.js';

const TABLES_PATH = '/dap/query/canvas/table';

let gateway: Gateway;
let token: string;

beforeEach(async () => {
  gateway = await startGateway();
  token = await getToken(gateway);
});

afterEach(async () => {
  await gateway.close();
});

async function statusesOf(count: number, headers = bearer(token)): Promise<number[]> {
  const statuses = [];
  for (let index = 0; index < count; index += 1) {
    statuses.push((await callApi(gateway, TABLES_PATH, headers)).status);
  }

  return statuses;
}

describe('failRequests', () => {
  test('fails the next requests then recovers', async () => {
    gateway.faults.failRequests(2, 503, { retryAfter: 2 });
    const first = await callApi(gateway, TABLES_PATH, bearer(token));
    const body = (await first.json()) as { error: { type: string; uuid: string } };

    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(body.error.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await statusesOf(2)).toEqual([503, 200]);
    expect(gateway.stats().requests.map((request) => request.status)).toEqual([503, 503, 200]);
  });

  test('sends only a message with 504', async () => {
    gateway.faults.failRequests(1, 504);
    const response = await callApi(gateway, TABLES_PATH, bearer(token));
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(504);
    expect(Object.keys(body)).toEqual(['message']);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  test('applies before the token check', async () => {
    gateway.faults.failRequests(1, 500);

    expect(await statusesOf(2, {})).toEqual([500, 401]);
  });
});

describe('rateLimitRequests', () => {
  test('sends 429 with Retry-After', async () => {
    gateway.faults.rateLimitRequests(1, 12);
    const response = await callApi(gateway, TABLES_PATH, bearer(token));

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('12');
    expect(await statusesOf(1)).toEqual([200]);
  });

  test('queues after failRequests', async () => {
    gateway.faults.failRequests(1, 502);
    gateway.faults.rateLimitRequests(1, 'Wed, 21 Oct 2026 07:28:00 GMT');

    expect(await statusesOf(3)).toEqual([502, 429, 200]);
  });
});

describe('revocation', () => {
  test('revokeAll rejects every issued token', async () => {
    const second = await getToken(gateway);
    gateway.faults.revokeAll();
    const statuses = [
      (await callApi(gateway, TABLES_PATH, bearer(token))).status,
      (await callApi(gateway, TABLES_PATH, { 'x-instauth': second })).status,
    ];

    expect(statuses).toEqual([401, 401]);
    expect(gateway.stats().unauthorized.revoked).toBe(2);
  });

  test('revokeAll spares later tokens', async () => {
    gateway.faults.revokeAll();
    const fresh = await getToken(gateway);

    expect((await callApi(gateway, TABLES_PATH, bearer(fresh))).status).toBe(200);
  });

  test('revokeToken rejects only that token', async () => {
    const second = await getToken(gateway);
    gateway.faults.revokeToken(token);
    gateway.faults.revokeToken('never-issued');

    expect((await callApi(gateway, TABLES_PATH, bearer(token))).status).toBe(401);
    expect((await callApi(gateway, TABLES_PATH, bearer(second))).status).toBe(200);
  });

  test('revocations survive clear', async () => {
    gateway.faults.revokeAll();
    gateway.faults.clear();

    expect((await callApi(gateway, TABLES_PATH, bearer(token))).status).toBe(401);
  });
});

describe('acceptOnlyNewestToken', () => {
  test('rejects superseded tokens', async () => {
    gateway.faults.acceptOnlyNewestToken(true);
    const newest = await getToken(gateway);
    const old = await callApi(gateway, TABLES_PATH, bearer(token));

    expect(old.status).toBe(401);
    expect(gateway.stats().unauthorized.revoked).toBe(1);
    expect((await callApi(gateway, TABLES_PATH, bearer(newest))).status).toBe(200);
  });

  test('accepts old tokens again when off', async () => {
    gateway.faults.acceptOnlyNewestToken(true);
    await getToken(gateway);
    gateway.faults.acceptOnlyNewestToken(false);

    expect((await callApi(gateway, TABLES_PATH, bearer(token))).status).toBe(200);
  });

  test('keeps tokens of other clients apart', async () => {
    const other = { clientId: 'us-east-1#00000000-0000-4000-8000-0000000000aa', clientSecret: 'x' };
    const multi = await startGateway({ clients: [other, { clientId: 'b', clientSecret: 'y' }] });
    multi.faults.acceptOnlyNewestToken(true);
    const first = await getToken(multi, other);
    await getToken(multi, { clientId: 'b', clientSecret: 'y' });
    const response = await callApi(multi, TABLES_PATH, bearer(first));
    await multi.close();

    expect(response.status).toBe(200);
  });
});

describe('accountError', () => {
  const types: AccountErrorType[] = [
    'AccountNotOnboarded',
    'AccountDisabled',
    'AccountUnderMaintenance',
    'RequestTypeForbidden',
  ];

  test.each(types)('returns 403 %s until cleared', async (type) => {
    gateway.faults.accountError(type);
    const responses = [
      await callApi(gateway, TABLES_PATH, bearer(token)),
      await callApi(gateway, '/dap/job/x', bearer(token)),
    ];
    const body = (await responses[0]?.json()) as { error: { type: string; message: string } };
    gateway.faults.clear();

    expect(responses.map((response) => response.status)).toEqual([403, 403]);
    expect(body.error.type).toBe(type);
    expect(await statusesOf(1)).toEqual([200]);
  });

  test('still returns 401 without a token', async () => {
    gateway.faults.accountError('AccountDisabled');

    expect(await statusesOf(1, {})).toEqual([401]);
  });

  test('rejects an unknown type', () => {
    // @ts-expect-error an invalid type on purpose
    expect(() => gateway.faults.accountError('Nope')).toThrow(/accountError type/);
  });
});

describe('unauthorizedWithChallenge', () => {
  test('adds WWW-Authenticate when on', async () => {
    gateway.faults.unauthorizedWithChallenge(true);
    const on = await callApi(gateway, TABLES_PATH, {});
    gateway.faults.unauthorizedWithChallenge(false);
    const off = await callApi(gateway, TABLES_PATH, {});

    expect(on.headers.get('www-authenticate')).toBe('Bearer');
    expect(off.headers.get('www-authenticate')).toBeNull();
  });
});

describe('redirectRequests', () => {
  test('redirects to the same path on this origin', async () => {
    gateway.faults.redirectRequests(1, 'same-origin');
    const path = `${TABLES_PATH}?limit=5`;
    const redirected = await callApi(gateway, path, bearer(token));
    const followed = await fetch(`${gateway.url}${path}`, { headers: bearer(token) });

    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe(`${gateway.url}${path}`);
    expect(followed.status).toBe(200);
  });

  test('redirects to the other origin', async () => {
    gateway.faults.redirectRequests(1, 'cross-origin', { status: 307 });
    const response = await callApi(gateway, TABLES_PATH, bearer(token));

    expect(gateway.otherOrigin).not.toBe(gateway.url);
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${gateway.otherOrigin}${TABLES_PATH}`);
    expect(gateway.stats().requests[0]?.status).toBe(307);
  });

  test('records what the other origin receives', async () => {
    const url = `${gateway.otherOrigin}/dap/job/1?x=1`;
    await rawRequest(url, { authorization: 'Bearer t', 'X-InstAuth': 't' });
    await rawRequest(url, {});
    const records = gateway.stats().otherOriginRequests;

    expect(records).toEqual([
      { path: '/dap/job/1?x=1', hadAuthorization: true, hadInstauth: true },
      { path: '/dap/job/1?x=1', hadAuthorization: false, hadInstauth: false },
    ]);
    expect(JSON.stringify(records)).not.toContain('Bearer');
  });

  test('lets fetch follow to the other origin', async () => {
    gateway.faults.redirectRequests(1, 'cross-origin');
    const response = await fetch(`${gateway.url}${TABLES_PATH}`, { headers: bearer(token) });
    const body = (await response.json()) as { origin: string };

    expect(body.origin).toBe('other');
    expect(gateway.stats().otherOriginRequests).toHaveLength(1);
  });

  test('rejects an unknown target', () => {
    // @ts-expect-error an invalid target on purpose
    expect(() => gateway.faults.redirectRequests(1, 'elsewhere')).toThrow(TypeError);
    // @ts-expect-error an invalid status on purpose
    expect(() => gateway.faults.redirectRequests(1, 'same-origin', { status: 200 })).toThrow(
      TypeError,
    );
  });
});

describe('faults object', () => {
  test('works with detached methods', async () => {
    const { failRequests, clear } = gateway.faults;
    failRequests(1, 503);
    const failed = await callApi(gateway, TABLES_PATH, bearer(token));
    failRequests(1, 503);
    clear();

    expect(failed.status).toBe(503);
    expect(await statusesOf(1)).toEqual([200]);
  });

  test('exposes only the fault methods', () => {
    expect(Object.isFrozen(gateway.faults)).toBe(true);
    expect(Object.values(gateway.faults).every((value) => typeof value === 'function')).toBe(true);
  });
});
