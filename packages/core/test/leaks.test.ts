import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMemoryTokenStore,
  createTokenManager,
  createTokenStoreScope,
  IdsAuthError,
  TOKEN_MANAGER_EVENTS,
  type TokenManagerOptions,
} from '../src/index.js';
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  type createFakeGateway,
  createFakeGateway as fakeGateway,
  jsonResponse,
  makeJwt,
} from './helpers/fake-gateway.js';
import { managerFor, settle } from './helpers/manager.js';

const START_MS = Date.UTC(2026, 0, 1);
const BASIC = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
const ISSUED_TOKEN = makeJwt({ iat: START_MS / 1000, exp: START_MS / 1000 + 3600, sub: 'leak' });

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Renders `value` in every text form in which it could reach a log. */
function renderings(value: unknown): string[] {
  return [
    inspect(value, { depth: 10, showHidden: true }),
    JSON.stringify(value) ?? '',
    String(value),
    value instanceof Error ? `${value.message}\n${value.stack}` : '',
  ];
}

function expectNoSecrets(value: unknown) {
  for (const text of renderings(value)) {
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(BASIC);
    expect(text).not.toContain(ISSUED_TOKEN);
    expect(text).not.toContain(ISSUED_TOKEN.split('.')[1]);
  }
}

type Gateway = ReturnType<typeof createFakeGateway>;
const failures: [string, (gateway: Gateway) => void][] = [
  ['401', (g) => g.replyAlways(() => jsonResponse({ echo: BASIC, token: ISSUED_TOKEN }, 401))],
  ['400', (g) => g.replyAlways(() => jsonResponse({ echo: CLIENT_SECRET }, 400))],
  ['429', (g) => g.replyAlways(() => jsonResponse({ token: ISSUED_TOKEN }, 429))],
  ['503', (g) => g.replyAlways(() => jsonResponse({ token: ISSUED_TOKEN }, 503))],
  ['network', (g) => g.replyAlways(new TypeError('fetch failed'))],
  ['HTML body', (g) => g.replyAlways(() => new Response(`<p>${ISSUED_TOKEN} ${BASIC}</p>`))],
  [
    'opaque token',
    (g) => g.replyAlways(() => jsonResponse({ access_token: CLIENT_SECRET, expires_in: 60 })),
  ],
  [
    'bad expires_in',
    (g) => g.replyAlways(() => jsonResponse({ access_token: ISSUED_TOKEN, expires_in: 'x' })),
  ],
  [
    'bad token_type',
    (g) =>
      g.replyAlways(() =>
        jsonResponse({ access_token: ISSUED_TOKEN, expires_in: 60, token_type: ISSUED_TOKEN }),
      ),
  ],
  [
    'timeout',
    (g) =>
      g.replyAlways(
        (request) =>
          new Promise((_resolve, reject) => {
            request.signal.addEventListener('abort', () => reject(request.signal.reason));
          }),
      ),
  ],
];

describe('secrets in errors', () => {
  for (const [name, arrange] of failures) {
    it(`keeps secrets out of ${name} errors`, async () => {
      const gateway = fakeGateway();
      arrange(gateway);
      const manager = managerFor(gateway, { timeoutMs: 1000 });
      const pending = settle(manager.getToken());
      await vi.advanceTimersByTimeAsync(60_000);

      expect(pending.error).toBeInstanceOf(IdsAuthError);
      expectNoSecrets(pending.error);
      const repeat = settle(manager.getToken());
      await vi.advanceTimersByTimeAsync(60_000);
      expectNoSecrets(repeat.error);
    });
  }

  it('keeps secrets out of the missing credentials error', async () => {
    const manager = managerFor(fakeGateway(), { clientSecret: undefined });
    const error = await manager.getToken().catch((caught: unknown) => caught);

    expectNoSecrets(error);
  });

  it('keeps secrets out of malformed URL errors', () => {
    const cases: TokenManagerOptions[] = [
      { baseUrl: `//${CLIENT_SECRET}` },
      { baseUrl: `https://id:${CLIENT_SECRET}@gateway.test:99999` },
      { env: { DAP_API_URL: `https://id:${CLIENT_SECRET}@gateway.test:99999` } },
      { origins: [`//${CLIENT_SECRET}`] },
    ];
    for (const options of cases) {
      let error: unknown;
      try {
        createTokenManager({ env: {}, ...options });
      } catch (caught) {
        error = caught;
      }

      expect(error).toBeInstanceOf(TypeError);
      expectNoSecrets(error);
    }
  });
});

describe('secrets in objects and events', () => {
  it('keeps secrets out of the manager', async () => {
    const gateway = fakeGateway();
    gateway.replyAlways(() => jsonResponse({ access_token: ISSUED_TOKEN, expires_in: 3600 }));
    const manager = managerFor(gateway, { store: createMemoryTokenStore() });
    await manager.getToken();

    expectNoSecrets(manager);
  });

  it('keeps secrets out of the store scope', () => {
    const scope = createTokenStoreScope({
      baseUrl: BASE_URL,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });

    expectNoSecrets(scope);
  });

  it('keeps secrets out of event payloads', async () => {
    const gateway = fakeGateway();
    gateway.enqueue(jsonResponse({}, 503));
    gateway.replyAlways(() => jsonResponse({ access_token: ISSUED_TOKEN, expires_in: 60 }));
    const manager = managerFor(gateway);
    const payloads: unknown[] = [];
    for (const event of TOKEN_MANAGER_EVENTS)
      manager.on(event, (payload) => payloads.push(payload));
    const pending = settle(manager.getToken());
    await vi.advanceTimersByTimeAsync(60_000);
    manager.invalidate(pending.value ?? '');

    expect(payloads.length).toBeGreaterThan(4);
    expectNoSecrets(payloads);
  });
});
