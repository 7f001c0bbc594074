import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_LOGIN_RESPONSE_BYTES } from '../src/bounded-body.js';
import { ErrorCode, type TokenManagerEvents } from '../src/index.js';
import { createFakeGateway, jsonResponse, makeJwt, tokenResponse } from './helpers/fake-gateway.js';
import { managerFor } from './helpers/manager.js';

const START_MS = Date.UTC(2026, 0, 1);
const NOW_S = START_MS / 1000;
const GOOD_JWT = makeJwt({ iat: NOW_S, exp: NOW_S + 3600 });
const HOUR_MS = 3_600_000;
const NO_IAT_JWT = makeJwt({ exp: NOW_S + 3600 });
/** The largest expires_in whose milliseconds are still a safe integer. */
const MAX_EXPIRES_IN_S = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});

afterEach(() => {
  vi.useRealTimers();
});

function answer(fields: Record<string, unknown>) {
  return jsonResponse({
    access_token: GOOD_JWT,
    expires_in: 3600,
    scope: 'urn:dap',
    token_type: 'bearer',
    ...fields,
  });
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('invalid login answers', () => {
  const cases: [string, () => Response][] = [
    [
      'HTML body',
      () => new Response('<html>oops</html>', { headers: { 'content-type': 'text/html' } }),
    ],
    ['empty body', () => new Response('')],
    ['JSON array', () => jsonResponse([GOOD_JWT])],
    ['JSON null', () => jsonResponse(null)],
    ['missing access_token', () => answer({ access_token: undefined })],
    ['numeric access_token', () => answer({ access_token: 42 })],
    ['empty access_token', () => answer({ access_token: '' })],
    ['two-part token', () => answer({ access_token: 'abc.def' })],
    ['four-part token', () => answer({ access_token: `${GOOD_JWT}.x` })],
    ['opaque token', () => answer({ access_token: 'opaque-token-value' })],
    ['non-base64url token', () => answer({ access_token: 'a+b.c/d.e' })],
    ['payload not JSON', () => answer({ access_token: `${encode({})}.bm90IGpzb24.sig` })],
    [
      'header not JSON',
      () => answer({ access_token: `bm90IGpzb24.${encode({ exp: NOW_S + 60 })}.sig` }),
    ],
    ['JWT without exp', () => answer({ access_token: makeJwt({ iat: NOW_S }) })],
    ['string exp', () => answer({ access_token: makeJwt({ exp: String(NOW_S + 60) }) })],
    ['exp before iat', () => answer({ access_token: makeJwt({ iat: NOW_S, exp: NOW_S - 1 }) })],
    ['missing expires_in', () => answer({ expires_in: undefined })],
    ['string expires_in', () => answer({ expires_in: '3600' })],
    ['fractional expires_in', () => answer({ expires_in: 3599.5 })],
    ['zero expires_in', () => answer({ expires_in: 0 })],
    ['negative expires_in', () => answer({ expires_in: -5 })],
    ['infinite lifetime', () => answer({ access_token: NO_IAT_JWT, expires_in: 1e308 })],
    [
      'lifetime past safe milliseconds',
      () => answer({ access_token: NO_IAT_JWT, expires_in: MAX_EXPIRES_IN_S + 1 }),
    ],
    ['numeric scope', () => answer({ scope: 7 })],
    ['mac token_type', () => answer({ token_type: 'mac' })],
    ['numeric token_type', () => answer({ token_type: 1 })],
  ];

  for (const [name, respond] of cases) {
    it(`rejects ${name}`, async () => {
      const gateway = createFakeGateway();
      gateway.enqueue(respond());
      const manager = managerFor(gateway);

      await expect(manager.getToken()).rejects.toMatchObject({
        code: ErrorCode.INVALID_RESPONSE,
        name: 'IdsAuthLoginError',
      });
      expect(gateway.logins).toBe(1);
    });
  }

  it('accepts the largest safe expires_in', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(answer({ access_token: NO_IAT_JWT, expires_in: MAX_EXPIRES_IN_S }));
    const record = await managerFor(gateway).getTokenRecord();

    expect(record.expiresAtMs).toBe(START_MS + MAX_EXPIRES_IN_S * 1000);
  });

  it('accepts the documented four fields', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(answer({}));
    const record = await managerFor(gateway).getTokenRecord();

    expect(record).toEqual({
      accessToken: GOOD_JWT,
      tokenType: 'bearer',
      scope: 'urn:dap',
      obtainedAtMs: START_MS,
      expiresAtMs: START_MS + HOUR_MS,
    });
  });
});

