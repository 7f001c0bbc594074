import type { TokenManager } from '@ids-auth/core';
import { startTestGateway, type TestGateway } from '@ids-auth/test-support/scripted-gateway';
import { createManager } from '@ids-auth/test-support/scripted-manager';
import type { AxiosInstance, AxiosResponse } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withIdsAuth } from '../src/index.js';
import { AXIOS_VARIANTS } from './support/clients.js';

const INSTALLS = 10_000;

interface CountableInterceptors {
  forEach(visit: (handler: unknown) => void): void;
  handlers?: unknown[];
}

function countInterceptors(api: AxiosInstance): { request: number; response: number } {
  const count = (manager: unknown) => {
    let live = 0;
    (manager as CountableInterceptors).forEach(() => {
      live += 1;
    });
    return live;
  };

  return { request: count(api.interceptors.request), response: count(api.interceptors.response) };
}

function handlerSlots(api: AxiosInstance): { request: number; response: number } {
  const slots = (manager: unknown) => (manager as CountableInterceptors).handlers?.length ?? 0;

  return { request: slots(api.interceptors.request), response: slots(api.interceptors.response) };
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

  it('works between user interceptors', async () => {
    const api = variant.create({ baseURL: gateway.url });
    const seenByLaterRequestInterceptor: string[] = [];
    const seenBeforeOurs: number[] = [];
    const seenAfterOurs: number[] = [];
    // axios runs request interceptors newest first and response interceptors oldest first.
    api.interceptors.request.use((config) => {
      seenByLaterRequestInterceptor.push(String(config.headers.get('Authorization')));
      return config;
    });
    api.interceptors.response.use(undefined, (error: { response: AxiosResponse }) => {
      seenBeforeOurs.push(error.response.status);
      throw error;
    });
    withIdsAuth(api, manager);
    api.interceptors.request.use((config) => {
      config.headers.set('X-InstAuth', 'legacy-from-user');
      return config;
    });
    api.interceptors.response.use((response) => {
      seenAfterOurs.push(response.status);
      return response.data;
    });
    const oldToken = await manager.getToken();
    gateway.revoked.add(oldToken);

    const data = await api.get('/dap/job/1');

    const newToken = await manager.getToken();
    expect(data).toEqual({ path: '/dap/job/1', token: newToken });
    expect(seenByLaterRequestInterceptor).toEqual([`Bearer ${oldToken}`]);
    expect(seenBeforeOurs).toEqual([401]);
    expect(seenAfterOurs).toEqual([200]);
    expect(gateway.requests.map((r) => r.instauth)).toEqual([[], []]);
    expect(gateway.requests.map((r) => r.authorization)).toEqual([
      [`Bearer ${oldToken}`],
      [`Bearer ${newToken}`],
    ]);
  });

  it('detaches to original interceptor count', async () => {
    const api = variant.create({ baseURL: gateway.url });
    api.interceptors.request.use((config) => config);
    const before = countInterceptors(api);

    for (let i = 0; i < INSTALLS; i += 1) {
      const detach = withIdsAuth(api, manager);
      detach();
      detach();
    }

    expect(countInterceptors(api)).toEqual(before);
    // axios 1.7.9 leaves a null slot per ejected handler; newer releases trim them.
    if (!variant.name.startsWith('axios 1.7.9')) {
      expect(handlerSlots(api)).toEqual({ request: before.request, response: before.response });
    }
    await api.get('/dap/job/1', { validateStatus: () => true });
    expect(gateway.requests[0]?.authorization).toEqual([]);
    expect(gateway.logins()).toBe(0);
  });
});
