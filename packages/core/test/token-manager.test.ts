import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMemoryTokenStore,
  createTokenManager,
  ErrorCode,
  type TokenManagerOptions,
  type TokenStore,
} from '../src/index.js';
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  createFakeGateway,
  flushPromises,
  jsonResponse,
} from './helpers/fake-gateway.js';
import { settle } from './helpers/manager.js';

const START_MS = Date.UTC(2026, 0, 1);

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});

afterEach(() => {
  vi.useRealTimers();
});

function managerFor(
  gateway: ReturnType<typeof createFakeGateway>,
  options: TokenManagerOptions = {},
) {
  return createTokenManager({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    fetch: gateway.fetch,
    env: {},
    random: () => 0.5,
    ...options,
  });
}

describe('login request', () => {
  it('sends raw Basic credentials and form body', async () => {
    const gateway = createFakeGateway();
    await managerFor(gateway).getToken();

    const [request] = gateway.requests;
    const basic = request?.headers.get('authorization') ?? '';
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${BASE_URL}/ids/auth/login`);
    expect(basic.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(basic.slice(6), 'base64').toString('utf8')).toBe(
      `${CLIENT_ID}:${CLIENT_SECRET}`,
    );
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request?.body).toBe('grant_type=client_credentials');
  });

  it('keeps special characters unencoded in Basic', async () => {
    const specials = [
      { clientId: 'eu-west-1#id#with#hashes', clientSecret: 'a:b%41c+d/e=f g' },
      { clientId: 'plain', clientSecret: '%3A%2B==::  ' },
    ];
    for (const credentials of specials) {
      const gateway = createFakeGateway();
      await managerFor(gateway, credentials).getToken();

      const basic = gateway.requests[0]?.headers.get('authorization')?.slice(6) ?? '';
      expect(Buffer.from(basic, 'base64').toString('utf8')).toBe(
        `${credentials.clientId}:${credentials.clientSecret}`,
      );
    }
  });

  it('strips a trailing slash from baseUrl', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway, { baseUrl: `${BASE_URL}/` });
    await manager.getToken();

    expect(manager.baseUrl).toBe(BASE_URL);
    expect(gateway.requests[0]?.url).toBe(`${BASE_URL}/ids/auth/login`);
  });
});

describe('token reuse and refresh', () => {
  it('logs in once for 1,000 sequential calls', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway);
    for (let call = 0; call < 1_000; call += 1) {
      await manager.getToken();
      await vi.advanceTimersByTimeAsync(10);
    }

    expect(Date.now() - START_MS).toBe(10_000);
    expect(gateway.logins).toBe(1);
  });

  it('logs in once for 1,000 concurrent cold calls', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway);
    const tokens = await Promise.all(Array.from({ length: 1_000 }, () => manager.getToken()));

    expect(gateway.logins).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('refreshes a 60 s token at 45 s', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway);
    const first = await manager.getToken();

    await vi.advanceTimersByTimeAsync(45_000 - 1);
    expect(await manager.getToken()).toBe(first);
    await flushPromises();
    expect(gateway.logins).toBe(1);

    await vi.advanceTimersByTimeAsync(1);
    await flushPromises(20);
    expect(gateway.logins).toBe(2);
    expect(await manager.getToken()).not.toBe(first);
  });

  it('leaves an unused token unrefreshed', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway);
    await manager.getToken();

    await vi.advanceTimersByTimeAsync(45_000);
    expect(gateway.logins).toBe(2);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(gateway.logins).toBe(2);
  });

  it('refreshes a 10 s token before expiry', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 10 });
    const manager = managerFor(gateway);
    const first = await manager.getToken();

    await vi.advanceTimersByTimeAsync(7_500 - 1);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(2);
    const second = await manager.getToken();
    expect(second).not.toBe(first);
  });

  it('keeps serving the valid token during refresh', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway);
    const first = await manager.getToken();
    let releaseLogin = () => {};
    gateway.enqueue(() =>
      new Promise<Response>((resolve) => {
        releaseLogin = () => resolve(jsonResponse({}));
      }).then(() => createFakeGateway({ lifetimeSeconds: 60 }).fetch('https://x.test')),
    );

    await vi.advanceTimersByTimeAsync(45_000);
    await flushPromises();
    expect(gateway.logins).toBe(2);
    expect(await manager.getToken()).toBe(first);
    releaseLogin();
  });

  it('makes a new login with forceRefresh', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway);
    const first = await manager.getToken();
    const second = await manager.getToken({ forceRefresh: true });

    expect(gateway.logins).toBe(2);
    expect(second).not.toBe(first);
    expect(await manager.getToken()).toBe(second);
  });

  it('logs in again after invalidate', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway);
    const first = await manager.getToken();

    expect(manager.invalidate('not-the-current-token')).toBe(false);
    expect(manager.invalidate(first)).toBe(true);
    expect(manager.invalidate(first)).toBe(false);
    const second = await manager.getToken();
    expect(second).not.toBe(first);
    expect(gateway.logins).toBe(2);
  });

  it('does not cache a rejected login', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(jsonResponse({ error: 'unavailable' }, 503));
    const manager = managerFor(gateway, { maxLoginAttempts: 1 });

    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.LOGIN_FAILED });
    await expect(manager.getToken()).resolves.toMatch(/^ey/);
    expect(gateway.logins).toBe(2);
  });
});

describe('failed forced refresh', () => {
  it('keeps the valid token for others', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway, { maxLoginAttempts: 1 });
    const first = await manager.getToken();
    gateway.enqueue(jsonResponse({}, 503));

    await expect(manager.getToken({ forceRefresh: true })).rejects.toMatchObject({
      code: ErrorCode.LOGIN_FAILED,
    });
    expect(await manager.getToken()).toBe(first);
    expect(gateway.logins).toBe(2);
  });
});

describe('abort signals', () => {
  it('rejects a caller with an aborted signal', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway);
    const signal = AbortSignal.abort(new Error('gone'));

    await expect(manager.getToken({ signal })).rejects.toMatchObject({ code: ErrorCode.ABORTED });
    expect(gateway.logins).toBe(0);
  });

  it('returns a cached token despite an aborted signal', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway);
    const token = await manager.getToken();

    // The HTTP client then reports the abort itself, as its callers expect.
    expect(await manager.getToken({ signal: AbortSignal.abort() })).toBe(token);
    expect(gateway.logins).toBe(1);
  });

  it('rejects at once with an aborted manager signal', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway, { signal: AbortSignal.abort() });

    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.ABORTED });
    expect(gateway.logins).toBe(0);
  });
});

describe('configuration', () => {
  it('treats blank environment credentials as missing', async () => {
    const manager = createTokenManager({
      baseUrl: BASE_URL,
      env: { DAP_CLIENT_ID: '  ', DAP_CLIENT_SECRET: '\t' },
    });

    expect(manager.hasCredentials).toBe(false);
    await expect(manager.getToken()).rejects.toMatchObject({
      code: ErrorCode.MISSING_CREDENTIALS,
    });
  });

  it('names DAP_API_URL when it is malformed', () => {
    const create = () => createTokenManager({ env: { DAP_API_URL: 'gateway.example' } });

    expect(create).toThrow(/^Environment variable DAP_API_URL must be an absolute/);
  });

  it('rejects missing credentials naming options and variables', async () => {
    const manager = createTokenManager({ baseUrl: BASE_URL, env: {} });

    expect(manager.hasCredentials).toBe(false);
    const error = await manager.getToken().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.MISSING_CREDENTIALS });
    for (const name of ['clientId', 'clientSecret', 'DAP_CLIENT_ID', 'DAP_CLIENT_SECRET']) {
      expect((error as Error).message).toContain(name);
    }
  });

  it('reads credentials and base URL from env', async () => {
    const gateway = createFakeGateway();
    const manager = createTokenManager({
      fetch: gateway.fetch,
      env: { DAP_CLIENT_ID: 'env-id', DAP_CLIENT_SECRET: 'env-secret', DAP_API_URL: BASE_URL },
    });
    await manager.getToken();

    expect(manager.hasCredentials).toBe(true);
    expect(gateway.requests[0]?.url).toBe(`${BASE_URL}/ids/auth/login`);
    const basic = gateway.requests[0]?.headers.get('authorization')?.slice(6) ?? '';
    expect(Buffer.from(basic, 'base64').toString()).toBe('env-id:env-secret');
  });

  it('keeps a base path and loginPath', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway, {
      baseUrl: 'https://gateway.test/prefix/',
      loginPath: '/oauth/token',
    });
    await manager.getToken();

    expect(manager.baseUrl).toBe('https://gateway.test/prefix');
    expect(manager.loginUrl).toBe('https://gateway.test/prefix/oauth/token');
    expect(gateway.requests[0]?.url).toBe('https://gateway.test/prefix/oauth/token');
  });

  it('defaults to the Instructure gateway', () => {
    const manager = createTokenManager({ env: {} });

    expect(manager.baseUrl).toBe('https://api-gateway.instructure.com');
    expect(manager.loginUrl).toBe('https://api-gateway.instructure.com/ids/auth/login');
  });

  it('rejects plain http to a remote host lazily', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway, { baseUrl: 'http://gateway.test' });

    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.INSECURE_URL });
    expect(gateway.logins).toBe(0);
  });

  it('allows plain http to loopback hosts', async () => {
    for (const baseUrl of [
      'http://127.0.0.1:9',
      'http://127.8.9.10',
      'http://[::1]:9',
      'http://localhost:9',
    ]) {
      const gateway = createFakeGateway();
      await managerFor(gateway, { baseUrl }).getToken();
      expect(gateway.logins).toBe(1);
    }
  });

  it('throws TypeError naming a wrong option', () => {
    const cases: [TokenManagerOptions, string][] = [
      [{ baseUrl: 'not a url' }, 'baseUrl'],
      [{ baseUrl: 'ftp://gateway.test' }, 'baseUrl'],
      [{ baseUrl: 'https://user:pw@gateway.test' }, 'baseUrl'],
      [{ clientId: 42 as unknown as string }, 'clientId'],
      [{ origins: ['::bad'] }, 'origins[0]'],
      [{ origins: 'https://a.test' as unknown as string[] }, 'origins'],
      [{ refreshMarginMs: -1 }, 'refreshMarginMs'],
      [{ timeoutMs: Number.NaN }, 'timeoutMs'],
      [{ fetch: 'fetch' as unknown as typeof fetch }, 'fetch'],
      [{ store: {} as never }, 'store'],
      [{ signal: {} as AbortSignal }, 'signal'],
      [{ env: { IDS_AUTH_TIMEOUT: 'soon' } }, 'IDS_AUTH_TIMEOUT'],
      [{ loginPath: 'ids/auth/login' }, 'loginPath'],
      [{ baseUrl: 'https://gateway.test/?a=1' }, 'baseUrl'],
      [{ maxLoginAttempts: 0 }, 'maxLoginAttempts'],
      [{ clock: { now: () => 0 } as never }, 'clock'],
    ];
    for (const [options, name] of cases) {
      expect(() => createTokenManager({ env: {}, ...options })).toThrow(TypeError);
      expect(() => createTokenManager({ env: {}, ...options })).toThrow(name);
    }
  });
});

describe('close', () => {
  it('rejects later calls and clears timers', async () => {
    const gateway = createFakeGateway();
    const manager = managerFor(gateway);
    await manager.getToken();
    expect(vi.getTimerCount()).toBe(1);

    await manager.close();
    expect(vi.getTimerCount()).toBe(0);
    await expect(manager.getToken()).rejects.toMatchObject({ code: ErrorCode.CLOSED });
  });

  it('resolves a second close after the first', async () => {
    const memory = createMemoryTokenStore();
    let releaseLock = () => {};
    const store: TokenStore = {
      ...memory,
      async lock(scope, leaseMs) {
        const lock = await memory.lock(scope, leaseMs);
        const slowRelease = () =>
          new Promise<void>((resolve) => {
            releaseLock = () => resolve(lock?.release());
          });

        return lock && { release: slowRelease };
      },
    };
    const gateway = createFakeGateway();
    gateway.replyAlways(() => new Promise<Response>(() => {}));
    const manager = managerFor(gateway, { store });
    const pending = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);

    const first = settle(manager.close());
    const second = settle(manager.close());
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.error).toMatchObject({ code: ErrorCode.CLOSED });
    expect(first.done).toBe(false);
    expect(second.done).toBe(false);
    releaseLock();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.done).toBe(true);
    expect(second.done).toBe(true);
  });
});
