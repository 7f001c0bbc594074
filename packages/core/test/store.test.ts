import { createHash, hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMemoryTokenStore,
  createTokenStoreScope,
  type TokenManagerEventName,
  type TokenRecord,
  type TokenStore,
} from '../src/index.js';
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  createFakeGateway,
  jsonResponse,
  tokenResponse,
} from './helpers/fake-gateway.js';
import { managerFor, settle } from './helpers/manager.js';

const START_MS = Date.UTC(2026, 0, 1);
const never = () => new Promise<never>(() => {});

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Wraps a memory store so that tests can make its methods fail or hang, and counts calls. */
function controllableStore() {
  const inner = createMemoryTokenStore();
  const calls: string[] = [];
  const faults: Partial<Record<keyof TokenStore, () => Promise<unknown>>> = {};
  const wrap =
    <K extends 'read' | 'write' | 'remove' | 'lock'>(name: K) =>
    (...args: Parameters<TokenStore[K]>) => {
      calls.push(name);
      const fault = faults[name];
      if (fault) return fault() as ReturnType<TokenStore[K]>;

      return (inner[name] as (...a: Parameters<TokenStore[K]>) => ReturnType<TokenStore[K]>)(
        ...args,
      );
    };
  const store: TokenStore = {
    read: wrap('read'),
    write: wrap('write'),
    remove: wrap('remove'),
    lock: wrap('lock'),
  };

  return { store, inner, calls, faults };
}

function recordStoreEvents(manager: ReturnType<typeof managerFor>) {
  const seen: [TokenManagerEventName, unknown][] = [];
  manager.on('store:unavailable', (payload) => seen.push(['store:unavailable', payload]));
  manager.on('store:recovered', (payload) => seen.push(['store:recovered', payload]));

  return seen;
}

describe('createTokenStoreScope', () => {
  it('derives id and key without the secret', () => {
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    const tag = Buffer.from(
      hkdfSync('sha256', CLIENT_SECRET, 'ids-auth', 'token-store-id', 16),
    ).toString('hex');
    const id = createHash('sha256').update(`${BASE_URL}\n${CLIENT_ID}\n${tag}`).digest('hex');
    const key = hkdfSync('sha256', CLIENT_SECRET, 'ids-auth', 'token-store', 32);

    expect(scope.id).toBe(id);
    expect(Buffer.from(scope.encryptionKey).equals(Buffer.from(key))).toBe(true);
    expect(scope.encryptionKey).toHaveLength(32);
  });

  it('gives each secret its own id', () => {
    const credentials = { baseUrl: BASE_URL, clientId: CLIENT_ID };
    const current = createTokenStoreScope({ ...credentials, clientSecret: CLIENT_SECRET });
    const rotated = createTokenStoreScope({ ...credentials, clientSecret: `${CLIENT_SECRET}2` });

    expect(rotated.id).not.toBe(current.id);
  });

  it('hides the key from inspect and JSON', () => {
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    const keyBytes = [...scope.encryptionKey].join(', ');

    expect(inspect(scope)).not.toContain(keyBytes);
    expect(JSON.stringify(scope)).toBe(JSON.stringify({ id: scope.id }));
  });

  it('separates base URLs and client ids', () => {
    const ids = new Set(
      [
        { baseUrl: BASE_URL, clientId: 'a' },
        { baseUrl: BASE_URL, clientId: 'b' },
        { baseUrl: 'https://other.test', clientId: 'a' },
      ].map((credentials) => createTokenStoreScope({ ...credentials, clientSecret: 's' }).id),
    );

    expect(ids.size).toBe(3);
  });
});

