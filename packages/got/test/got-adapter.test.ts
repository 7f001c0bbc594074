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
import FormDataPackage from 'form-data';
import type { Got } from 'got';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { idsAuth, RETRIED_CONTEXT_KEY } from '../src/index.js';
import { GOT_VERSIONS } from './support/versions.js';

/** Error of a rejected got call, with `code` and `cause` from got's `RequestError`. */
type CaughtError = Error & { code?: string; cause?: unknown };

const ONE_MEGABYTE = 1024 * 1024;
const TOKEN_LIFETIME_SECONDS = 3600;
const TOKEN_LIFETIME_MS = TOKEN_LIFETIME_SECONDS * 1000;
// A fixed start keeps the manual clock's readings independent of today's date.
const CLOCK_START_MS = Date.UTC(2026, 0, 1);

for (const version of GOT_VERSIONS) {
  const title = version.skipReason
    ? `${version.name} (skipped: ${version.skipReason})`
    : version.name;

  describe.skipIf(version.skipReason !== undefined)(title, () => {
    let got: Got;
    let gateway: TestGateway;
    let manager: TokenManager;

    beforeEach(async () => {
      got = await version.load();
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

    test('reads token at send time', async () => {
      const client = got.extend(idsAuth(manager));

      await client.get(`${gateway.url}/first`);
      await manager.getToken({ forceRefresh: true });
      await client.get(`${gateway.url}/second`);

      const sent = gateway.requests.map((request) => headerValues(request, 'authorization'));
      expect(sent).toEqual([[`Bearer ${gateway.tokens[0]}`], [`Bearer ${gateway.tokens[1]}`]]);
    });

    test('rewrites x-instauth in any case', async () => {
      const client = got.extend(idsAuth(manager));

      await client.get(`${gateway.url}/legacy`, {
        headers: { 'X-InstAuth': 'legacy-value', authorization: 'Bearer old-value' },
      });

      const [request] = gateway.requests;
      expect(request && headerValues(request, 'x-instauth')).toEqual([]);
      expect(request && headerValues(request, 'authorization')).toEqual([
        `Bearer ${gateway.tokens[0]}`,
      ]);
    });

    test('rewrite-only mode converts x-instauth', async () => {
      const rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {} });
      const client = got.extend(idsAuth(rewriteOnly));
      gateway.responder = (_request, response) => {
        response.end('{}');
        return true;
      };

      await client.get(`${gateway.url}/legacy`, { headers: { 'x-INSTAUTH': 'caller-token' } });

      const [request] = gateway.requests;
      expect(request && headerValues(request, 'authorization')).toEqual(['Bearer caller-token']);
      expect(request && headerValues(request, 'x-instauth')).toEqual([]);
      expect(gateway.logins).toBe(0);
      await rewriteOnly.close();
    });

    test('login failure is not retried', async () => {
      const oneAttempt = createTokenManager({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: gateway.url,
        maxLoginAttempts: 1,
      });
      const client = got.extend(idsAuth(oneAttempt));
      gateway.loginStatus = 500;

      const error = await client.get(`${gateway.url}/data`).then(
        () => undefined,
        (caught: unknown) => caught as CaughtError,
      );

      expect(error?.code).toBe('IDS_AUTH_LOGIN_FAILED');
      expect(gateway.logins).toBe(1);
      expect(gateway.requests).toHaveLength(0);
      await oneAttempt.close();
    });

    test('leaves other origins untouched', async () => {
      const other = await startOtherOrigin();
      const client = got.extend(idsAuth(manager));

      await client.get(`${other.url}/elsewhere`, { headers: { 'x-instauth': 'caller-token' } });

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
      const client = got.extend(idsAuth(extra));

      await client.get(`${other.url}/extra`);

      expect(other.received[0]?.authorization).toBe(`Bearer ${gateway.tokens[0]}`);
      await extra.close();
      await other.close();
    });

    test('leaves login request untouched', async () => {
      const client = got.extend(idsAuth(manager));

      await client.post(`${gateway.url}/ids/auth/login`, {
        headers: { authorization: 'Basic caller-value' },
        form: { grant_type: 'client_credentials' },
      });

      expect(gateway.logins).toBe(1);
      expect(gateway.loginAuthorizations).toEqual(['Basic caller-value']);
    });

    test('refreshes once for five concurrent 401s', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();

      const paths = ['/a', '/b', '/c', '/d', '/e'];
      const responses = await Promise.all(paths.map((path) => client.get(`${gateway.url}${path}`)));

      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(gateway.logins).toBe(2);
      for (const path of paths) {
        const attempts = gateway.requests.filter((request) => request.path === path);
        expect(attempts).toHaveLength(2);
        expect(attempts[1] && headerValues(attempts[1], 'authorization')).toEqual([
          `Bearer ${gateway.tokens.at(-1)}`,
        ]);
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
      const client = got.extend(idsAuth(timed));
      await timed.getToken();
      clock.advance(TOKEN_LIFETIME_MS);

      const calls = ['/a', '/b', '/c'].map((path) => client.get(`${gateway.url}${path}`));
      await Promise.all(calls);

      expect(gateway.logins).toBe(2);
      expect(gateway.requests).toHaveLength(3);
      for (const request of gateway.requests) {
        expect(headerValues(request, 'authorization')).toEqual([`Bearer ${gateway.tokens[1]}`]);
      }
      await timed.close();
    });

    test('stream API gets the bearer', async () => {
      const client = got.extend(idsAuth(manager));

      const body = await new Promise<string>((resolve, reject) => {
        let text = '';
        client
          .stream(`${gateway.url}/streamed`)
          .on('data', (chunk: Buffer) => {
            text += chunk.toString();
          })
          .on('end', () => resolve(text))
          .on('error', reject);
      });

      expect(JSON.parse(body)).toMatchObject({ path: '/streamed' });
      expect(gateway.requests[0] && headerValues(gateway.requests[0], 'authorization')).toEqual([
        `Bearer ${gateway.tokens[0]}`,
      ]);
    });

    test('retry carries header in merged options', async () => {
      const retryHeaders: unknown[] = [];
      const statusesSeenAfterOurs: number[] = [];
      const client = got.extend(idsAuth(manager), {
        hooks: {
          beforeRetry: [(error) => void retryHeaders.push(error.options.headers.authorization)],
          afterResponse: [
            (response) => {
              statusesSeenAfterOurs.push(response.statusCode);
              return response;
            },
          ],
        },
      });
      await manager.getToken();
      rejectCurrentToken();

      const response = await client.get(`${gateway.url}/data`);

      const newToken = gateway.tokens.at(-1);
      expect(response.statusCode).toBe(200);
      expect(retryHeaders).toEqual([`Bearer ${newToken}`]);
      expect(response.request.options.headers.authorization).toBe(`Bearer ${newToken}`);
      expect(response.request.options.context[RETRIED_CONTEXT_KEY]).toBe(true);
      expect(statusesSeenAfterOurs).toEqual([200]);
    });

    test('stream 401 refreshes for next request', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();

      const status = await new Promise<number | undefined>((resolve) => {
        const stream = client.stream(`${gateway.url}/streamed`);
        stream.on('error', (error: { response?: { statusCode: number } }) =>
          resolve(error.response?.statusCode),
        );
        stream.resume();
      });
      const next = await client.get(`${gateway.url}/next`);

      expect(status).toBe(401);
      expect(next.statusCode).toBe(200);
      expect(gateway.requests).toHaveLength(2);
      expect(gateway.logins).toBe(2);
      const second = gateway.requests[1];
      expect(second && headerValues(second, 'authorization')).toEqual([
        `Bearer ${gateway.tokens.at(-1)}`,
      ]);
    });

    test('abort error hides token', async () => {
      const controller = new AbortController();
      // The server keeps the request open and aborts it once it has arrived with the token.
      gateway.responder = (request) => {
        if (request.path !== '/hang') return false;
        controller.abort();
        return true;
      };
      const client = got.extend(idsAuth(manager));

      const error = await client
        .get(`${gateway.url}/hang`, { signal: controller.signal, retry: { limit: 0 } })
        .catch((caught: unknown) => caught as Error);

      expect(error).toMatchObject({ code: 'ERR_ABORTED' });
      expect(gateway.requests).toHaveLength(1);
      expect(gateway.tokens).toHaveLength(1);
      expectNoSecrets(error, gateway.tokens);
    });

    test('shared signal gets one listener', async () => {
      const controller = new AbortController();
      const client = got.extend(idsAuth(manager));
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);

      for (let index = 0; index < 20; index += 1) {
        await client.get(`${gateway.url}/data`, { signal: controller.signal });
      }
      await new Promise((resolve) => setImmediate(resolve));
      process.off('warning', onWarning);

      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    });

    test('revoked client gets one retry', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      gateway.policy = 'none';

      const error = await client.get(`${gateway.url}/data`).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ response: { statusCode: 401 } });
      expect(gateway.requests).toHaveLength(2);
      expect(gateway.logins).toBe(2);
      expectNoSecrets(error, gateway.tokens);
    });

    test('got retries carry a fresh token', async () => {
      const clock = createManualClock(CLOCK_START_MS);
      const timed = createTokenManager({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: gateway.url,
        clock,
      });
      const client = got.extend(idsAuth(timed), { retry: { limit: 1, backoffLimit: 1, noise: 0 } });
      const events: unknown[] = [];
      timed.on('request:authorized', (event) => events.push(event));
      await timed.getToken();
      gateway.responder = (_request, response) => {
        if (gateway.requests.length > 1) return false;

        // The token expires while got waits to retry.
        clock.advance(TOKEN_LIFETIME_MS);
        response.statusCode = 503;
        response.setHeader('retry-after', '0');
        response.end('{}');
        return true;
      };

      const response = await client.get(`${gateway.url}/data`);

      expect(response.statusCode).toBe(200);
      expect(gateway.logins).toBe(2);
      expect(gateway.requests[1] && headerValues(gateway.requests[1], 'authorization')).toEqual([
        `Bearer ${gateway.tokens[1]}`,
      ]);
      expect(events).toHaveLength(2);
      expectNoSecrets(events, gateway.tokens);
      await timed.close();
    });

    const replayableBodies = [
      { kind: 'json', options: { json: { rows: [1, 2, 3] } }, bytes: 16 },
      { kind: 'string', options: { body: 'rows=1,2,3' }, bytes: 10 },
      { kind: 'Buffer', options: { body: Buffer.alloc(64) }, bytes: 64 },
      { kind: 'form', options: { form: { rows: '1,2,3' } }, bytes: 14 },
    ];
    for (const { kind, options, bytes } of replayableBodies) {
      test(`replays ${kind} body after 401`, async () => {
        const client = got.extend(idsAuth(manager));
        await manager.getToken();
        rejectCurrentToken();

        const response = await client.post(`${gateway.url}/upload`, options);

        expect(response.statusCode).toBe(200);
        expect(gateway.requests.map((request) => request.bodyBytes)).toEqual([bytes, bytes]);
      });
    }

    test('rejects missing token in rewrite-only mode', async () => {
      const rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {} });
      const client = got.extend(idsAuth(rewriteOnly));

      const error = await client.get(`${gateway.url}/data`).then(
        () => undefined,
        (caught: unknown) => caught as CaughtError,
      );

      expect(error?.code).toBe('IDS_AUTH_MISSING_CREDENTIALS');
      expect(gateway.requests).toHaveLength(0);
      await rewriteOnly.close();
    });

    test('rejects 1 MB stream on 401', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();
      const body = Readable.from([Buffer.alloc(ONE_MEGABYTE)]);

      const url = `${gateway.url}/media?signature=query-value`;
      const error = await client.put(url, { body }).then(
        () => undefined,
        (caught: unknown) => caught as CaughtError,
      );

      expect(error?.code).toBe('IDS_AUTH_BODY_NOT_REPLAYABLE');
      expect(error?.cause).toBeInstanceOf(IdsAuthBodyNotReplayableError);
      const cause = error?.cause as IdsAuthBodyNotReplayableError;
      expect(cause.response).toMatchObject({ statusCode: 401 });
      expect(cause.message).toContain(`${gateway.url}/media`);
      expect(cause.message).not.toContain('query-value');
      expect(gateway.requests.map((request) => request.bodyBytes)).toEqual([ONE_MEGABYTE]);
      expect(gateway.logins).toBe(2);
      expectNoSecrets(error, gateway.tokens);

      const next = await client.get(`${gateway.url}/after`);
      expect(next.statusCode).toBe(200);
      expect(gateway.logins).toBe(2);
    });

    test('rejects web stream on 401', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();
      const body = new Blob([new Uint8Array(ONE_MEGABYTE)]).stream();

      const error = await client.put(`${gateway.url}/media`, { body }).then(
        () => undefined,
        (caught: unknown) => caught as CaughtError,
      );

      expect(error?.code).toBe('IDS_AUTH_BODY_NOT_REPLAYABLE');
      expect(gateway.requests.map((request) => request.bodyBytes)).toEqual([ONE_MEGABYTE]);
      expect(gateway.logins).toBe(2);
    });

    test('rejects FormData body on 401', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();
      const form = new FormData();
      form.append('file', new Blob(['x'.repeat(1000)]), 'rows.csv');

      const error = await client.post(`${gateway.url}/form`, { body: form }).then(
        () => undefined,
        (caught: unknown) => caught as CaughtError,
      );

      expect(error?.code).toBe('IDS_AUTH_BODY_NOT_REPLAYABLE');
      expect(gateway.requests).toHaveLength(1);
      expect(gateway.logins).toBe(2);
    });

    // got 16 fails with a TypeError on a `form-data` package body before sending anything.
    test.skipIf(version.name === 'got 16')('rejects form-data package body on 401', async () => {
      const client = got.extend(idsAuth(manager));
      await manager.getToken();
      rejectCurrentToken();
      const form = new FormDataPackage();
      form.append('file', 'x'.repeat(1000));

      const error = await client.post(`${gateway.url}/form`, { body: form }).then(
        () => undefined,
        (caught: unknown) => caught as CaughtError,
      );

      expect(error?.code).toBe('IDS_AUTH_BODY_NOT_REPLAYABLE');
      expect(gateway.requests).toHaveLength(1);
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
        const client = got.extend(idsAuth(manager));

        await client.get(`${gateway.url}/away`, { headers: { 'X-InstAuth': 'legacy-value' } });

        expect(other.received).toHaveLength(1);
        expect(other.received[0]?.authorization).toBeUndefined();
        expect(other.received[0]?.['x-instauth']).toBeUndefined();
      });

      test('cross-origin redirect drops rewritten token', async () => {
        const rewriteOnly = createTokenManager({ baseUrl: gateway.url, env: {} });
        const client = got.extend(idsAuth(rewriteOnly));

        await client.get(`${gateway.url}/away`, { headers: { 'x-instauth': 'caller-token' } });

        expect(other.received[0]?.authorization).toBeUndefined();
        expect(other.received[0]?.['x-instauth']).toBeUndefined();
        await rewriteOnly.close();
      });

      test('redirect between other origins drops x-instauth', async () => {
        const first = await startOtherOrigin(`${other.url}/landing`);
        const client = got.extend(idsAuth(manager));

        await client.get(`${first.url}/start`, { headers: { 'x-instauth': 'caller-token' } });

        expect(first.received[0]?.['x-instauth']).toBe('caller-token');
        expect(other.received[0]?.['x-instauth']).toBeUndefined();
        await first.close();
      });

      test('same-origin redirect keeps bearer', async () => {
        const client = got.extend(idsAuth(manager));

        const response = await client.get(`${gateway.url}/here`);

        expect(response.statusCode).toBe(200);
        const landing = gateway.requests.find((request) => request.path === '/landing');
        expect(landing && headerValues(landing, 'authorization')).toEqual([
          `Bearer ${gateway.tokens[0]}`,
        ]);
      });
    });

    test('10,000 extends leave hooks unchanged', () => {
      const base = got.extend({ hooks: { afterResponse: [(response) => response] } });
      const hookCounts = () =>
        Object.values(base.defaults.options.hooks).map((hooks) => (hooks as unknown[]).length);
      const before = hookCounts();

      const counts = new Set<string>();
      for (let index = 0; index < 10_000; index += 1) {
        const { hooks } = base.extend(idsAuth(manager)).defaults.options;
        counts.add(`${hooks.beforeRequest.length}/${hooks.afterResponse.length}`);
      }

      expect(hookCounts()).toEqual(before);
      expect([...counts]).toEqual(['1/2']);
    });
  });
}

function expectNoSecrets(value: unknown, tokens: string[]): void {
  const texts = [inspect(value, { depth: 5, showHidden: false }), JSON.stringify(value)];
  for (const text of texts) {
    expect(text).not.toContain(CLIENT_SECRET);
    for (const token of tokens) expect(text).not.toContain(token);
  }
}
