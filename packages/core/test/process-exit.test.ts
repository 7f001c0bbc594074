import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, PACKAGE_DIR } from './helpers/bundle.js';
import { type LoginServer, startLoginServer } from './helpers/login-server.js';

const CHILD_TIMEOUT_MS = 10_000;

let server: LoginServer;
let bundle: string;

beforeAll(async () => {
  bundle = (await buildBundle('process-exit-test')).esm;
  server = await startLoginServer(3600);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

function runScript(
  script: string,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, GATEWAY_URL: server.url, BUNDLE: bundle, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
    // A child that does not exit by itself is killed, so a failing run leaves no process.
    timeout: CHILD_TIMEOUT_MS,
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });

  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout })));
}

/** Returns a loopback URL whose port was free a moment ago, so connections to it are refused. */
async function closedLoopbackUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  return `http://127.0.0.1:${port}`;
}

describe('process lifetime', () => {
  it('exits after getting one token', async () => {
    const script = `
      const { createTokenManager } = await import(process.env.BUNDLE);
      const manager = createTokenManager({
        clientId: 'id', clientSecret: 'secret', baseUrl: process.env.GATEWAY_URL, env: {},
      });
      const token = await manager.getToken();
      console.log(token.split('.').length);
    `;
    // Without unref() the refresh timer, due in 55 minutes, would hold the child until the
    // spawn timeout kills it, and the exit code would be null.
    const result = await runScript(script);

    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('3');
    expect(server.logins).toBe(1);
  }, 15_000);

  it('waits for a failing login to settle', async () => {
    const script = `
      const { createTokenManager } = await import(process.env.BUNDLE);
      const manager = createTokenManager({
        clientId: 'id', clientSecret: 'secret', baseUrl: process.env.CLOSED_URL, env: {},
        maxLoginAttempts: 3, random: () => 0.05,
      });
      try {
        await manager.getToken();
      } catch (error) {
        console.log(error.code);
      }
    `;
    // Nothing listens on the closed port, so each attempt fails at once and only the back-off
    // timer between attempts is pending. Were it the only timer and unref()ed, the child would
    // exit with code 13 (unsettled top-level await) before the third attempt.
    const result = await runScript(script, { CLOSED_URL: await closedLoopbackUrl() });

    expect(result.stdout.trim()).toBe('IDS_AUTH_LOGIN_FAILED');
    expect(result.code).toBe(0);
  }, 15_000);
});