describe('shared store', () => {
  it('shares one login between two managers', async () => {
    const gateway = createFakeGateway();
    const store = createMemoryTokenStore();
    const first = await managerFor(gateway, { store }).getToken();
    const second = await managerFor(gateway, { store }).getToken();

    expect(second).toBe(first);
    expect(gateway.logins).toBe(1);
  });

  it('keeps credential sets apart', async () => {
    const gateway = createFakeGateway();
    const store = createMemoryTokenStore();
    const first = await managerFor(gateway, { store, clientId: 'client-a' }).getToken();
    const second = await managerFor(gateway, { store, clientId: 'client-b' }).getToken();
    const otherGateway = await managerFor(gateway, {
      store,
      clientId: 'client-a',
      baseUrl: 'https://other-gateway.test',
    }).getToken();

    expect(new Set([first, second, otherGateway]).size).toBe(3);
    expect(gateway.logins).toBe(3);
  });

  it('lets one of two cold managers log in', async () => {
    const gateway = createFakeGateway();
    const store = createMemoryTokenStore();
    const firstCall = settle(managerFor(gateway, { store }).getToken());
    const secondCall = settle(managerFor(gateway, { store }).getToken());
    await vi.advanceTimersByTimeAsync(100);

    expect(gateway.logins).toBe(1);
    expect(secondCall.value).toBe(firstCall.value);
  });

  it('logs in itself after the lock wait', async () => {
    const gateway = createFakeGateway();
    const { store, inner } = controllableStore();
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    await inner.lock(scope, 60_000);
    const pending = settle(managerFor(gateway, { store, timeoutMs: 1000 }).getToken());

    // The wait is two lock leases, each one login timeout plus 5 s.
    await vi.advanceTimersByTimeAsync(11_900);
    expect(gateway.logins).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(gateway.logins).toBe(1);
    expect(pending.value).toMatch(/^ey/);
  });

  it('lets one waiter take over a dead lock', async () => {
    const gateway = createFakeGateway();
    const store = createMemoryTokenStore();
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    // A holder that died right after taking the lock, with the lease the managers use.
    await store.lock(scope, 6_000);
    // A login that takes a while lets the other waiters see the new holder's lock.
    gateway.enqueue(
      () => new Promise<Response>((resolve) => setTimeout(() => resolve(tokenResponse()), 200)),
    );
    const calls = [1, 2, 3].map(() =>
      settle(managerFor(gateway, { store, timeoutMs: 1_000 }).getToken()),
    );

    await vi.advanceTimersByTimeAsync(5_900);
    expect(gateway.logins).toBe(0);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(gateway.logins).toBe(1);
    expect(new Set(calls.map((call) => call.value)).size).toBe(1);
  });

  it('renews the lease during a long login', async () => {
    const gateway = createFakeGateway();
    const store = createMemoryTokenStore();
    const busy = () => jsonResponse({ error: 'busy' }, 503, { 'Retry-After': '4' });
    gateway.enqueue(busy(), busy());
    const holder = settle(managerFor(gateway, { store, timeoutMs: 1_000 }).getToken());
    await vi.advanceTimersByTimeAsync(10);
    const waiter = settle(managerFor(gateway, { store, timeoutMs: 1_000 }).getToken());

    // The holder's login lasts 8 s, past its 6 s lease, so only renewal keeps the waiter out.
    await vi.advanceTimersByTimeAsync(8_500);
    expect(gateway.logins).toBe(3);
    expect(waiter.value).toBe(holder.value);
  });

  it('writes the token and releases the lock', async () => {
    const gateway = createFakeGateway();
    const { store, inner, calls } = controllableStore();
    const token = await managerFor(gateway, { store }).getToken();
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });

    expect(calls).toEqual(['read', 'lock', 'read', 'write']);
    expect((await inner.read(scope))?.accessToken).toBe(token);
    expect(await inner.lock(scope, 1000)).toBeDefined();
  });

  it('ignores a stored token inside the hard margin', async () => {
    const gateway = createFakeGateway();
    const { store, inner } = controllableStore();
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    const stale: TokenRecord = {
      accessToken: 'a.b.c',
      tokenType: 'bearer',
      scope: '',
      obtainedAtMs: START_MS - 3_570_000,
      expiresAtMs: START_MS + 30_000,
    };
    await inner.write(scope, stale);

    expect(await managerFor(gateway, { store }).getToken()).not.toBe('a.b.c');
    expect(gateway.logins).toBe(1);
  });

  it('adopts a due shared token without waiting', async () => {
    const gateway = createFakeGateway();
    const { store, inner } = controllableStore();
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    const due: TokenRecord = {
      accessToken: 'a.b.c',
      tokenType: 'bearer',
      scope: '',
      obtainedAtMs: START_MS - 3_540_000,
      expiresAtMs: START_MS + 60_000,
    };
    await inner.write(scope, due);
    const manager = managerFor(gateway, { store });

    expect(await manager.getToken()).toBe('a.b.c');
    expect(gateway.logins).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(gateway.logins).toBe(1);
    expect(await manager.getToken()).not.toBe('a.b.c');
  });

  it('removes an invalidated token from the store', async () => {
    const gateway = createFakeGateway();
    const { store, calls } = controllableStore();
    const manager = managerFor(gateway, { store });
    const first = await manager.getToken();
    manager.invalidate(first);
    const second = await manager.getToken();

    expect(calls).toContain('remove');
    expect(second).not.toBe(first);
    expect(gateway.logins).toBe(2);
  });

  it('never adopts a token it invalidated', async () => {
    const gateway = createFakeGateway();
    const { store, faults } = controllableStore();
    const manager = managerFor(gateway, { store });
    const first = await manager.getToken();
    faults.remove = () => Promise.reject(new Error('remove failed'));
    manager.invalidate(first);

    expect(await manager.getToken()).not.toBe(first);
  });

  it('adopts a token another manager refreshed', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const store = createMemoryTokenStore();
    const firstManager = managerFor(gateway, { store });
    const secondManager = managerFor(gateway, { store });
    await firstManager.getToken();
    await secondManager.getToken();

    await vi.advanceTimersByTimeAsync(45_000);
    expect(gateway.logins).toBe(2);
    expect(await secondManager.getToken()).toBe(await firstManager.getToken());
  });
});

