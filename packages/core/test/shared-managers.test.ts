import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTokenManager } from '../src/index.js';
import { type LoginServer, startLoginServer } from './helpers/login-server.js';

let server: LoginServer;

beforeEach(async () => {
  server = await startLoginServer();
});

afterEach(async () => {
  await server.close();
});

function environment(secret = 'p:a%s+s/w=o rd') {
  return { DAP_CLIENT_ID: 'us-east-1#shared', DAP_CLIENT_SECRET: secret, DAP_API_URL: server.url };
}

describe('resolveTokenManager sharing', () => {
  it('returns one manager for equal options', () => {
    const first = resolveTokenManager({ env: environment() });
    const second = resolveTokenManager({ env: environment(), baseUrl: `${server.url}/` });

    expect(second).toBe(first);
  });

  it('logs in once for two adapters', async () => {
    const forAxios = resolveTokenManager({ env: environment() });
    const forGot = resolveTokenManager({ env: environment() });
    const tokens = await Promise.all([forAxios.getToken(), forGot.getToken()]);

    expect(tokens[0]).toBe(tokens[1]);
    expect(server.credentials).toHaveLength(1);
  });

  it('keeps credential sets apart', () => {
    const first = resolveTokenManager({ env: environment('secret-one') });
    const second = resolveTokenManager({ env: environment('secret-two') });

    expect(second).not.toBe(first);
  });

  it('keeps different settings apart', () => {
    const first = resolveTokenManager({ env: environment(), timeoutMs: 1_000 });
    const second = resolveTokenManager({ env: environment(), timeoutMs: 2_000 });

    expect(second).not.toBe(first);
  });

  it('never shares a manager with an injected fetch', () => {
    const options = { env: environment(), fetch: globalThis.fetch };

    expect(resolveTokenManager(options)).not.toBe(resolveTokenManager(options));
  });

  it('replaces a closed manager', async () => {
    const first = resolveTokenManager({ env: environment() });
    await first.close();
    const second = resolveTokenManager({ env: environment() });

    expect(second).not.toBe(first);
    await expect(second.getToken()).resolves.toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

describe('many waiting callers', () => {
  it('print no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const manager = resolveTokenManager({ env: environment(), fetch: globalThis.fetch });

    await Promise.all(Array.from({ length: 50 }, () => manager.getToken()));
    // Node emits process warnings on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);

    expect(warnings).not.toContain('MaxListenersExceededWarning');
    await manager.close();
  });
});
