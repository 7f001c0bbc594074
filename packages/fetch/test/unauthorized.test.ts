import { inspect } from 'node:util';
import { isIdsAuthError, type TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { CLIENT_SECRET, createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { byteStream } from './support/byte-stream.js';

const PARALLEL_REQUESTS = 5;
const UPLOAD_BYTES = 1024 * 1024;

describe('withIdsAuth(fetch) after a 401', () => {
  let gateway: TestGateway;
  let manager: TokenManager;

  beforeEach(async () => {
    gateway = await startTestGateway();
    manager = createManager(gateway);
  });

  afterEach(async () => {
    await manager.close();
    await gateway.close();
  });

  it('refreshes once for concurrent 401s', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    const oldToken = await manager.getToken();
    gateway.revoked.add(oldToken);
    // Hold the refresh login until every request has had its 401.
    gateway.loginGate = () => waitFor(() => gateway.requests.length >= PARALLEL_REQUESTS);

    const responses = await Promise.all(
      Array.from({ length: PARALLEL_REQUESTS }, (_, i) =>
        authedFetch(`${gateway.url}/dap/job/${i}`),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(PARALLEL_REQUESTS).fill(200));
    expect(gateway.logins()).toBe(2);
    const newToken = await manager.getToken();
    for (let i = 0; i < PARALLEL_REQUESTS; i += 1) {
      const attempts = gateway.requests.filter((r) => r.path === `/dap/job/${i}`);
      expect(attempts.map((r) => r.authorization)).toEqual([
        [`Bearer ${oldToken}`],
        [`Bearer ${newToken}`],
      ]);
    }
  });

  it('stops waiting for refresh on abort', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.revoked.add(await manager.getToken());
    let releaseLogin = () => {};
    gateway.loginGate = () => new Promise<void>((resolve) => (releaseLogin = resolve));
    const controller = new AbortController();

    const pending = authedFetch(`${gateway.url}/dap/job/1`, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    await waitFor(() => gateway.logins() === 2);
    controller.abort();
    const error = await pending;
    releaseLogin();

    expect(isIdsAuthError(error, 'IDS_AUTH_ABORTED')).toBe(true);
    expect(gateway.requests).toHaveLength(1);
  });

  it('returns second 401 to caller', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    await manager.getToken();
    gateway.accept = 'none';

    const response = await authedFetch(`${gateway.url}/dap/query/canvas/table`);

    expect(response.status).toBe(401);
    expect(gateway.requests).toHaveLength(2);
    expect(gateway.logins()).toBe(2);
  });

  it('retries string body from init', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.revoked.add(await manager.getToken());

    const body = JSON.stringify({ objects: [{ id: 'a' }] });

    const response = await authedFetch(`${gateway.url}/dap/object/url`, { method: 'POST', body });

    expect(response.status).toBe(200);
    expect(gateway.requests.map((r) => r.bodyBytes)).toEqual([body.length, body.length]);
  });

  it.each([
    ['ArrayBuffer', () => new TextEncoder().encode('a=1&b=2').buffer],
    ['Uint8Array', () => new TextEncoder().encode('a=1&b=2')],
    ['Blob', () => new Blob(['a=1&b=2'])],
    ['URLSearchParams', () => new URLSearchParams({ a: '1', b: '2' })],
  ])('retries %s body from init', async (_name, makeBody) => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.revoked.add(await manager.getToken());

    const response = await authedFetch(`${gateway.url}/form`, { method: 'POST', body: makeBody() });

    expect(response.status).toBe(200);
    expect(gateway.requests.map((r) => r.bodyBytes)).toEqual([7, 7]);
  });

  it('retries FormData body from init', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.revoked.add(await manager.getToken());
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(1000)]), 'upload.bin');

    const response = await authedFetch(`${gateway.url}/form`, { method: 'POST', body: form });

    expect(response.status).toBe(200);
    const [first, second] = gateway.requests.map((r) => r.bodyBytes);
    expect(first).toBeGreaterThan(1000);
    expect(second).toBe(first);
  });

  it('retries Request body from a copy', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    gateway.revoked.add(await manager.getToken());
    const request = new Request(`${gateway.url}/upload`, {
      method: 'PUT',
      body: byteStream(UPLOAD_BYTES),
      duplex: 'half',
    } as RequestInit);

    const response = await authedFetch(request);

    expect(response.status).toBe(200);
    expect(gateway.requests.map((r) => r.bodyBytes)).toEqual([UPLOAD_BYTES, UPLOAD_BYTES]);
  });

  it('rejects streamed init body after 401', async () => {
    const authedFetch = withIdsAuth(fetch, manager);
    const oldToken = await manager.getToken();
    gateway.revoked.add(oldToken);

    const error = await authedFetch(`${gateway.url}/upload?signature=query-secret`, {
      method: 'PUT',
      body: byteStream(UPLOAD_BYTES),
      duplex: 'half',
    } as RequestInit).catch((e: unknown) => e);

    expect(isIdsAuthError(error, 'IDS_AUTH_BODY_NOT_REPLAYABLE')).toBe(true);
    expect((error as Error).message).toContain(`PUT ${gateway.url}/upload got 401`);
    expect((error as Error).message).not.toContain('query-secret');
    expect((error as { response: Response }).response.status).toBe(401);
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]?.bodyBytes).toBe(UPLOAD_BYTES);
    const next = await authedFetch(`${gateway.url}/dap/job/1`);
    expect(next.status).toBe(200);
    expect(gateway.logins()).toBe(2);
    expect(gateway.requests[1]?.authorization).not.toEqual([`Bearer ${oldToken}`]);
    for (const text of [inspect(error, { depth: 5 }), JSON.stringify(error), String(error)]) {
      expect(text).not.toContain(oldToken);
      expect(text).not.toContain(CLIENT_SECRET);
    }
  });
});

/** Resolves once `condition` holds, polling on the event loop rather than a timer. */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
