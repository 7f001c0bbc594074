// One process of the cluster bench: its own manager (with or without the Redis store) and
// fetch adapter, under steady load from the parent's `go` message until the set duration ends.
import { once } from 'node:events';
import { createRedisTokenStore } from '@ids-auth/redis';
import { Redis } from 'ioredis';
import { BENCH_PATH, createAuthSender } from '../lib/clients.mjs';
import { runForDuration } from '../lib/load.mjs';
import { createBenchManager } from '../lib/managers.mjs';

const { baseUrl, durationMs, inFlight, redisUrl, prefix } = JSON.parse(process.argv[2]);

let redis;
let store;
if (redisUrl) {
  redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  await redis.connect();
  store = createRedisTokenStore({ redis, prefix });
}

const manager = createBenchManager(baseUrl, store ? { store } : {});
const unavailable = { count: 0 };
manager.on('store:unavailable', () => {
  unavailable.count += 1;
});
const send = createAuthSender('fetch', baseUrl, manager);

process.send({ type: 'ready' });
await once(process, 'message');
const result = await runForDuration(send, BENCH_PATH, durationMs, inFlight);
await manager.close();
await store?.close();
redis?.disconnect();

process.send({
  type: 'done',
  requests: result.latencies.length,
  failures: result.latencies.length - (result.statuses.get(200) ?? 0),
  storeUnavailable: unavailable.count,
});
process.disconnect();
