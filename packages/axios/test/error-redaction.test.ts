import { inspect } from 'node:util';
import { fingerprintToken, type TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

/** Renders `error` the ways a logger would: util.inspect at full depth and JSON. */
function renderings(error: unknown): string[] {
  return [inspect(error, { depth: Number.POSITIVE_INFINITY }), JSON.stringify(error) ?? ''];
}

describe.each(AXIOS_VARIANTS)('$name', (variant) => {
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

  it('keeps the bearer out of HTTP errors', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    const token = await manager.getToken();
    gateway.script.push({ status: 500 });

    const error = await api.get('/dap/job/1').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ response: { status: 500 } });
    for (const text of renderings(error)) expect(text).not.toContain(token);
    expect(JSON.stringify(error)).toContain(fingerprintToken(token));
  });

  it('keeps the bearer out of retried errors', async () => {
    const api = variant.create({ baseURL: gateway.url });
    withIdsAuth(api, manager);
    const oldToken = await manager.getToken();
    gateway.revoked.add(oldToken);
    gateway.loginGate = async () => {
      gateway.script.push({ status: 500 });
    };

    const error = await api.get('/dap/job/1').catch((caught: unknown) => caught);
    const newToken = await manager.getToken();

    expect(error).toMatchObject({ response: { status: 500 } });
    expect(gateway.requests).toHaveLength(2);
    for (const text of renderings(error)) {
      expect(text).not.toContain(oldToken);
      expect(text).not.toContain(newToken);
    }
  });

  it('keeps the bearer out of network errors', async () => {
    const closed = await startTestGateway();
    await closed.close();
    const api = variant.create({ baseURL: closed.url });
    const withClosedOrigin = createManager(gateway, { origins: [closed.url] });
    withIdsAuth(api, withClosedOrigin);
    const token = await withClosedOrigin.getToken();

    const error = await api.get('/dap/job/1').catch((caught: unknown) => caught);
    await withClosedOrigin.close();

    expect(error).toMatchObject({ isAxiosError: true });
    for (const text of renderings(error)) expect(text).not.toContain(token);
  });
});
