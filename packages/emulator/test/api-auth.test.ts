import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '../src/index.js';
import { bearer, callApi, getToken, rawRequest } from './helpers.js';

const TABLES_PATH = '/dap/query/canvas/table';
const LIFETIME_SECONDS = 60;
const START_MS = Date.UTC(2026, 5, 1);

let gateway: Gateway;
let nowMs: number;
let token: string;

beforeEach(async () => {
  nowMs = START_MS;
  gateway = await startGateway({ tokenLifetimeSeconds: LIFETIME_SECONDS, now: () => nowMs });
  token = await getToken(gateway);
});

afterEach(async () => {
  await gateway.close();
});

async function errorOf(response: Response) {
  return ((await response.json()) as { error: Record<string, string> }).error;
}

describe('token carriers', () => {
  test('accepts a bearer token', async () => {
    const response = await callApi(gateway, TABLES_PATH, bearer(token));

    expect(response.status).toBe(200);
    expect(gateway.stats().carriers.authorization).toBe(1);
  });

  test('accepts a lower-case bearer scheme', async () => {
    const response = await callApi(gateway, TABLES_PATH, { authorization: `bearer ${token}` });

    expect(response.status).toBe(200);
  });

  test('accepts a raw x-instauth token', async () => {
    const response = await callApi(gateway, TABLES_PATH, { 'X-InstAuth': token });

    expect(response.status).toBe(200);
    expect(gateway.stats().carriers['x-instauth']).toBe(1);
  });

  test('rejects a Bearer prefix in x-instauth', async () => {
    const response = await callApi(gateway, TABLES_PATH, { 'x-instauth': `Bearer ${token}` });

    expect(response.status).toBe(401);
    expect(gateway.stats().unauthorized.invalid).toBe(1);
  });

  test('rejects a request without token', async () => {
    const response = await callApi(gateway, TABLES_PATH, {});
    const error = await errorOf(response);

    expect(response.status).toBe(401);
    expect(error.type).toBe('AuthenticationError');
    expect(error.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain('no Authorization or x-instauth header');
    expect(gateway.stats().unauthorized.missing).toBe(1);
    expect(gateway.stats().carriers.none).toBe(1);
  });

  test('rejects a Basic scheme on the API', async () => {
    const response = await callApi(gateway, TABLES_PATH, { authorization: `Basic ${token}` });

    expect(response.status).toBe(401);
    expect(gateway.stats().unauthorized.invalid).toBe(1);
  });

  test('rejects a token from another gateway', async () => {
    const other = await startGateway();
    const foreign = await getToken(other);
    await other.close();
    const response = await callApi(gateway, TABLES_PATH, bearer(foreign));

    expect(response.status).toBe(401);
    expect(gateway.stats().requests[0]?.clientId).toBeNull();
  });

  test('rejects a repeated Authorization header', async () => {
    const response = await rawRequest(`${gateway.url}${TABLES_PATH}`, {
      authorization: [`Bearer ${token}`, `Bearer ${token}`],
    });

    expect(response.status).toBe(401);
    expect(gateway.stats().unauthorized.invalid).toBe(1);
  });
});

describe('header precedence', () => {
  test('uses Authorization over a bad x-instauth', async () => {
    const response = await callApi(gateway, TABLES_PATH, {
      ...bearer(token),
      'x-instauth': 'not-a-token',
    });

    expect(response.status).toBe(200);
    expect(gateway.stats().carriers.both).toBe(1);
  });

  test('ignores a valid x-instauth behind a bad Authorization', async () => {
    const response = await callApi(gateway, TABLES_PATH, {
      authorization: 'Bearer not-a-token',
      'x-instauth': token,
    });

    expect(response.status).toBe(401);
    expect(gateway.stats().unauthorized.invalid).toBe(1);
    expect(gateway.stats().requests[0]?.carrier).toBe('both');
  });

  test('ignores a valid x-instauth behind an expired Authorization', async () => {
    const expired = token;
    nowMs += LIFETIME_SECONDS * 1000;
    const fresh = await getToken(gateway);
    const response = await callApi(gateway, TABLES_PATH, {
      ...bearer(expired),
      'x-instauth': fresh,
    });

    expect(response.status).toBe(401);
    expect(gateway.stats().unauthorized.expired).toBe(1);
  });
});

describe('token expiry', () => {
  test('accepts the token one millisecond before expiry', async () => {
    nowMs = START_MS + LIFETIME_SECONDS * 1000 - 1;
    const response = await callApi(gateway, TABLES_PATH, bearer(token));

    expect(response.status).toBe(200);
    expect(gateway.stats().requests[0]?.tokenExpired).toBe(false);
  });

  test('rejects the token at expiry', async () => {
    nowMs = START_MS + LIFETIME_SECONDS * 1000;
    const response = await callApi(gateway, TABLES_PATH, bearer(token));
    const error = await errorOf(response);

    expect(response.status).toBe(401);
    expect(error.message).toContain('expired');
    expect(gateway.stats().unauthorized.expired).toBe(1);
    expect(gateway.stats().requests[0]?.tokenExpired).toBe(true);
    expect(gateway.stats().requests[0]?.clientId).toBe(DEFAULT_CLIENT.clientId);
  });

  test('rejects the token after expiry', async () => {
    nowMs = START_MS + LIFETIME_SECONDS * 1000 + 1;
    const response = await callApi(gateway, TABLES_PATH, { 'x-instauth': token });

    expect(response.status).toBe(401);
    expect(gateway.stats().unauthorized.expired).toBe(1);
  });

  test('sends no WWW-Authenticate by default', async () => {
    const response = await callApi(gateway, TABLES_PATH, {});

    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  test('keeps the token out of 401 bodies', async () => {
    nowMs = START_MS + LIFETIME_SECONDS * 1000;
    const response = await callApi(gateway, TABLES_PATH, bearer(token));

    expect(await response.text()).not.toContain(token);
  });
});
