import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Core from '../src/index.js';
import { buildBundle } from './helpers/bundle.js';
import { objectHeaders } from './helpers/headers.js';

let esm: typeof Core;
let cjs: typeof Core;

beforeAll(async () => {
  const paths = await buildBundle('module-formats-test');
  esm = await import(paths.esm);
  cjs = createRequire(import.meta.url)(paths.cjs);
}, 30_000);

const options = {
  clientId: 'id',
  clientSecret: 'secret',
  baseUrl: 'https://gateway.test',
  env: {},
};

describe('ESM and CommonJS copies', () => {
  it("recognize each other's managers", () => {
    expect(esm.isTokenManager(cjs.createTokenManager(options))).toBe(true);
    expect(cjs.isTokenManager(esm.createTokenManager(options))).toBe(true);
    expect(esm.createTokenManager).not.toBe(cjs.createTokenManager);
  });

  it('emit events across copies', async () => {
    const manager = cjs.createTokenManager({
      ...options,
      fetch: async () => {
        const exp = Math.floor(Date.now() / 1000) + 3600;
        const claims = Buffer.from(JSON.stringify({ exp })).toString('base64url');
        return Response.json({ access_token: `e30.${claims}.sig`, expires_in: 3600 });
      },
    });
    const seen: unknown[] = [];
    manager.on('request:authorized', (payload) => seen.push(payload));
    const { access } = objectHeaders();
    await esm.authorizeRequest(manager, { url: 'https://gateway.test/x', headers: access });

    expect(seen).toHaveLength(1);
    await manager.close();
  });

  it('warn about x-instauth once for both', async () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    for (const copy of [esm, cjs, esm, cjs]) {
      const manager = copy.createTokenManager({ baseUrl: 'https://gateway.test', env: {} });
      const { access } = objectHeaders({ 'X-InstAuth': 'T' });
      await copy.authorizeRequest(manager, { url: 'https://gateway.test/x', headers: access });
    }
    const calls = [...emitWarning.mock.calls];
    emitWarning.mockRestore();

    expect(calls).toHaveLength(1);
  });

  it('share error codes', () => {
    expect(esm.ErrorCode).toEqual(cjs.ErrorCode);
  });
});
