// Cold burst: many requests start at once on a manager that has no token yet. The baseline
// is the same burst from the host client with a fixed header and a token obtained beforehand.
import { ADAPTERS, BENCH_PATH, createAuthSender, createStaticSender } from '../lib/clients.mjs';
import { startGatewayProcess } from '../lib/gateway-process.mjs';
import { runConcurrent } from '../lib/load.mjs';
import { createBenchManager } from '../lib/managers.mjs';
import { pairRatio, runAlternatingPairs } from '../lib/pairs.mjs';
import { summarizeBlock } from '../lib/stats.mjs';

const LONG_LIFETIME_SECONDS = 3599;

/**
 * Runs `pairCount` bursts of `burstSize` requests per side and adapter, and returns the
 * logins per ids-auth burst and the latency ratios.
 *
 * @param {{ burstSize: number, pairCount: number }} config
 */
export async function benchColdBurst(config) {
  const gateway = await startGatewayProcess({ tokenLifetimeSeconds: LONG_LIFETIME_SECONDS });
  const rows = [];
  try {
    const warmManager = createBenchManager(gateway.url);
    const token = await warmManager.getToken();
    await warmManager.close();
    for (const adapter of ADAPTERS) {
      rows.push(await benchAdapter(adapter, gateway, token, config));
    }
  } finally {
    await gateway.close();
  }

  return { rows, config };
}

async function benchAdapter(adapter, gateway, token, config) {
  const staticSend = createStaticSender(adapter, gateway.url, token);
  // Opens the connection pool once, so neither side pays for connections the other opened.
  await runConcurrent(staticSend, BENCH_PATH, config.burstSize, config.burstSize);
  const loginsPerBurst = [];

  const burst = async (send) => {
    const result = await runConcurrent(send, BENCH_PATH, config.burstSize, config.burstSize);
    return {
      ...summarizeBlock(result.latencies, result.elapsedNs),
      errors: result.otherStatuses.size,
    };
  };
  const coldBurst = async () => {
    const manager = createBenchManager(gateway.url);
    const loginsBefore = (await gateway.stats()).logins;
    const summary = await burst(createAuthSender(adapter, gateway.url, manager));
    loginsPerBurst.push((await gateway.stats()).logins - loginsBefore);
    await manager.close();
    return summary;
  };
  const pairs = await runAlternatingPairs(config.pairCount, () => burst(staticSend), coldBurst);

  return {
    adapter,
    loginsPerBurst,
    median: pairRatio(pairs, 'medianUs'),
    p99: pairRatio(pairs, 'p99Us'),
    errors: [...pairs.baseline, ...pairs.candidate].reduce((sum, block) => sum + block.errors, 0),
  };
}
