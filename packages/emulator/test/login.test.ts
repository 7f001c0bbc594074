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

describe('login', () => {
  test('issues the four-field answer', async () => {
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
});
