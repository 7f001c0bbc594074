import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '../src/index.js';
import { basicAuthorization, decodeJwtPayload, login } from './helpers.js';

let gateway: Gateway;

beforeEach(async () => {
  gateway = await startGateway();
});

afterEach(async () => {
  await gateway.close();
});

describe('login response', () => {
  test('issues the four-field response', async () => {
    const response = await login(gateway);
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(body.expires_in).toBe(3599);
    expect(body.token_type).toBe('bearer');
    expect(body.scope).toBe(
      'dap principal:5b0c7d3e-9f42-4a1b-8e6d-2c71f0a9b384 partner:emulator region:us-east-1',
    );
  });

  test('signs a JWT with iat, exp, sub and scope', async () => {
    const response = await login(gateway);
    const body = (await response.json()) as { access_token: string; scope: string };
    const [header, , signature] = body.access_token.split('.');
    const claims = decodeJwtPayload(body.access_token);

    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(claims.sub).toBe(DEFAULT_CLIENT.clientId);
    expect(claims.scope).toBe(body.scope);
    expect(claims.exp).toBe((claims.iat as number) + 3599);
  });

  test('issues a distinct token per login', async () => {
    const first = (await (await login(gateway)).json()) as { access_token: string };
    const second = (await (await login(gateway)).json()) as { access_token: string };

    expect(first.access_token).not.toBe(second.access_token);
  });

  test('uses the configured lifetime and clock', async () => {
    const nowMs = Date.UTC(2026, 0, 1, 12, 0, 0, 999);
    const custom = await startGateway({ tokenLifetimeSeconds: 60, now: () => nowMs });
    const response = await login(custom);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    const claims = decodeJwtPayload(body.access_token);
    await custom.close();

    expect(body.expires_in).toBe(60);
    expect(claims.iat).toBe(Math.floor(nowMs / 1000));
    expect(claims.exp).toBe(Math.floor(nowMs / 1000) + 60);
  });

  test('derives scope from a bare UUID id', async () => {
    const clientId = '0f4c2a8e-1111-4222-8333-944455556666';
    const custom = await startGateway({ clients: [{ clientId, clientSecret: 's' }] });
    const response = await login(custom, { clientId, clientSecret: 's' });
    const body = (await response.json()) as { scope: string };
    await custom.close();

    expect(body.scope).toBe(`dap principal:${clientId} partner:emulator region:us-east-1`);
  });
});

