import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { main } from '../src/main.js';
import { memoryIo } from './support/memory-io.js';
import { startCli, watchOutput } from './support/run-cli.js';

const CLIENT_ID = 'us-east-1#0a1b2c3d-0000-4000-8000-00000000cafe';
const CLIENT_SECRET = 'test:secret+/=%';

describe('ids-auth emulator', () => {
  it('prints the URL on the first line', async () => {
    const child = startCli(['emulator', '--client', `${CLIENT_ID}:${CLIENT_SECRET}`]);
    const output = watchOutput(child);

    const url = await output.firstLine;

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    const response = await fetch(`${url}/ids/auth/login`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);

    child.kill('SIGTERM');
    const [exitCode] = await once(child, 'close');
    expect(exitCode).toBe(ExitCode.OK);
    expect(output.stderr()).toContain('ids-auth emulator: stopped.');
  });

  it('prints credentials and an export recipe', async () => {
    const stop = new AbortController();
    const io = memoryIo(process.cwd());
    const running = main(['emulator', '--client', `${CLIENT_ID}:${CLIENT_SECRET}`], io, {
      stopSignal: stop.signal,
    });
    await vi.waitFor(() => expect(io.out.length).toBeGreaterThan(0));
    stop.abort();

    expect(await running).toBe(ExitCode.OK);
    const [url, ...rest] = io.out.join('').split('\n');
    const recipe = rest.join('\n');
    expect(recipe).toContain(`  client id:     ${CLIENT_ID}\n`);
    expect(recipe).toContain(`  export DAP_API_URL='${url}'\n`);
    expect(recipe).toContain(`  export DAP_CLIENT_ID='${CLIENT_ID}'\n`);
    expect(recipe).toContain(`  export DAP_CLIENT_SECRET='${CLIENT_SECRET}'\n`);
  });

  it('sets the token lifetime', async () => {
    const stop = new AbortController();
    const io = memoryIo(process.cwd());
    const running = main(['emulator', '--token-lifetime', '42'], io, { stopSignal: stop.signal });
    await vi.waitFor(() => expect(io.out.length).toBeGreaterThan(0));
    const url = io.out.join('').split('\n')[0];
    const clientId = /export DAP_CLIENT_ID='([^']+)'/.exec(io.out.join(''))?.[1] ?? '';
    const clientSecret = /export DAP_CLIENT_SECRET='([^']+)'/.exec(io.out.join(''))?.[1] ?? '';

    const response = await fetch(`${url}/ids/auth/login`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    stop.abort();

    expect(((await response.json()) as { expires_in: number }).expires_in).toBe(42);
    expect(await running).toBe(ExitCode.OK);
  });

  it.each([
    [['--port', '70000'], 'invalid --port "70000"'],
    [['--port', 'http'], 'invalid --port "http"'],
    [['--token-lifetime', '0'], 'invalid --token-lifetime "0"'],
    [['--client', 'no-separator'], 'invalid --client value'],
    [['--client', 'id:'], 'invalid --client value'],
    [['--client', 'a:first-secret', '--client', 'a:second-secret'], 'client id "a" is repeated'],
  ])('exits 2 for %j', async (args, message) => {
    const io = memoryIo(process.cwd());

    const exitCode = await main(['emulator', ...args], io);

    expect(exitCode).toBe(ExitCode.USAGE);
    expect(io.err.join('')).toContain(message);
    expect(io.out).toEqual([]);
  });

  it('exits 2 for a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const io = memoryIo(process.cwd());

    const exitCode = await main(['emulator', '--port', String(port)], io);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));

    expect(exitCode).toBe(ExitCode.USAGE);
    expect(io.err.join('')).toBe(
      `ids-auth emulator: port ${port} on 127.0.0.1 is already in use. Pass another --port, or 0 for a free one.\n`,
    );
    expect(io.out).toEqual([]);
  });

  it('keeps secrets out of repeated-id errors', async () => {
    const io = memoryIo(process.cwd());

    await main(['emulator', '--client', 'a:first-secret', '--client', 'a:second-secret'], io);

    expect(io.err.join('')).not.toContain('first-secret');
    expect(io.err.join('')).not.toContain('second-secret');
  });

  it('keeps the secret out of usage errors', async () => {
    const io = memoryIo(process.cwd());

    await main(['emulator', '--client', ':only-a-secret'], io);

    expect(io.err.join('')).not.toContain('only-a-secret');
  });
});
