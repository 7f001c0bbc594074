import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  diagnosticsChannelName,
  fingerprintToken,
  TOKEN_MANAGER_EVENTS,
  type TokenManagerEventName,
} from '../src/index.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  createFakeGateway,
  jsonResponse,
} from './helpers/fake-gateway.js';
import { managerFor } from './helpers/manager.js';

const START_MS = Date.UTC(2026, 0, 1);

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});

afterEach(() => {
  vi.useRealTimers();
});

function recordEvents(manager: ReturnType<typeof managerFor>) {
  const seen: [TokenManagerEventName, unknown][] = [];
  for (const event of TOKEN_MANAGER_EVENTS) {
    manager.on(event, (payload) => seen.push([event, payload]));
  }

  return seen;
}

describe('manager events', () => {
  it('reports a login in order', async () => {
    const gateway = createFakeGateway({ lifetimeSeconds: 60 });
    const manager = managerFor(gateway);
    const seen = recordEvents(manager);
    const token = await manager.getToken();

    const fingerprint = fingerprintToken(token);
    expect(seen).toEqual([
      ['login:start', { attempt: 1, clientId: CLIENT_ID }],
      [
        'login:success',
        {
          attempt: 1,
          tokenFingerprint: fingerprint,
          expiresAtMs: START_MS + 60_000,
          lifetimeMs: 60_000,
        },
      ],
      ['refresh:scheduled', { atMs: START_MS + 45_000, tokenFingerprint: fingerprint }],
    ]);
  });

  it('reports invalidation with a fingerprint', async () => {
    const manager = managerFor(createFakeGateway());
    const token = await manager.getToken();
    const seen = recordEvents(manager);
    manager.invalidate(token);

    expect(seen).toEqual([['token:invalidated', { tokenFingerprint: fingerprintToken(token) }]]);
  });

  it('stops calling a removed listener', async () => {
    const manager = managerFor(createFakeGateway());
    const calls: unknown[] = [];
    const listener = (payload: unknown) => calls.push(payload);
    manager.on('login:start', listener).off('login:start', listener);
    await manager.getToken();

    expect(calls).toEqual([]);
  });

  it('survives a throwing listener', async () => {
    const manager = managerFor(createFakeGateway());
    manager.on('login:success', () => {
      throw new Error('listener bug');
    });

    await expect(manager.getToken()).resolves.toMatch(/^ey/);
  });
});

describe('diagnostics channels', () => {
  it('names channels after events', () => {
    expect(diagnosticsChannelName('login:start')).toBe('ids-auth:login:start');
    expect(diagnosticsChannelName('store:recovered')).toBe('ids-auth:store:recovered');
  });

  it('publishes every event payload', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(jsonResponse({}, 503));
    const manager = managerFor(gateway);
    const published: [string, unknown][] = [];
    const subscribers = TOKEN_MANAGER_EVENTS.map((event) => {
      const name = diagnosticsChannelName(event);
      const onMessage = (message: unknown) => published.push([name, message]);
      subscribe(name, onMessage);
      return () => unsubscribe(name, onMessage);
    });
    const emitted = recordEvents(manager);
    const pending = manager.getToken();
    await vi.advanceTimersByTimeAsync(1000);
    const token = await pending;
    manager.invalidate(token);
    for (const stop of subscribers) stop();

    expect(published.map(([name]) => name)).toEqual([
      'ids-auth:login:start',
      'ids-auth:login:failure',
      'ids-auth:login:start',
      'ids-auth:login:success',
      'ids-auth:refresh:scheduled',
      'ids-auth:token:invalidated',
    ]);
    expect(published.map(([, payload]) => payload)).toEqual(emitted.map(([, payload]) => payload));
    const serialized = JSON.stringify(published);
    expect(serialized).not.toContain(token);
    expect(serialized).not.toContain(CLIENT_SECRET);
  });
});
