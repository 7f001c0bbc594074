import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { describe, expect, test, vi } from 'vitest';
import { DEFAULT_CLIENT, type GatewayOptions, startGateway } from '../src/index.js';
import { bearer, callApi, getToken, login } from './helpers.js';

const HAS_IPV6_LOOPBACK = Object.values(networkInterfaces()).some((addresses) =>
  addresses?.some((address) => address.internal && address.address === '::1'),
);

describe('startGateway', () => {
  test('listens on loopback port 0', async () => {
    const gateway = await startGateway();
    await gateway.close();

    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.otherOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.otherOrigin).not.toBe(gateway.url);
  });

  test('listens on a chosen port', async () => {
    const probe = await startGateway();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const gateway = await startGateway({ port });
    await gateway.close();

    expect(gateway.url).toBe(`http://127.0.0.1:${port}`);
  });

  test.skipIf(!HAS_IPV6_LOOPBACK)('listens on IPv6 loopback', async () => {
    const gateway = await startGateway({ host: '::1' });
    const status = (await login(gateway)).status;
    await gateway.close();

    expect(gateway.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect(status).toBe(200);
  });

  const invalidOptions: [string, GatewayOptions, RegExp][] = [
    ['a public host', { host: '0.0.0.0' }, /host must be a loopback address/],
    ['a LAN host', { host: '192.168.1.10' }, /host must be a loopback address/],
    ['a host name', { host: 'localhost' }, /host must be a loopback address/],
    ['a fractional lifetime', { tokenLifetimeSeconds: 1.5 }, /tokenLifetimeSeconds/],
    ['a zero lifetime', { tokenLifetimeSeconds: 0 }, /tokenLifetimeSeconds/],
    ['a negative port', { port: -1 }, /port must be an integer/],
    ['no clients', { clients: [] }, /clients must be a non-empty array/],
    ['an id with colon', { clients: [{ clientId: 'a:b', clientSecret: 's' }] }, /without ':'/],
    ['an empty secret', { clients: [{ clientId: 'a', clientSecret: '' }] }, /clientSecret/],
    [
      'a repeated id',
      {
        clients: [
          { clientId: 'a', clientSecret: 's' },
          { clientId: 'a', clientSecret: 't' },
        ],
      },
      /repeats a/,
    ],
  ];

  test.each(invalidOptions)('rejects %s', async (_name, options, message) => {
    await expect(startGateway(options)).rejects.toThrow(message);
  });

  test('keeps secrets out of option errors', async () => {
    const secret = 'do-not-print-me';
    const options = {
      clients: [
        { clientId: 'a', clientSecret: secret },
        { clientId: 'a', clientSecret: secret },
      ],
    };
    const error = await startGateway(options).catch((caught: unknown) => caught);

    expect(String(error)).not.toContain(secret);
  });

  test('follows vi fake Date by default', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const gateway = await startGateway();
    const response = await login(gateway);
    const body = (await response.json()) as { access_token: string };
    const payload = JSON.parse(
      Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString(),
    ) as { iat: number };
    vi.useRealTimers();
    await gateway.close();

    expect(payload.iat).toBe(Date.UTC(2030, 0, 1) / 1000);
  });
});

describe('close', () => {
  test('closes both servers', async () => {
    const gateway = await startGateway();
    await gateway.close();
    const main = await fetch(gateway.url).catch(() => 'refused');
    const other = await fetch(gateway.otherOrigin).catch(() => 'refused');

    expect(main).toBe('refused');
    expect(other).toBe('refused');
  });

  test('closes with a kept-alive socket', async () => {
    const gateway = await startGateway();
    const token = await getToken(gateway);
    await callApi(gateway, '/dap/query/canvas/table', bearer(token));

    await expect(gateway.close()).resolves.toBeUndefined();
  });

  test('closes with a request half sent', async () => {
    const gateway = await startGateway();
    const request = httpRequest(`${gateway.url}/ids/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '100' },
    });
    const outcome = new Promise((resolve) => request.on('error', () => resolve('reset')));
    request.write('grant_type=');
    await new Promise((resolve) => request.on('socket', resolve));
    await gateway.close();

    expect(await outcome).toBe('reset');
  });

  test('can be called twice', async () => {
    const gateway = await startGateway();

    await expect(Promise.all([gateway.close(), gateway.close()])).resolves.toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('DEFAULT_CLIENT', () => {
  test('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_CLIENT)).toBe(true);
  });
});
