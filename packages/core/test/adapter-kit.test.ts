import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  authorizeRequest,
  createTokenManager,
  ErrorCode,
  fingerprintToken,
  isReplayableBody,
  isTokenManager,
  refreshAfterUnauthorized,
  resolveTokenManager,
  type TokenManagerEvents,
} from '../src/index.js';
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  createFakeGateway,
  makeJwt,
} from './helpers/fake-gateway.js';
import { objectHeaders } from './helpers/headers.js';

const LEGACY_TOKEN = makeJwt({ exp: 2_000_000_000, sub: 'legacy' });

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
});

afterEach(() => {
  vi.useRealTimers();
});

function managed(origins: string[] = []) {
  const gateway = createFakeGateway();
  const manager = createTokenManager({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    origins,
    fetch: gateway.fetch,
    env: {},
  });

  return { gateway, manager };
}

function rewriteOnly(origins: string[] = []) {
  return createTokenManager({ baseUrl: BASE_URL, origins, env: {} });
}

describe('isTokenManager and resolveTokenManager', () => {
  it('recognizes managers by registered brand', () => {
    const { manager } = managed();

    expect(isTokenManager(manager)).toBe(true);
    expect(isTokenManager({ getToken: () => 'x' })).toBe(false);
    expect(isTokenManager(null)).toBe(false);
    const foreignCopy = { [Symbol.for('ids-auth.token-manager')]: true };
    expect(isTokenManager(foreignCopy)).toBe(true);
  });

  it('returns a manager as is', () => {
    const { manager } = managed();

    expect(resolveTokenManager(manager)).toBe(manager);
  });

  it('creates a manager from options', () => {
    const manager = resolveTokenManager({ baseUrl: BASE_URL, env: {} });

    expect(isTokenManager(manager)).toBe(true);
    expect(manager.baseUrl).toBe(BASE_URL);
  });
});

describe('authorizeRequest', () => {
  it('sets the managed bearer and drops legacy headers', async () => {
    const { manager } = managed();
    const { access, values } = objectHeaders({
      'X-InstAuth': LEGACY_TOKEN,
      'x-INSTAUTH': 'other',
      authorization: 'Bearer old',
      AUTHORIZATION: 'Basic abc',
    });
    const result = await authorizeRequest(manager, { url: `${BASE_URL}/dap/x`, headers: access });
    const token = await manager.getToken();

    expect(result).toEqual({ action: 'bearer', token, source: 'managed' });
    expect(values).toEqual({ Authorization: `Bearer ${token}` });
  });

  it('skips the login URL untouched', async () => {
    const { manager, gateway } = managed();
    for (const url of [manager.loginUrl, `${manager.loginUrl}?a=1#b`, `${manager.loginUrl}/`]) {
      const { access, values } = objectHeaders({ 'x-instauth': 'T' });
      const result = await authorizeRequest(manager, { url, headers: access });

      expect(result).toEqual({ action: 'skipped', reason: 'login-url' });
      expect(values).toEqual({ 'x-instauth': 'T' });
    }
    expect(gateway.logins).toBe(0);
  });

  it('skips other origins untouched', async () => {
    const { manager, gateway } = managed(['https://extra.test:8443']);
    const others = [
      'https://gateway.test.evil.test/x',
      'https://evilgateway.test/x',
      'https://gateway.test:444/x',
      'http://gateway.test/x',
      'https://gateway.test@evil.test/x',
      'https://user:pw@gateway.test/x',
      'https://extra.test/x',
    ];
    for (const url of others) {
      const { access, values } = objectHeaders({ 'X-InstAuth': 'T', Authorization: 'Basic a' });
      const result = await authorizeRequest(manager, { url, headers: access });

      expect(result, url).toEqual({ action: 'skipped', reason: 'other-origin' });
      expect(values).toEqual({ 'X-InstAuth': 'T', Authorization: 'Basic a' });
    }
    expect(gateway.logins).toBe(0);
  });

  it('matches normalized origins', async () => {
    const { manager } = managed([
      'https://EXTRA.test:443/',
      'http://[::1]:8080',
      'https://dot.test.',
    ]);
    const urls = [
      'https://GATEWAY.test/x',
      'https://gateway.test:443/x',
      'https://gateway.test./x',
      'https://extra.test/y',
      'http://[0:0:0:0:0:0:0:1]:8080/z',
      'https://dot.test/q',
    ];
    for (const url of urls) {
      const { access } = objectHeaders();
      const result = await authorizeRequest(manager, { url, headers: access });
      expect(result.action, url).toBe('bearer');
    }
    expect(manager.allowedOrigins).toEqual([
      'https://gateway.test',
      'https://extra.test',
      'http://[::1]:8080',
      'https://dot.test',
    ]);
  });

  it('rejects plain http to an allowed remote origin', async () => {
    const { manager, gateway } = managed(['http://plain.test']);
    const { access, values } = objectHeaders({ 'x-instauth': 'T' });
    const attempt = authorizeRequest(manager, { url: 'http://plain.test/x', headers: access });

    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.INSECURE_URL });
    expect(values).toEqual({ 'x-instauth': 'T' });
    expect(gateway.logins).toBe(0);
  });

  it('rewrites a legacy header without credentials', async () => {
    const manager = rewriteOnly();
    for (const value of [LEGACY_TOKEN, `Bearer ${LEGACY_TOKEN}`, `bearer  ${LEGACY_TOKEN}`]) {
      const { access, values } = objectHeaders({ 'X-InstAuth': value });
      const result = await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access });

      expect(result).toEqual({ action: 'bearer', token: LEGACY_TOKEN, source: 'legacy-header' });
      expect(values).toEqual({ Authorization: `Bearer ${LEGACY_TOKEN}` });
    }
  });

  it('takes the first of joined legacy values', async () => {
    const manager = rewriteOnly();
    const { access, values } = objectHeaders({ 'x-instauth': `${LEGACY_TOKEN}, ${LEGACY_TOKEN}` });
    await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access });

    expect(values).toEqual({ Authorization: `Bearer ${LEGACY_TOKEN}` });
  });

  it('lets Authorization win over x-instauth without credentials', async () => {
    const manager = rewriteOnly();
    const { access, values } = objectHeaders({
      'X-InstAuth': LEGACY_TOKEN,
      authorization: 'Bearer x',
    });
    const result = await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access });

    expect(result).toEqual({ action: 'kept', reason: 'caller-authorization' });
    expect(values).toEqual({ authorization: 'Bearer x' });
  });

  it('keeps a caller Authorization without credentials', async () => {
    const manager = rewriteOnly();
    const { access, values } = objectHeaders({ authorization: 'Bearer mine' });
    const result = await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access });

    expect(result).toEqual({ action: 'kept', reason: 'caller-authorization' });
    expect(values).toEqual({ authorization: 'Bearer mine' });
  });

  it('rejects a bare request without credentials', async () => {
    const manager = rewriteOnly();
    const { access } = objectHeaders();
    const error = await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({ code: ErrorCode.MISSING_CREDENTIALS });
    expect((error as Error).message).toMatch(
      /clientId.*clientSecret.*DAP_CLIENT_ID.*DAP_CLIENT_SECRET/,
    );
  });

  it('passes the signal to getToken', async () => {
    const { manager, gateway } = managed();
    const { access, values } = objectHeaders();
    const signal = AbortSignal.abort();
    const attempt = authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access, signal });

    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.ABORTED });
    expect(values).toEqual({});
    expect(gateway.logins).toBe(0);
  });

  it('emits request:authorized once per call', async () => {
    const { manager } = managed();
    const seen: TokenManagerEvents['request:authorized'][] = [];
    manager.on('request:authorized', (payload) => seen.push(payload));
    const { access } = objectHeaders();
    const result = await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access });
    const token = result.action === 'bearer' ? result.token : '';

    expect(seen).toEqual([
      { tokenFingerprint: fingerprintToken(token), origin: BASE_URL, source: 'managed' },
    ]);
  });

  it('warns about x-instauth once per process', async () => {
    const { manager } = managed();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('ids-auth.x-instauth-warned')];
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    for (let request = 0; request < 3; request += 1) {
      const { access } = objectHeaders({ 'X-InstAuth': 'T' });
      await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access });
    }
    const calls = [...emitWarning.mock.calls];
    emitWarning.mockRestore();

    expect(calls).toHaveLength(1);
    expect(calls[0]?.[1]).toEqual({
      type: 'DeprecationWarning',
      code: 'IDS_AUTH_X_INSTAUTH',
    });
  });

  it('skips the warning without x-instauth', async () => {
    const { manager } = managed();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('ids-auth.x-instauth-warned')];
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const { access } = objectHeaders({ Authorization: 'Bearer x' });
    await authorizeRequest(manager, { url: `${BASE_URL}/x`, headers: access });
    const calls = [...emitWarning.mock.calls];
    emitWarning.mockRestore();

    expect(calls).toHaveLength(0);
  });
});