describe('token lifetime', () => {
  it('uses expires_in from the local arrival time', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(answer({ expires_in: 3599, access_token: makeJwt({ exp: NOW_S + 3599 }) }));
    const record = await managerFor(gateway).getTokenRecord();

    expect(record.expiresAtMs).toBe(START_MS + 3_599_000);
  });

  it('caps the lifetime at exp minus iat', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(
      answer({ expires_in: 3600, access_token: makeJwt({ iat: NOW_S, exp: NOW_S + 600 }) }),
    );
    const record = await managerFor(gateway).getTokenRecord();

    expect(record.expiresAtMs).toBe(START_MS + 600_000);
  });

  for (const offsetMs of [HOUR_MS, -HOUR_MS]) {
    it(`ignores a gateway clock ${offsetMs > 0 ? 'ahead' : 'behind'} by an hour`, async () => {
      const gateway = createFakeGateway();
      gateway.replyAlways(() => tokenResponse(3600, offsetMs));
      const manager = managerFor(gateway);
      const skews: TokenManagerEvents['clock:skew'][] = [];
      manager.on('clock:skew', (payload) => skews.push(payload));
      const record = await manager.getTokenRecord();

      expect(record.expiresAtMs).toBe(START_MS + HOUR_MS);
      await vi.advanceTimersByTimeAsync(HOUR_MS - 5 * 60_000 - 1);
      await manager.getToken();
      expect(gateway.logins).toBe(1);
      expect(skews).toEqual([{ skewMs: offsetMs }]);
    });
  }

  it('reports skew only beyond one minute', async () => {
    for (const [offsetMs, reported] of [
      [59_000, false],
      [60_000, false],
      [61_000, true],
      [-61_000, true],
    ] as const) {
      const gateway = createFakeGateway();
      gateway.enqueue(tokenResponse(3600, offsetMs));
      const manager = managerFor(gateway);
      const skews: unknown[] = [];
      manager.on('clock:skew', (payload) => skews.push(payload));
      await manager.getToken();

      expect(skews.length, `offset ${offsetMs}`).toBe(reported ? 1 : 0);
    }
  });
});

describe('login response size', () => {
  const body = JSON.stringify({ access_token: GOOD_JWT, expires_in: 3600, token_type: 'bearer' });
  const padded = (bytes: number) => new Response(body.padEnd(bytes, ' '));

  for (const bytes of [MAX_LOGIN_RESPONSE_BYTES - 1, MAX_LOGIN_RESPONSE_BYTES]) {
    it(`accepts a ${bytes}-byte body`, async () => {
      const gateway = createFakeGateway();
      gateway.enqueue(padded(bytes));

      await expect(managerFor(gateway).getToken()).resolves.toBe(GOOD_JWT);
    });
  }

  it('rejects a body one byte over', async () => {
    const gateway = createFakeGateway();
    gateway.enqueue(padded(MAX_LOGIN_RESPONSE_BYTES + 1));

    await expect(managerFor(gateway).getToken()).rejects.toMatchObject({
      code: ErrorCode.INVALID_RESPONSE,
    });
    expect(gateway.logins).toBe(1);
  });

  it('stops reading an endless body', async () => {
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(chunk);
      },
    });
    const gateway = createFakeGateway();
    gateway.enqueue(new Response(endless));

    await expect(managerFor(gateway).getToken()).rejects.toMatchObject({
      code: ErrorCode.INVALID_RESPONSE,
    });
    expect(pulls).toBeLessThan(10);
  });
});