describe('login Basic parsing', () => {
  const awkwardSecrets = [
    'with:colon:inside',
    'percent%20not%2Fdecoded',
    'plus+slash/equals==',
    'space inside secret',
    'hash#in#secret',
    ':leading-colon',
    'ünïcödé-sécret',
  ];

  test.each(awkwardSecrets)('accepts the raw secret %j', async (clientSecret) => {
    const clientId = 'eu-west-1#8d1e0c4b-2f3a-4b5c-9d6e-7f8091a2b3c4';
    const custom = await startGateway({ clients: [{ clientId, clientSecret }] });
    const response = await login(custom, { clientId, clientSecret });
    await custom.close();

    expect(response.status).toBe(200);
  });

  test('accepts the default client secret', async () => {
    expect(DEFAULT_CLIENT.clientSecret).toMatch(/[:]/);
    expect(DEFAULT_CLIENT.clientSecret).toMatch(/[+]/);
    expect(DEFAULT_CLIENT.clientSecret).toMatch(/[/]/);
    expect(DEFAULT_CLIENT.clientSecret).toMatch(/[=]/);
    expect(DEFAULT_CLIENT.clientId).toMatch(/^us-east-1#[0-9a-f-]{36}$/);
    expect((await login(gateway)).status).toBe(200);
  });

  test('rejects percent-encoded credentials', async () => {
    const encodedId = encodeURIComponent(DEFAULT_CLIENT.clientId);
    const encodedSecret = encodeURIComponent(DEFAULT_CLIENT.clientSecret);
    const response = await login(gateway, { clientId: encodedId, clientSecret: encodedSecret });

    expect(response.status).toBe(403);
  });

  test('rejects a percent-encoded secret alone', async () => {
    const encodedSecret = encodeURIComponent(DEFAULT_CLIENT.clientSecret);
    const response = await login(gateway, { ...DEFAULT_CLIENT, clientSecret: encodedSecret });

    expect(response.status).toBe(403);
  });

  test('accepts a lower-case basic scheme', async () => {
    const value = basicAuthorization(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret);
    const response = await login(gateway, DEFAULT_CLIENT, {
      authorization: value.replace('Basic', 'basic'),
    });

    expect(response.status).toBe(200);
  });

  const badAuthorizations: [string, string | null][] = [
    ['a missing header', null],
    ['a bearer scheme', 'Bearer abc'],
    ['a value without colon', `Basic ${Buffer.from('no-colon').toString('base64')}`],
    ['a value that is not base64', 'Basic ***'],
    ['unpadded base64', `Basic ${Buffer.from('a:bc').toString('base64').replace(/=+$/, '')}`],
    ['an empty value', 'Basic '],
  ];

  test.each(badAuthorizations)('returns 403 for %s', async (_name, authorization) => {
    const response = await login(gateway, DEFAULT_CLIENT, { authorization });
    const body = (await response.json()) as { error: string };

    expect(response.status).toBe(403);
    expect(body.error).toBe('invalid_client');
  });

  test('returns 403 for a wrong secret', async () => {
    const response = await login(gateway, { ...DEFAULT_CLIENT, clientSecret: 'wrong' });

    expect(response.status).toBe(403);
  });

  test('returns 403 for an unknown id', async () => {
    const response = await login(gateway, { ...DEFAULT_CLIENT, clientId: 'us-east-1#unknown' });

    expect(response.status).toBe(403);
  });

  test('keeps secrets and Basic values out of error bodies', async () => {
    const wrong = { ...DEFAULT_CLIENT, clientSecret: `${DEFAULT_CLIENT.clientSecret}x` };
    const response = await login(gateway, wrong);
    const text = await response.text();
    const basic = basicAuthorization(wrong.clientId, wrong.clientSecret).slice('Basic '.length);

    expect(text).not.toContain(DEFAULT_CLIENT.clientSecret);
    expect(text).not.toContain(basic);
  });
});

describe('login request format', () => {
  const badRequests: [string, { body?: string; contentType?: string | null }][] = [
    ['a missing grant_type', { body: 'scope=dap' }],
    ['a wrong grant_type', { body: 'grant_type=password' }],
    ['an empty body', { body: '' }],
    [
      'a JSON body',
      { body: '{"grant_type":"client_credentials"}', contentType: 'application/json' },
    ],
    ['a missing content type', { contentType: null }],
    ['a text content type', { contentType: 'text/plain' }],
  ];

  test.each(badRequests)('returns 400 for %s', async (_name, init) => {
    const response = await login(gateway, DEFAULT_CLIENT, init);
    const body = (await response.json()) as { error: string; error_description: string };

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(body.error).toBe('invalid_request');
  });

  test('accepts a charset parameter', async () => {
    const response = await login(gateway, DEFAULT_CLIENT, {
      contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
    });

    expect(response.status).toBe(200);
  });

  test('checks the form before the credentials', async () => {
    const response = await login(gateway, DEFAULT_CLIENT, {
      authorization: null,
      body: 'grant_type=password',
    });

    expect(response.status).toBe(400);
  });

  test('limits the body to one MiB', async () => {
    const prefix = 'grant_type=client_credentials&pad=';
    const bodyOfSize = (bytes: number) => prefix + 'x'.repeat(bytes - prefix.length);
    const statuses = [];
    for (const bytes of [1_048_575, 1_048_576, 1_048_577]) {
      statuses.push((await login(gateway, DEFAULT_CLIENT, { body: bodyOfSize(bytes) })).status);
    }

    expect(statuses).toEqual([200, 200, 413]);
    expect(gateway.stats().loginFailures).toBe(1);
  });

  test('returns 405 to GET', async () => {
    const response = await fetch(`${gateway.url}/ids/auth/login`);

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(gateway.stats().loginFailures).toBe(1);
  });

  test('accepts each configured client', async () => {
    const first = { clientId: 'us-east-1#00000000-0000-4000-8000-00000000000a', clientSecret: 'a' };
    const second = {
      clientId: 'ap-south-1#00000000-0000-4000-8000-00000000000b',
      clientSecret: 'b',
    };
    const clients = [first, second];
    const custom = await startGateway({ clients });
    const statuses = [];
    for (const client of clients) statuses.push((await login(custom, client)).status);
    const crossed = await login(custom, { ...first, clientSecret: 'b' });
    const defaultClient = await login(custom, DEFAULT_CLIENT);
    await custom.close();

    expect(statuses).toEqual([200, 200]);
    expect(crossed.status).toBe(403);
    expect(defaultClient.status).toBe(403);
  });
});