describe('refreshAfterUnauthorized', () => {
  it('shares one login among ten 401s', async () => {
    const { manager, gateway } = managed();
    const old = await manager.getToken();
    const fresh = await Promise.all(
      Array.from({ length: 10 }, () => refreshAfterUnauthorized(manager, old)),
    );

    expect(gateway.logins).toBe(2);
    expect(new Set(fresh).size).toBe(1);
    expect(fresh[0]).not.toBe(old);
    expect(fresh[0]).toBe(await manager.getToken());
  });

  it('returns undefined without credentials', async () => {
    await expect(refreshAfterUnauthorized(rewriteOnly(), 'T')).resolves.toBeUndefined();
  });

  it('keeps a token already replaced', async () => {
    const { manager, gateway } = managed();
    const old = await manager.getToken();
    const current = await manager.getToken({ forceRefresh: true });

    await expect(refreshAfterUnauthorized(manager, old)).resolves.toBe(current);
    expect(gateway.logins).toBe(2);
  });
});

describe('isReplayableBody', () => {
  it('accepts repeatable bodies', () => {
    const bodies = [
      undefined,
      null,
      'text',
      Buffer.from('x'),
      new Uint8Array(2),
      new ArrayBuffer(2),
      new URLSearchParams('a=1'),
      new Blob(['x']),
      new FormData(),
      { json: true },
    ];
    for (const body of bodies) expect(isReplayableBody(body)).toBe(true);
  });

  it('rejects one-shot bodies', () => {
    async function* chunks() {
      yield 'x';
    }
    function* syncChunks() {
      yield 'x';
    }
    const bodies = [Readable.from(['x']), new ReadableStream(), chunks(), syncChunks()];
    for (const body of bodies) expect(isReplayableBody(body)).toBe(false);
  });
});

describe('fingerprintToken', () => {
  it('returns sha256 and 12 hex digits', () => {
    const fingerprint = fingerprintToken(LEGACY_TOKEN);

    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(fingerprint).toBe(fingerprintToken(LEGACY_TOKEN));
    expect(fingerprintToken(`${LEGACY_TOKEN}x`)).not.toBe(fingerprint);
  });
});
