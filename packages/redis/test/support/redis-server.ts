import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Socket } from 'node:net';

/** How long a local `redis-server` may take to accept connections. */
const SERVER_START_TIMEOUT_MS = 5_000;
/** Time allowed for the PING that checks whether a Redis server responds. */
const PROBE_TIMEOUT_MS = 500;
const PROBE_RETRY_DELAY_MS = 20;
const SHARED_LOCAL_URL = 'redis://127.0.0.1:6379';

/** A `redis-server` process this test suite started on a free loopback port. */
export interface LocalRedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, and waits until it responds. No-op if running. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing is answered. */
  pause(): void;
  /** Lets a paused process run again (SIGCONT). */
  resume(): void;
}

/** Sends PING to `port` on loopback and returns whether `+PONG` arrived in time. */
export async function answersPing(port: number): Promise<boolean> {
  const socket = new Socket();
  socket.setTimeout(PROBE_TIMEOUT_MS);
  try {
    const reply = new Promise<boolean>((resolve) => {
      socket.once('data', (data) => resolve(data.toString().startsWith('+PONG')));
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => resolve(false));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));

    return await reply;
  } finally {
    socket.destroy();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port assigned');

  return address.port;
}

async function waitUntilResponding(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`);

    await new Promise((resolve) => setTimeout(resolve, PROBE_RETRY_DELAY_MS));
  }
}

/** Returns whether a `redis-server` binary is on the PATH. */
export async function hasRedisServerBinary(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('redis-server', ['--version'], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** Starts `redis-server` on a free loopback port without persistence. */
export async function startRedisServer(): Promise<LocalRedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: LocalRedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child !== undefined && child.exitCode === null) return;

      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ];
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await waitUntilResponding(port, child);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async stop() {
      if (child === undefined || child.exitCode !== null) return;

      // A paused server would ignore SIGTERM.
      child.kill('SIGCONT');
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
  await server.start();

  return server;
}

/** Where the shared-Redis tests run, and how to stop a server started for them. */
export interface RedisForTests {
  url: string;
  close(): Promise<void>;
}

/**
 * Finds a Redis: `REDIS_URL`, else 127.0.0.1:6379, else a `redis-server` started here.
 * Returns `undefined` when none is available.
 */
export async function findRedis(): Promise<RedisForTests | undefined> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) return { url: fromEnv, close: async () => undefined };
  if (await answersPing(6379)) return { url: SHARED_LOCAL_URL, close: async () => undefined };
  if (!(await hasRedisServerBinary())) return undefined;

  const server = await startRedisServer();

  return { url: server.url, close: () => server.stop() };
}

/** What the shared-Redis tests accept, in the order `findRedis()` tries it. */
export const ANY_REDIS = 'REDIS_URL, 127.0.0.1:6379 or redis-server on PATH';
/** What the tests that stop and restart Redis need. */
export const OWN_REDIS_SERVER = 'redis-server on PATH';

/**
 * Reports that `needed` is missing: a failure when `CI=true`, else a clear skip message.
 * Returns `true`, meaning the caller should skip.
 */
export function reportMissingRedis(suite: string, needed = ANY_REDIS): true {
  const message = `${suite} need ${needed}, and none was found`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI requires it.`);

  console.warn(`SKIPPED ${message}.`);

  return true;
}