describe('close with a store', () => {
  it('releases the login lock before resolving', async () => {
    const gateway = createFakeGateway();
    gateway.replyAlways(
      (request) =>
        new Promise((_resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
        }),
    );
    const { store, calls } = controllableStore();
    const manager = managerFor(gateway, { store });
    const pending = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(0);
    expect(gateway.logins).toBe(1);

    await manager.close();
    expect(pending.error).toMatchObject({ code: 'IDS_AUTH_CLOSED' });
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    expect(await store.lock(scope, 1000)).toBeDefined();
    expect(calls).not.toContain('write');
  });
});

describe('store outages', () => {
  it('logs in directly when the store fails', async () => {
    const gateway = createFakeGateway();
    const { store, faults } = controllableStore();
    faults.read = () => Promise.reject(Object.assign(new Error('down'), { code: 'ECONNREFUSED' }));
    const manager = managerFor(gateway, { store });
    const events = recordStoreEvents(manager);

    await expect(manager.getToken()).resolves.toMatch(/^ey/);
    expect(gateway.logins).toBe(1);
    expect(events).toEqual([['store:unavailable', { operation: 'read', code: 'ECONNREFUSED' }]]);
  });

  it('times out a hanging store after 500 ms', async () => {
    const gateway = createFakeGateway();
    const { store, faults } = controllableStore();
    faults.read = never;
    const manager = managerFor(gateway, { store });
    const events = recordStoreEvents(manager);
    const pending = settle(manager.getToken());

    await vi.advanceTimersByTimeAsync(499);
    expect(gateway.logins).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(1);
    expect(pending.value).toMatch(/^ey/);
    expect(events).toEqual([
      ['store:unavailable', { operation: 'read', code: 'IDS_AUTH_TIMEOUT' }],
    ]);
  });

  it('honours storeTimeoutMs', async () => {
    const gateway = createFakeGateway();
    const { store, faults } = controllableStore();
    faults.read = never;
    settle(managerFor(gateway, { store, storeTimeoutMs: 50 }).getToken());

    await vi.advanceTimersByTimeAsync(49);
    expect(gateway.logins).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(gateway.logins).toBe(1);
  });

  it('reports one event per outage', async () => {
    const gateway = createFakeGateway();
    const { store, faults } = controllableStore();
    faults.read = () => Promise.reject(new Error('down'));
    faults.remove = faults.read;
    const manager = managerFor(gateway, { store });
    const events = recordStoreEvents(manager);
    for (let call = 0; call < 3; call += 1) {
      manager.invalidate(await manager.getToken());
    }
    delete faults.read;
    delete faults.remove;
    await manager.getToken();

    expect(events.map(([name]) => name)).toEqual(['store:unavailable', 'store:recovered']);
    expect(gateway.logins).toBe(4);
  });

  it('releases a lock granted after the timeout', async () => {
    const gateway = createFakeGateway();
    const released: string[] = [];
    const { store, faults } = controllableStore();
    faults.lock = () =>
      new Promise((resolve) => {
        setTimeout(() => resolve({ release: async () => void released.push('late') }), 1000);
      });
    settle(managerFor(gateway, { store }).getToken());

    await vi.advanceTimersByTimeAsync(500);
    expect(gateway.logins).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(released).toEqual(['late']);
  });
});
