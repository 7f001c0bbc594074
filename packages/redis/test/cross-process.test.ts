import { rm } from 'node:fs/promises';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '@ids-auth/emulator';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStoreErrorCode } from '../src/index.js';
import { createPrefix } from './support/fixtures.js';
import {
  findRedis,
  hasRedisServerBinary,
  type LocalRedisServer,
  OWN_REDIS_SERVER,
  type RedisForTests,
  reportMissingRedis,
  startRedisServer,
} from './support/redis-server.js';
import {
  bundleWorker,
  killFleet,
  startFleet,
  startLoad,
  stopFleet,
  until,
  type WorkerHandle,
} from './support/worker-fleet.js';
import type { WorkerConfig } from './support/worker-protocol.js';

const WORKER_COUNT = 8;
/**
 * Short tokens, so that several refreshes happen within seconds: refresh after 3.75 s. The
 * manager stops sending a token 0.5 s (a tenth of its life) before it expires. That margin
 * must cover one request's latency on a busy machine, and with 3 s tokens (0.3 s) under a
 * load average of 15 some requests arrived after expiry and got 401.
 */
const SHORT_LIFETIME_SECONDS = 5;
/** Long enough that no refresh happens during the test. */
const LONG_LIFETIME_SECONDS = 600;
/** Logins the steady-load test waits for: the first plus two refreshes. */
const STEADY_LOGINS = 3;
/** Makes the lock holder's login hang until the test kills it. */
const HANGING_LOGIN_MS = 60_000;
/** Login timeout of the workers; the manager's lock lease is this plus 5 s. */
const LOGIN_TIMEOUT_MS = 1_000;
const TICK_MS = 100;
/** Real time is unavoidable here: processes, a Redis restart and token refreshes. */
const CROSS_PROCESS_TEST_TIMEOUT_MS = 30_000;

const sharedRedis = await findRedis();
const canStartRedis = await hasRedisServerBinary();
const skip = sharedRedis === undefined && reportMissingRedis('cross-process tests');
/** The restart test stops and starts Redis, so it needs a `redis-server` of its own. */
const skipRestart =
  !canStartRedis && reportMissingRedis('cross-process Redis restart tests', OWN_REDIS_SERVER);

function configs(gateway: Gateway, redisUrl: string, prefix: string): WorkerConfig[] {
  return Array.from({ length: WORKER_COUNT }, (_, index) => ({
    baseUrl: gateway.url,
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redisUrl,
    prefix,
    library: index % 2 === 0 ? 'ioredis' : 'node-redis',
    tickMs: TICK_MS,
    loginTimeoutMs: LOGIN_TIMEOUT_MS,
  }));
}

function failuresOf(workers: WorkerHandle[]): string[] {
  return workers.flatMap((worker) => worker.summary?.failures ?? ['no summary']);
}

function latestToken(worker: WorkerHandle): string | undefined {
  return worker.tokens.at(-1);
}

