import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import {
  createTokenManager,
  IdsAuthBodyNotReplayableError,
  type TokenManager,
} from '@ids-auth/core';
import { createManualClock } from '@ids-auth/test-support/manual-clock';
import { type OtherOrigin, startOtherOrigin } from '@ids-auth/test-support/other-origin';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  headerValues,
  startTestGateway,
  type TestGateway,
} from '@ids-auth/test-support/policy-gateway';
import got from 'got';
import type { KyInstance } from 'ky';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { idsAuth } from '../src/index.js';
import { KY_VERSIONS } from './support/versions.js';

const ONE_MEGABYTE = 1024 * 1024;
const TOKEN_LIFETIME_SECONDS = 3600;
const TOKEN_LIFETIME_MS = TOKEN_LIFETIME_SECONDS * 1000;
// A fixed start keeps the manual clock's readings independent of today's date.
const CLOCK_START_MS = Date.UTC(2026, 0, 1);

for (const version of KY_VERSIONS) {
  const title = version.skipReason
    ? `${version.name} (skipped: ${version.skipReason})`
    : version.name;

  describe.skipIf(version.skipReason !== undefined)(title, () => {
    let ky: KyInstance;
    let gateway: TestGateway;
    let manager: TokenManager;

    beforeEach(async () => {
      ky = await version.load();
      gateway = await startTestGateway(TOKEN_LIFETIME_SECONDS);
      manager = createTokenManager({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: gateway.url,
      });
    });

    afterEach(async () => {
      await manager.close();
      await gateway.close();
    });

    /** Makes the manager's current token stale, as if another process had logged in. */
    const rejectCurrentToken = () => {
      gateway.policy = 'newest';
      gateway.tokens.push('token-of-another-process');
    };

    const bearerOf = (index: number) => {
      const request = gateway.requests[index];
      return request && headerValues(request, 'authorization');
    };

    test('reads token at send time', async () => {
      const api = ky.create(idsAuth(manager));

      await api.get(`${gateway.url}/first`);
      await manager.getToken({ forceRefresh: true });
      await api.get(`${gateway.url}/second`);

      expect(bearerOf(0)).toEqual([`Bearer ${gateway.tokens[0]}`]);
      expect(bearerOf(1)).toEqual([`Bearer ${gateway.tokens[1]}`]);
    });

    test('edits request headers in place', async () => {
      const [beforeRequest] = idsAuth(manager).hooks.beforeRequest;
      const request = new Request(`${gateway.url}/direct`, { headers: { 'X-InstAuth': 'v' } });
      const options = { context: {} };
      const args =
        version.major === 1
          ? [request, options, { retryCount: 0 }]
          : [{ request, options, retryCount: 0 }];

      const result = await beforeRequest(...args);

      expect(result).toBeUndefined();
      expect(request.headers.get('authorization')).toBe(`Bearer ${gateway.tokens[0]}`);
      expect(request.headers.has('x-instauth')).toBe(false);
    });

    test('rewrites x-instauth in any case', async () => {
      const api = ky.create(idsAuth(manager));

      await api.get(`${gateway.url}/legacy`, {
        headers: new Headers({ 'X-InstAuth': 'legacy-value', authorization: 'Bearer old-value' }),
      });

      const [request] = gateway.requests;
      expect(request && headerValues(request, 'x-instauth')).toEqual([]);
      expect(bearerOf(0)).toEqual([`Bearer ${gateway.tokens[0]}`]);
    });

    test('rewrite-only mode converts x-instauth', async () => {
      const rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {} });
      const api = ky.create(idsAuth(rewriteOnly));
      gateway.responder = (_request, response) => {
        response.end('{}');
        return true;
      };

      await api.get(`${gateway.url}/legacy`, { headers: { 'x-INSTAUTH': 'caller-token' } });

      const [request] = gateway.requests;
      expect(bearerOf(0)).toEqual(['Bearer caller-token']);
      expect(request && headerValues(request, 'x-instauth')).toEqual([]);
      expect(gateway.logins).toBe(0);
      await rewriteOnly.close();
    });

    test('rejects missing token in rewrite-only mode', async () => {
      const rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {} });
      let attempts = 0;
      const countAttempt = () => {
        attempts += 1;
      };
      const api = ky
        .create({ hooks: { beforeRequest: [countAttempt] } })
        .extend(idsAuth(rewriteOnly));

      const error = await api.get(`${gateway.url}/data`).then(
        () => undefined,
        (caught: unknown) => caught as { code?: string },
      );

      expect(error?.code).toBe('IDS_AUTH_MISSING_CREDENTIALS');
      expect(attempts).toBe(1);
      expect(gateway.requests).toHaveLength(0);
      await rewriteOnly.close();
    });

    test('login failure is not retried', async () => {
      const oneAttempt = createTokenManager({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: gateway.url,
        maxLoginAttempts: 1,
      });
      const api = ky.create(idsAuth(oneAttempt));
      gateway.loginStatus = 500;

      const error = await api.get(`${gateway.url}/data`).then(
        () => undefined,
        (caught: unknown) => caught as { code?: string },
      );

      expect(error?.code).toBe('IDS_AUTH_LOGIN_FAILED');
      expect(gateway.logins).toBe(1);
      expect(gateway.requests).toHaveLength(0);
      await oneAttempt.close();
    });

    test('leaves other origins untouched', async () => {
      const other = await startOtherOrigin();
      const api = ky.create(idsAuth(manager));

      await api.get(`${other.url}/elsewhere`, { headers: { 'x-instauth': 'caller-token' } });

      expect(other.received[0]?.authorization).toBeUndefined();
      expect(other.received[0]?.['x-instauth']).toBe('caller-token');
      expect(gateway.logins).toBe(0);
      await other.close();
    });

    test('sends bearer to extra origins', async () => {
      const other = await startOtherOrigin();
      const extra = createTokenManager({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: gateway.url,
        origins: [other.url],
      });
      const api = ky.create(idsAuth(extra));

      await api.get(`${other.url}/extra`);

      expect(other.received[0]?.authorization).toBe(`Bearer ${gateway.tokens[0]}`);
      await extra.close();
      await other.close();
    });

    test('leaves login request untouched', async () => {
      const api = ky.create(idsAuth(manager));

      await api.post(`${gateway.url}/ids/auth/login`, {
        headers: { authorization: 'Basic caller-value' },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });

      expect(gateway.logins).toBe(1);
      expect(gateway.loginAuthorizations).toEqual(['Basic caller-value']);
    });

    test('one login per 401 and retry', async () => {
      const api = ky.create(idsAuth(manager));
      const events: unknown[] = [];
      manager.on('request:authorized', (event) => events.push(event));
      await manager.getToken();
      rejectCurrentToken();

      const response = await api.get(`${gateway.url}/data`);

      expect(response.status).toBe(200);
      expect(gateway.logins).toBe(2);
      expect(gateway.requests).toHaveLength(2);
      expect(bearerOf(1)).toEqual([`Bearer ${gateway.tokens.at(-1)}`]);
      expect(events).toHaveLength(2);
      expectNoSecrets(events, gateway.tokens);
    });

    test('refreshes once for five concurrent 401s', async () => {
      const api = ky.create(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();

      const paths = ['/a', '/b', '/c', '/d', '/e'];
      const responses = await Promise.all(paths.map((path) => api.get(`${gateway.url}${path}`)));

      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      expect(gateway.logins).toBe(2);
      for (const path of paths) {
        expect(gateway.requests.filter((request) => request.path === path)).toHaveLength(2);
      }
    });

    test('parked requests share one login', async () => {
      const clock = createManualClock(CLOCK_START_MS);
      const timed = createTokenManager({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: gateway.url,
        clock,
      });
      const api = ky.create(idsAuth(timed));
      await timed.getToken();
      clock.advance(TOKEN_LIFETIME_MS);

      const calls = ['/a', '/b', '/c'].map((path) => api.get(`${gateway.url}${path}`));
      await Promise.all(calls);

      expect(gateway.logins).toBe(2);
      expect(gateway.requests).toHaveLength(3);
      for (const request of gateway.requests) {
        expect(headerValues(request, 'authorization')).toEqual([`Bearer ${gateway.tokens[1]}`]);
      }
      await timed.close();
    });

    test('user hook after ours sees final response', async () => {
      const statuses: number[] = [];
      const recordStatus = (...args: unknown[]) => {
        const response = (
          version.major === 1 ? args[2] : (args[0] as { response: unknown }).response
        ) as Response;
        statuses.push(response.status);
      };
      const api = ky.create(idsAuth(manager)).extend({ hooks: { afterResponse: [recordStatus] } });
      await manager.getToken();
      rejectCurrentToken();

      await api.get(`${gateway.url}/data`);

      expect(statuses).toEqual([200]);
    });

    test('revoked client gets one retry', async () => {
      const api = ky.create(idsAuth(manager));
      await manager.getToken();
      gateway.policy = 'none';

      const error = await api.get(`${gateway.url}/data`).then(
        () => undefined,
        (caught: unknown) => caught as { response?: Response },
      );

      expect(error?.response?.status).toBe(401);
      expect(gateway.requests).toHaveLength(2);
      expect(gateway.logins).toBe(2);
      expectNoSecrets(error, gateway.tokens);
    });

    test('timeout error hides token', async () => {
      // The server never responds to this path, so ky's timeout always fires first.
      gateway.responder = (request) => request.path === '/hang';
      const api = ky.create(idsAuth(manager));

      const error = await api.get(`${gateway.url}/hang`, { timeout: 50, retry: 0 }).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );

      expect(error?.name).toBe('TimeoutError');
      expect(gateway.tokens).toHaveLength(1);
      expectNoSecrets(error, gateway.tokens);
    });

    test('never refreshes twice per call', async () => {
      const api = ky.create(idsAuth(manager));
      await manager.getToken();
      gateway.policy = 'none';
      gateway.responder = (_request, response) => {
        if (gateway.requests.length !== 2) return false;

        // The retry after the refresh meets a 503, so ky retries once more on its own.
        response.statusCode = 503;
        response.setHeader('retry-after', '0');
        response.end('{}');
        return true;
      };

      const error = await api.get(`${gateway.url}/data`).then(
        () => undefined,
        (caught: unknown) => caught as { response?: Response },
      );

      expect(error?.response?.status).toBe(401);
      expect(gateway.requests).toHaveLength(3);
      expect(gateway.logins).toBe(2);
    });

    for (const status of [429, 503]) {
      test(`${status} retry carries a fresh token`, async () => {
        const clock = createManualClock(CLOCK_START_MS);
        const timed = createTokenManager({
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          baseUrl: gateway.url,
          clock,
        });
        const api = ky.create(idsAuth(timed));
        const events: unknown[] = [];
        timed.on('request:authorized', (event) => events.push(event));
        await timed.getToken();
        gateway.responder = (_request, response) => {
          if (gateway.requests.length > 1) return false;

          // The token expires while ky waits to retry.
          clock.advance(TOKEN_LIFETIME_MS);
          response.statusCode = status;
          response.setHeader('retry-after', '0');
          response.end('{}');
          return true;
        };

        const response = await api.get(`${gateway.url}/data`);

        expect(response.status).toBe(200);
        expect(gateway.logins).toBe(2);
        expect(bearerOf(1)).toEqual([`Bearer ${gateway.tokens[1]}`]);
        expect(events).toHaveLength(2);
        expectNoSecrets(events, gateway.tokens);
        await timed.close();
      });
    }

    test('replays 1 MB stream from ky clone', async () => {
      const api = ky.create(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();
      const body = Readable.from([Buffer.alloc(ONE_MEGABYTE)]);

      const response = await api.put(`${gateway.url}/media`, { body: body as unknown as Blob });

      expect(response.status).toBe(200);
      expect(gateway.requests.map((request) => request.bodyBytes)).toEqual([
        ONE_MEGABYTE,
        ONE_MEGABYTE,
      ]);
      expect(gateway.logins).toBe(2);
    });

    test('replays FormData body after 401', async () => {
      const api = ky.create(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();
      const form = new FormData();
      form.append('file', new Blob(['x'.repeat(1000)]), 'rows.csv');

      const response = await api.post(`${gateway.url}/form`, { body: form });

      expect(response.status).toBe(200);
      const [first, second] = gateway.requests;
      expect(second?.bodyBytes).toBe(first?.bodyBytes);
      expect(second && headerValues(second, 'content-type')).toEqual(
        first && headerValues(first, 'content-type'),
      );
    });

    test('replays JSON body without retries', async () => {
      const api = ky.create({ ...idsAuth(manager), retry: 0 });
      await manager.getToken();
      rejectCurrentToken();

      const response = await api.post(`${gateway.url}/upload`, { json: { rows: [1, 2, 3] } });

      expect(response.status).toBe(200);
      expect(gateway.requests.map((request) => request.bodyBytes)).toEqual([16, 16]);
    });

    test.skipIf(version.major === 1)('rejects stream without retries', async () => {
      const api = ky.create({ ...idsAuth(manager), retry: 0 });
      await manager.getToken();
      rejectCurrentToken();
      const body = Readable.from([Buffer.alloc(ONE_MEGABYTE)]);

      const url = `${gateway.url}/media?signature=query-value`;
      const error = await api.put(url, { body: body as unknown as Blob }).then(
        () => undefined,
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(IdsAuthBodyNotReplayableError);
      const typed = error as IdsAuthBodyNotReplayableError;
      expect(typed.code).toBe('IDS_AUTH_BODY_NOT_REPLAYABLE');
      expect((typed.response as Response).status).toBe(401);
      expect(typed.message).toContain(`${gateway.url}/media`);
      expect(typed.message).not.toContain('query-value');
      expect(gateway.requests).toHaveLength(1);
      expect(gateway.logins).toBe(2);
      expectNoSecrets(typed, gateway.tokens);

      const next = await api.get(`${gateway.url}/after`);
      expect(next.status).toBe(200);
      expect(gateway.logins).toBe(2);
    });

    describe('redirects', () => {
      let other: OtherOrigin;

      beforeEach(async () => {
        other = await startOtherOrigin();
        gateway.responder = (request, response) => {
          if (request.path === '/away') response.setHeader('location', `${other.url}/landing`);
          else if (request.path === '/here') response.setHeader('location', '/landing');
          else return false;
          response.statusCode = 302;
          response.end();
          return true;
        };
      });

      afterEach(async () => {
        await other.close();
      });

      test('cross-origin redirect drops credentials', async () => {
        const api = ky.create(idsAuth(manager));

        await api.get(`${gateway.url}/away`, { headers: { 'X-InstAuth': 'legacy-value' } });

        expect(other.received).toHaveLength(1);
        expect(other.received[0]?.authorization).toBeUndefined();
        expect(other.received[0]?.['x-instauth']).toBeUndefined();
      });

      test('cross-origin redirect drops rewritten token', async () => {
        const rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {} });
        const api = ky.create(idsAuth(rewriteOnly));

        await api.get(`${gateway.url}/away`, { headers: { 'x-instauth': 'caller-token' } });

        expect(other.received[0]?.authorization).toBeUndefined();
        expect(other.received[0]?.['x-instauth']).toBeUndefined();
        await rewriteOnly.close();
      });

      test('keeps token after cross-origin 401', async () => {
        const rejecting = await startOtherOrigin(undefined, 401);
        gateway.responder = (request, response) => {
          if (request.path !== '/away') return false;
          response.statusCode = 302;
          response.setHeader('location', `${rejecting.url}/landing`);
          response.end();
          return true;
        };
        const api = ky.create(idsAuth(manager));
        const token = await manager.getToken();

        const first = await api.get(`${gateway.url}/away`, { throwHttpErrors: false });
        const second = await api.get(`${gateway.url}/away`, { throwHttpErrors: false });
        await rejecting.close();

        expect(first.status).toBe(401);
        expect(second.status).toBe(401);
        expect(rejecting.received).toHaveLength(2);
        expect(rejecting.received[0]?.authorization).toBeUndefined();
        expect(gateway.requests).toHaveLength(2);
        expect(gateway.logins).toBe(1);
        expect(await manager.getToken()).toBe(token);
      });

      test('same-origin redirect keeps bearer', async () => {
        const api = ky.create(idsAuth(manager));

        const response = await api.get(`${gateway.url}/here`);

        expect(response.status).toBe(200);
        const landing = gateway.requests.find((request) => request.path === '/landing');
        expect(landing && headerValues(landing, 'authorization')).toEqual([
          `Bearer ${gateway.tokens[0]}`,
        ]);
      });
    });

    test('shares one login with got', async () => {
      const api = ky.create(idsAuth(manager));
      const { idsAuth: gotIdsAuth } = await import('@ids-auth/got');
      const client = got.extend(gotIdsAuth(manager));

      await Promise.all([api.get(`${gateway.url}/ky`), client.get(`${gateway.url}/got`)]);

      expect(gateway.logins).toBe(1);
      expect(bearerOf(0)).toEqual(bearerOf(1));
    });

    test('10,000 extends leave hooks unchanged', async () => {
      let userHookCalls = 0;
      const countCall = () => {
        userHookCalls += 1;
      };
      const userHooks = { afterResponse: [countCall] };
      const base = ky.create({ hooks: userHooks });

      let api = base;
      for (let index = 0; index < 10_000; index += 1) api = base.extend(idsAuth(manager));
      await api.get(`${gateway.url}/data`);

      expect(userHooks.afterResponse).toHaveLength(1);
      expect(userHookCalls).toBe(1);
      expect(gateway.requests).toHaveLength(1);
      expect(bearerOf(0)).toEqual([`Bearer ${gateway.tokens[0]}`]);
    });
  });
}

function expectNoSecrets(value: unknown, tokens: string[]): void {
  const texts = [inspect(value, { depth: 5 }), JSON.stringify(value)];
  for (const text of texts) {
    expect(text).not.toContain(CLIENT_SECRET);
    for (const token of tokens) expect(text).not.toContain(token);
  }
}
