import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager, ErrorCode, type TokenManagerOptions } from '../src/index.js';
import { type LoginServer, startLoginServer } from './helpers/login-server.js';

let server: LoginServer;

beforeEach(async () => {
  server = await startLoginServer();
});

afterEach(async () => {
  await server.close();
});

function managerOn(options: TokenManagerOptions = {}) {
  return createTokenManager({
    clientId: 'us-east-1#9b1c2d3e',
    clientSecret: 'p:a%s+s/w=o rd',
    baseUrl: server.url,
    env: {},
    random: () => 0,
    ...options,
  });
}

describe('login over real HTTP', () => {
  it('gets a token with global fetch', async () => {
    const manager = managerOn();
    const record = await manager.getTokenRecord();

    expect(record.accessToken.split('.')).toHaveLength(3);
    expect(record.tokenType).toBe('bearer');
    expect(server.credentials).toEqual(['us-east-1#9b1c2d3e:p:a%s+s/w=o rd']);
    await manager.close();
  });

  it('makes one login for 1,000 concurrent calls', async () => {
    const manager = managerOn();
    const tokens = await Promise.all(Array.from({ length: 1_000 }, () => manager.getToken()));

    expect(new Set(tokens).size).toBe(1);
    expect(server.logins).toBe(1);
    await manager.close();
  });

  it('retries a 503 then succeeds', async () => {
    server.handlers.push((_request, response) => {
      response.writeHead(503, { 'retry-after': '0' }).end('busy');
      return true;
    });
    const manager = managerOn();

    await expect(manager.getToken()).resolves.toMatch(/^ey/);
    expect(server.logins).toBe(2);
    await manager.close();
  });

  it('fails a 403 with invalid credentials', async () => {
    server.handlers.push((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"denied"}');
      return true;
    });
    const manager = managerOn();

    await expect(manager.getToken()).rejects.toMatchObject({
      code: ErrorCode.INVALID_CREDENTIALS,
      status: 403,
    });
    await manager.close();
  });

  it('rejects an HTML answer', async () => {
    server.handlers.push((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      return true;
    });
    const manager = managerOn();

    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.INVALID_RESPONSE });
    await manager.close();
  });

  it('does not follow a login redirect', async () => {
    const elsewhere = await startLoginServer();
    server.handlers.push((_request, response) => {
      response.writeHead(307, { location: `${elsewhere.url}/ids/auth/login` }).end();
      return true;
    });
    const manager = managerOn();

    await expect(manager.getToken()).rejects.toMatchObject({
      code: ErrorCode.LOGIN_FAILED,
      status: 307,
    });
    expect(elsewhere.logins).toBe(0);
    await elsewhere.close();
    await manager.close();
  });

  it('times out a silent gateway', async () => {
    server.handlers.push(() => true);
    const manager = managerOn({ timeoutMs: 200, maxLoginAttempts: 1 });

    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    await manager.close();
  });

  it('fails a closed port as a network error', async () => {
    const closed = await startLoginServer();
    await closed.close();
    const manager = managerOn({ baseUrl: closed.url, maxLoginAttempts: 2 });

    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.LOGIN_FAILED });
    await manager.close();
  });
});