describe.skipIf(skip)('eight processes sharing one Redis', () => {
  const redis = sharedRedis as RedisForTests;
  const prefix = createPrefix();
  let bundle: string;
  let gateway: Gateway | undefined;
  let workers: WorkerHandle[] = [];

  beforeAll(async () => {
    bundle = await bundleWorker();
  });

  afterEach(async () => {
    killFleet(workers);
    workers = [];
    await gateway?.close();
    gateway = undefined;
  });

  afterAll(async () => {
    const inspector = new Redis(redis.url);
    const keys = await inspector.keys(`${prefix}*`);
    if (keys.length > 0) await inspector.del(...keys);
    inspector.disconnect();
    await redis.close();
    await rm(bundle, { force: true });
  });

  it(
    'logs in once per token lifetime',
    async () => {
      gateway = await startGateway({ tokenLifetimeSeconds: SHORT_LIFETIME_SECONDS });
      workers = await startFleet(bundle, configs(gateway, redis.url, prefix));

      startLoad(workers);
      await until(
        () => workers.every((worker) => new Set(worker.tokens).size >= STEADY_LOGINS),
        workers,
      );
      await stopFleet(workers);

      const stats = gateway.stats();
      const seen = new Set(workers.flatMap((worker) => worker.tokens));
      const seenByAll = [...seen].filter((token) =>
        workers.every((worker) => worker.tokens.includes(token)),
      );
      expect(failuresOf(workers), JSON.stringify(stats.unauthorized)).toEqual([]);
      expect(stats.loginFailures).toBe(0);
      // Each login yields a token that every process then uses. A process that logged in on
      // its own would leave a token the others never saw. Only the newest token may still be
      // rolling out when the processes stop, and one login may be cut short by the stop.
      expect(seenByAll.length).toBeGreaterThanOrEqual(STEADY_LOGINS);
      expect(seen.size - seenByAll.length).toBeLessThanOrEqual(1);
      expect(stats.logins).toBeLessThanOrEqual(seen.size + 1);
    },
    CROSS_PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'takes over after the lock holder dies',
    async () => {
      gateway = await startGateway({ tokenLifetimeSeconds: LONG_LIFETIME_SECONDS });
      gateway.faults.slowLogins(HANGING_LOGIN_MS, 1);
      workers = await startFleet(bundle, configs(gateway, redis.url, prefix));

      startLoad(workers);
      await until(() => workers.some((worker) => worker.count('login:start') > 0), workers);
      const holder = workers.find((worker) => worker.count('login:start') > 0) as WorkerHandle;
      holder.kill();
      const survivors = workers.filter((worker) => worker !== holder);
      await until(() => survivors.every((worker) => worker.tokens.length > 0), survivors);
      await stopFleet(survivors);

      const stats = gateway.stats();
      expect(failuresOf(survivors)).toEqual([]);
      // The emulator counts a login when it responds, so the dead holder's hanging login is
      // not in the stats: the one counted login is the survivor's that took the lock over.
      expect(survivors.filter((worker) => worker.count('login:start') > 0)).toHaveLength(1);
      expect(stats.loginAttempts).toBe(1);
      expect(stats.loginFailures).toBe(0);
    },
    CROSS_PROCESS_TEST_TIMEOUT_MS,
  );

  describe.skipIf(skipRestart)('with a Redis restart', () => {
    let server: LocalRedisServer;

    beforeAll(async () => {
      server = await startRedisServer();
    });

    afterAll(async () => {
      await server.stop();
    });

    it(
      'keeps serving and shares again after recovery',
      async () => {
        gateway = await startGateway({ tokenLifetimeSeconds: SHORT_LIFETIME_SECONDS });
        workers = await startFleet(bundle, configs(gateway, server.url, prefix));

        startLoad(workers);
        await until(() => workers.every((worker) => worker.tokens.length > 0), workers);
        await server.stop();
        await until(
          () => workers.every((worker) => worker.count('store:unavailable') > 0),
          workers,
        );
        await server.start();
        await until(
          () =>
            workers.every((worker) => worker.count('store:recovered') > 0) &&
            new Set(workers.map(latestToken)).size === 1,
          workers,
        );
        await stopFleet(workers);

        const stats = gateway.stats();
        expect(failuresOf(workers), JSON.stringify(stats.unauthorized)).toEqual([]);
        for (const worker of workers) {
          expect(worker.count('store:unavailable')).toBe(1);
          expect(worker.count('store:recovered')).toBe(1);
        }
        // The store failed fast instead of running into the manager's store timeout.
        const outageCodes = workers.flatMap((worker) =>
          worker.messages.flatMap((message) =>
            message.type === 'store:unavailable' ? [message.code] : [],
          ),
        );
        expect(new Set(outageCodes)).toEqual(new Set([RedisStoreErrorCode.UNAVAILABLE]));
        expect(new Set(workers.map(latestToken)).size).toBe(1);
      },
      CROSS_PROCESS_TEST_TIMEOUT_MS,
    );
  });
});
