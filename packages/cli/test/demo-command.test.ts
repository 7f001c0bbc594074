import { DEFAULT_CLIENT, type Gateway, startGateway } from '@ids-auth/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoReport } from '../src/demo/demo-report.js';
import { ExitCode } from '../src/exit-codes.js';
import { main } from '../src/main.js';
import { memoryIo } from './support/memory-io.js';
import { runCli } from './support/run-cli.js';

const CLIENT_NAMES = ['axios', 'got', 'ky', 'fetch', 'legacy (axios)'];
// Three dot-separated base64url parts of 20 or more characters each: a whole JWT.
const JWT_PATTERN = /[\w-]{20,}\.[\w-]{20,}\.[\w-]{20,}/;
const TEST_TIMEOUT_MS = 30_000;

describe('ids-auth demo on the embedded emulator', () => {
  let report: DemoReport;
  let exitCode: number | null;
  let stderr: string;
  let stdout: string;

  beforeAll(async () => {
    const result = await runCli(['demo', '--json', '--token-lifetime', '4']);
    exitCode = result.exitCode;
    stderr = result.stderr;
    stdout = result.stdout;
    report = JSON.parse(result.stdout) as DemoReport;
  }, TEST_TIMEOUT_MS);

  it('exits 0 without failures', () => {
    expect(exitCode).toBe(ExitCode.OK);
    expect(report.ok).toBe(true);
    expect(report.failures).toEqual([]);
    expect(report.mode).toBe('emulator');
  });

  it('reports every client row', () => {
    expect(report.clients.map((client) => client.name)).toEqual(CLIENT_NAMES);
    for (const client of report.clients) {
      expect(client.calls, client.name).toBeGreaterThan(0);
      expect(client.sent, client.name).toBe(client.calls);
      expect(client.failures, client.name).toBe(0);
      expect(client.unauthorized, client.name).toBe(0);
      expect(client.bearerSent, client.name).toBe(client.sent);
    }
  });

  it('logs in once per refresh interval', () => {
    const { manager, gateway, allowed } = report.logins;

    expect(manager).toBe(gateway);
    expect(allowed).not.toBeNull();
    expect(manager).toBeLessThanOrEqual(allowed ?? 0);
    // Jobs run for one and a half token lifetimes, so at least one refresh happens.
    expect(manager).toBeGreaterThanOrEqual(2);
  });

  it('rewrites the legacy header', () => {
    const legacy = report.clients.find((client) => client.name === 'legacy (axios)');

    expect(report.legacyHeaderRewritten).toBe(true);
    expect(legacy?.legacyHeaderSent).toBe(0);
    expect(report.gateway?.legacyHeaderRequests).toBe(0);
    expect(report.gateway?.expiredTokenRequests).toBe(0);
  });

  it('shows progress on stderr', () => {
    expect(stderr).toContain('login 2: new token sha256:');
    expect(stderr).toContain('snapshot job complete after');
    expect(stderr).toContain('legacy code: sending its own x-instauth header');
  });

  it('prints no token or secret', () => {
    expect(stdout).not.toMatch(JWT_PATTERN);
    expect(stderr).not.toMatch(JWT_PATTERN);
    expect(stdout + stderr).not.toContain(DEFAULT_CLIENT.clientSecret);
  });
});

describe('ids-auth demo with credentials', () => {
  const clientId = 'us-west-2#3c2b1a00-1111-4222-8333-444455556666';
  const clientSecret = 'demo-test:Yy7+/Qq=%41';
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway({
      clients: [{ clientId, clientSecret }],
      tokenLifetimeSeconds: 3599,
    });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it(
    'uses DAP_API_URL and one login',
    async () => {
      const env = {
        DAP_API_URL: gateway.url,
        DAP_CLIENT_ID: clientId,
        DAP_CLIENT_SECRET: clientSecret,
      };

      const result = await runCli(['demo', '--json'], env);

      expect(result.exitCode).toBe(ExitCode.OK);
      const report = JSON.parse(result.stdout) as DemoReport;
      expect(report.mode).toBe('gateway');
      expect(report.baseUrl).toBe(gateway.url);
      expect(report.logins.manager).toBe(1);
      expect(report.logins.allowed).toBeNull();
      expect(report.legacyHeaderRewritten).toBe(true);
      expect(gateway.stats().logins).toBe(1);
      expect(gateway.stats().carriers['x-instauth']).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it('exits 3 for a wrong secret', async () => {
    const wrongSecret = 'demo-wrong:Yy7+/Qq=%41';
    const env = {
      DAP_API_URL: gateway.url,
      DAP_CLIENT_ID: clientId,
      DAP_CLIENT_SECRET: wrongSecret,
    };

    const result = await runCli(['demo'], env);

    expect(result.exitCode).toBe(ExitCode.INVALID_CREDENTIALS);
    expect(result.stdout).toContain('result          FAILED');
    expect(result.stdout).toContain('IDS_AUTH_INVALID_CREDENTIALS');
    expect(result.stdout + result.stderr).not.toContain(wrongSecret);
  });

  it('exits 2 for --token-lifetime', async () => {
    const env = {
      DAP_API_URL: gateway.url,
      DAP_CLIENT_ID: clientId,
      DAP_CLIENT_SECRET: clientSecret,
    };

    const io = memoryIo(process.cwd(), env);
    const attemptsBefore = gateway.stats().loginAttempts;

    const exitCode = await main(['demo', '--token-lifetime', '6'], io);

    expect(exitCode).toBe(ExitCode.USAGE);
    expect(io.err.join('')).toContain('--token-lifetime applies only to the embedded emulator');
    expect(gateway.stats().loginAttempts).toBe(attemptsBefore);
  });
});
