import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { isIdsAuthError, type TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { CLIENT_SECRET, createManager } from '@ids-auth/test-support/scripted-manager';
import FormData from 'form-data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

const UPLOAD_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

function megabyteStream(): Readable {
  return Readable.from(
    Array.from({ length: UPLOAD_BYTES / CHUNK_BYTES }, () => Buffer.alloc(CHUNK_BYTES, 1)),
  );
}

// Node streams go through the http adapter. The fetch adapter gets a web ReadableStream in the
// tests further down.
const HTTP_VARIANTS = AXIOS_VARIANTS.filter((variant) => variant.name.includes('http'));

describe.each(HTTP_VARIANTS)('$name', (variant) => {
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

  it('rejects streamed body after 401', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    const oldToken = await manager.getToken();
    gateway.revoked.add(oldToken);

    const error = await api
      .put('/upload?signature=query-secret', megabyteStream(), {
        headers: { 'Content-Type': 'application/octet-stream' },
      })
      .catch((e: unknown) => e);

    expect(isIdsAuthError(error, 'IDS_AUTH_BODY_NOT_REPLAYABLE')).toBe(true);
    expect((error as Error).message).toContain(`PUT ${gateway.url}/upload got 401`);
    expect((error as Error).message).not.toContain('query-secret');
    expect((error as { response: { status: number } }).response.status).toBe(401);
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]?.bodyBytes).toBe(UPLOAD_BYTES);
    const next = await api.get('/dap/job/1');
    expect(next.status).toBe(200);
    expect(gateway.logins()).toBe(2);
    expect(gateway.requests[1]?.authorization).not.toEqual([`Bearer ${oldToken}`]);
    for (const text of [inspect(error, { depth: 5 }), JSON.stringify(error), String(error)]) {
      expect(text).not.toContain(oldToken);
      expect(text).not.toContain(CLIENT_SECRET);
    }
  });

  it('rejects form-data body after 401', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.revoked.add(await manager.getToken());
    const form = new FormData();
    form.append('file', megabyteStream(), { filename: 'upload.bin' });

    const error = await api.post('/upload', form).catch((e: unknown) => e);

    expect(isIdsAuthError(error, 'IDS_AUTH_BODY_NOT_REPLAYABLE')).toBe(true);
    expect(gateway.requests).toHaveLength(1);
  });

  it('retries buffer body after 401', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.revoked.add(await manager.getToken());

    const response = await api.put('/upload', Buffer.alloc(UPLOAD_BYTES, 1));

    expect(response.status).toBe(200);
    expect(gateway.requests.map((r) => r.bodyBytes)).toEqual([UPLOAD_BYTES, UPLOAD_BYTES]);
    expect(gateway.requests[1]?.authorization).toEqual([`Bearer ${await manager.getToken()}`]);
  });
});

const FETCH_VARIANTS = AXIOS_VARIANTS.filter((variant) => variant.name.includes('fetch'));

describe.each(FETCH_VARIANTS)('$name', (variant) => {
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

  it('rejects web stream body after 401', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    gateway.revoked.add(await manager.getToken());
    const body = Readable.toWeb(megabyteStream());

    const error = await api
      .put('/upload', body, { headers: { 'Content-Type': 'application/octet-stream' } })
      .catch((e: unknown) => e);

    expect(isIdsAuthError(error, 'IDS_AUTH_BODY_NOT_REPLAYABLE')).toBe(true);
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]?.bodyBytes).toBe(UPLOAD_BYTES);
    expect((await api.get('/dap/job/1')).status).toBe(200);
    expect(gateway.logins()).toBe(2);
  });
});
