// Steady-state overhead: each adapter against the same host client sending a fixed
// `Authorization` header, with a warm token, sequentially and with many requests in flight.
import {
  ADAPTERS,
  BENCH_PATH,
  createAuthSender,
  createGetTokenSender,
  createKyNoOpHookSender,
  createStaticSender,
} from '../lib/clients.mjs';
import { startGatewayProcess } from '../lib/gateway-process.mjs';
import { runConcurrent } from '../lib/load.mjs';
import { createBenchManager } from '../lib/managers.mjs';
import { pairRatio, runAlternatingPairs } from '../lib/pairs.mjs';
import { summarizeBlock } from '../lib/stats.mjs';

const LONG_LIFETIME_SECONDS = 3599;
const WARM_UP_REQUESTS = 500;
/** Row name of the diagnostic pair: ky with a fixed header, with and without a no-op hook. */
export const KY_NO_OP_HOOK = 'ky + no-op hook';
/**
 * Row name of the diagnostic pair: fetch with a fixed header, against fetch with the header
 * built from `manager.getToken()` before each request and no adapter.
 */
export const FETCH_GET_TOKEN = 'fetch + getToken() only';
/** Names of the diagnostic rows, which have no target. */
export const DIAGNOSTIC_ROWS = [KY_NO_OP_HOOK, FETCH_GET_TOKEN];

/**
 * Measures every adapter in both modes and returns one row per adapter and mode.
 *
 * @param {{ requestsPerSide: number, pairCount: number, inFlight: number }} config
 */
export async function benchSteadyState(config) {
  const gateway = await startGatewayProcess({ tokenLifetimeSeconds: LONG_LIFETIME_SECONDS });
  const rows = [];
  try {
    for (const adapter of ADAPTERS) {
      rows.push(...(await benchAdapter(adapter, gateway, config)));
    }
    rows.push(...(await benchAdapter(KY_NO_OP_HOOK, gateway, config)));
    rows.push(...(await benchAdapter(FETCH_GET_TOKEN, gateway, { ...config, inFlight: 1 })));
    const stats = await gateway.stats();
    return { rows, unauthorized: stats.unauthorized, config };
  } finally {
    await gateway.close();
  }
}

async function benchAdapter(adapter, gateway, config) {
  const manager = createBenchManager(gateway.url);
  const token = await manager.getToken();
  const senders = createSenderPair(adapter, gateway.url, manager, token);
  const blockSize = Math.round(config.requestsPerSide / config.pairCount);
  const rows = [];
  for (const inFlight of new Set([1, config.inFlight])) {
    await runConcurrent(senders.baseline, BENCH_PATH, WARM_UP_REQUESTS, inFlight);
    await runConcurrent(senders.candidate, BENCH_PATH, WARM_UP_REQUESTS, inFlight);
    const block = (send) => async () => {
      const result = await runConcurrent(send, BENCH_PATH, blockSize, inFlight);
      return {
        ...summarizeBlock(result.latencies, result.elapsedNs),
        cpuUsPerRequest: result.cpuMicros / blockSize,
        errors: result.otherStatuses.size,
      };
    };
    const pairs = await runAlternatingPairs(
      config.pairCount,
      block(senders.baseline),
      block(senders.candidate),
    );
    rows.push(summarizeRow(adapter, inFlight, pairs, blockSize));
  }
  await manager.close();

  return rows;
}

function createSenderPair(adapter, baseUrl, manager, token) {
  if (adapter === KY_NO_OP_HOOK) {
    return {
      baseline: createStaticSender('ky', baseUrl, token),
      candidate: createKyNoOpHookSender(baseUrl, token),
    };
  }
  if (adapter === FETCH_GET_TOKEN) {
    return {
      baseline: createStaticSender('fetch', baseUrl, token),
      candidate: createGetTokenSender(baseUrl, manager),
    };
  }

  return {
    baseline: createStaticSender(adapter, baseUrl, token),
    candidate: createAuthSender(adapter, baseUrl, manager),
  };
}

function summarizeRow(adapter, inFlight, pairs, blockSize) {
  const errors = [...pairs.baseline, ...pairs.candidate].reduce(
    (sum, block) => sum + block.errors,
    0,
  );

  return {
    adapter,
    inFlight,
    requestsPerSide: blockSize * pairs.baseline.length,
    median: pairRatio(pairs, 'medianUs'),
    p99: pairRatio(pairs, 'p99Us'),
    throughput: pairRatio(pairs, 'requestsPerSecond'),
    cpu: pairRatio(pairs, 'cpuUsPerRequest'),
    blocksWithErrors: errors,
  };
}
