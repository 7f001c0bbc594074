// Cluster: several processes with one credential set under steady load, each logging in on
// its own, then sharing one token through the Redis store.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { waitForMessage } from '../lib/child-message.mjs';
import { startGatewayProcess } from '../lib/gateway-process.mjs';
import { resolveRedisUrl } from '../lib/redis-url.mjs';

const WORKER = new URL('./cluster-worker.mjs', import.meta.url);

/**
 * Runs the cluster without a store, then with Redis if one is reachable on loopback.
 *
 * @param {{ processes: number, lifetimeSeconds: number, lifetimes: number, inFlight: number }} config
 */
export async function benchCluster(config) {
  const gateway = await startGatewayProcess({ tokenLifetimeSeconds: config.lifetimeSeconds });
  try {
    const rows = [await runCluster('no store', gateway, config, undefined)];
    const redis = resolveRedisUrl();
    if ('error' in redis) return { rows, config, redisSkipped: redis.error };

    try {
      rows.push(await runCluster('Redis store', gateway, config, redis.url));
    } catch (error) {
      return { rows, config, redisSkipped: `Redis at ${redis.url} failed: ${error.message}` };
    }
    return { rows, config };
  } finally {
    await gateway.close();
  }
}

async function runCluster(name, gateway, config, redisUrl) {
  const durationMs = config.lifetimeSeconds * 1000 * config.lifetimes;
  const workerConfig = {
    baseUrl: gateway.url,
    durationMs,
    inFlight: config.inFlight,
    redisUrl,
    prefix: `ids-auth-bench:${randomUUID()}:`,
  };
  const workers = Array.from({ length: config.processes }, () =>
    fork(WORKER, [JSON.stringify(workerConfig)], { stdio: 'inherit' }),
  );
  // Exits are awaited from the start, because a worker may exit before its last message is read.
  const exited = workers.map((worker) => once(worker, 'exit'));
  await Promise.all(workers.map((worker) => waitForMessage(worker, 'ready')));

  const loginsBefore = (await gateway.stats()).logins;
  const done = workers.map((worker) => waitForMessage(worker, 'done'));
  for (const worker of workers) worker.send({ type: 'go' });
  const results = await Promise.all(done);
  await Promise.all(exited);
  const logins = (await gateway.stats()).logins - loginsBefore;

  return {
    name,
    processes: config.processes,
    logins,
    loginsPerLifetime: logins / config.lifetimes,
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    failures: results.reduce((sum, result) => sum + result.failures, 0),
    storeUnavailable: results.reduce((sum, result) => sum + result.storeUnavailable, 0),
  };
}
