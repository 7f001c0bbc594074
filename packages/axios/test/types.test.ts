import { resolveTokenManager } from '@ids-auth/core';
import axios from 'axios';
import axiosOldest from 'axios-oldest';
import { describe, expect, it } from 'vitest';
import { idsAuth, withIdsAuth } from '../src/index.js';

// These calls are checked by `tsc --noEmit` against the declarations of both axios builds,
// without casts, and run to show that installing needs no network.
describe('public types', () => {
  it('fit axios 1.7 and newest 1.x', async () => {
    const manager = resolveTokenManager({ baseUrl: 'http://127.0.0.1:9', env: {} });
    const ids = [
      axios.create().interceptors.request.use(idsAuth(manager)),
      axiosOldest.create().interceptors.request.use(idsAuth(manager)),
    ];
    const detachers = [
      withIdsAuth(axios.create(), manager),
      withIdsAuth(axiosOldest.create(), manager),
      withIdsAuth(axiosOldest, manager),
    ];
    for (const detach of detachers) detach();
    await manager.close();

    expect(ids).toEqual([0, 0]);
  });
});
