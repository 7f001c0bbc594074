import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { type Gateway, startGateway } from '@ids-auth/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { runCli } from './support/run-cli.js';

const CLIENT_ID = 'us-east-1#7d4e1f20-5a6b-4c3d-9e8f-0123456789ab';
const CLIENT_SECRET = 'cli-test:Zq+8/w=%3D';
const TOKEN_LIFETIME_SECONDS = 120;
const JWT_PATTERN = /^[\w-]+\.[\w-]+\.[\w-]+$/;

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway({
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
  });
});

afterAll(async () => {
  await gateway.close();
});

function credentials(secret = CLIENT_SECRET): Record<string, string> {
  return { DAP_API_URL: gateway.url, DAP_CLIENT_ID: CLIENT_ID, DAP_CLIENT_SECRET: secret };
}

// A loopback port that was free a moment ago and now has no listener.
async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No TCP address.');

  return address.port;
}

describe('ids-auth token', () => {
  it('prints the access token', async () => {
    const loginsBefore = gateway.stats().logins;

    const result = await runCli(['token'], credentials());

    expect(result.exitCode).toBe(ExitCode.OK);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(result.stderr).toBe('');
    expect(gateway.stats().logins).toBe(loginsBefore + 1);
  });

  it('prints the Authorization header', async () => {
    const result = await runCli(['token', '--header'], credentials());

    expect(result.exitCode).toBe(ExitCode.OK);
    const [name, scheme, token] = result.stdout.trimEnd().split(' ');
    expect(name).toBe('Authorization:');
    expect(scheme).toBe('Bearer');
    expect(token).toMatch(JWT_PATTERN);
  });

  it('prints expiry and scope as JSON', async () => {
    const result = await runCli(['token', '--json'], credentials());

    expect(result.exitCode).toBe(ExitCode.OK);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['expiresAt', 'expiresIn', 'scope', 'tokenType']);
    expect(json.tokenType).toBe('bearer');
    expect(typeof json.scope).toBe('string');
    expect(json.expiresIn).toBeGreaterThan(0);
    expect(json.expiresIn).toBeLessThanOrEqual(TOKEN_LIFETIME_SECONDS);
    expect(new Date(String(json.expiresAt)).toISOString()).toBe(json.expiresAt);
    expect(result.stdout).not.toMatch(/[\w-]+\.[\w-]+\.[\w-]{10,}/);
  });

  it('exits 3 for a wrong secret', async () => {
    const wrongSecret = 'wrong-secret-Zq+8/w=%3D';

    const result = await runCli(['token'], credentials(wrongSecret));

    expect(result.exitCode).toBe(ExitCode.INVALID_CREDENTIALS);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ids-auth token: .+\n$/);
    expect(result.stderr).toContain('IDS_AUTH_INVALID_CREDENTIALS');
    expect(result.stderr).not.toContain(wrongSecret);
    expect(result.stderr).not.toContain(
      Buffer.from(`${CLIENT_ID}:${wrongSecret}`).toString('base64'),
    );
    expect(inspect(result)).not.toContain(wrongSecret);
  });

  it('exits 4 for an unreachable gateway', async () => {
    const port = await closedLoopbackPort();
    const env = { ...credentials(), DAP_API_URL: `http://127.0.0.1:${port}` };

    const result = await runCli(['token'], env);

    expect(result.exitCode).toBe(ExitCode.LOGIN_FAILED);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ids-auth token: .+\n$/);
    expect(result.stderr).not.toContain(CLIENT_SECRET);
  });

  it('exits 2 without credentials', async () => {
    const result = await runCli(['token'], { DAP_API_URL: gateway.url });

    expect(result.exitCode).toBe(ExitCode.USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('missing credentials. Set DAP_CLIENT_ID and DAP_CLIENT_SECRET');
  });

  it('exits 2 for --header with --json', async () => {
    const result = await runCli(['token', '--header', '--json'], credentials());

    expect(result.exitCode).toBe(ExitCode.USAGE);
    expect(result.stderr).toContain('--header and --json cannot be combined');
  });
});
