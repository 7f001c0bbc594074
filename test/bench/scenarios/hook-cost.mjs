// In-process cost of one request's adapter work, timed with tinybench: the adapter's hooks
// against setting a fixed header on the same request objects.
import { Bench } from 'tinybench';
import { ADAPTERS } from '../lib/clients.mjs';
import { createInProcessDriver, createStaticInProcessDriver } from '../lib/in-process-drivers.mjs';
import { createBenchManager } from '../lib/managers.mjs';
import { spread } from '../lib/stats.mjs';

// The drivers never send a request, so this URL is only parsed and matched.
const UNUSED_BASE_URL = 'http://127.0.0.1:9';
const FIXED_TOKEN = 'header.payload.signature';

/**
 * Times both variants per adapter in `rounds` alternating tinybench runs of `taskTimeMs` each.
 *
 * @param {{ rounds: number, taskTimeMs: number }} config
 * @param {string} baseUrl - Gateway URL on loopback, for the manager's one login.
 */
export async function benchHookCost(config, baseUrl) {
  const rows = [];
  for (const adapter of ADAPTERS) {
    const manager = createBenchManager(baseUrl, { origins: [UNUSED_BASE_URL] });
    await manager.getToken();
    const candidate = createInProcessDriver(adapter, UNUSED_BASE_URL, manager).send;
    const baseline = createStaticInProcessDriver(adapter, UNUSED_BASE_URL, FIXED_TOKEN);
    rows.push({ adapter, ...(await timeRounds(config, baseline, candidate)) });
    await manager.close();
  }

  return { rows, config };
}

async function timeRounds(config, baseline, candidate) {
  const baselineUs = [];
  const candidateUs = [];
  for (let round = 0; round < config.rounds; round += 1) {
    const bench = new Bench({ time: config.taskTimeMs, warmupTime: config.taskTimeMs / 4 });
    const order = round % 2 === 0 ? ['baseline', 'candidate'] : ['candidate', 'baseline'];
    for (const name of order) bench.add(name, name === 'baseline' ? baseline : candidate);
    await bench.run();
    // tinybench reports latency in milliseconds.
    baselineUs.push(bench.getTask('baseline').result.latency.p50 * 1000);
    candidateUs.push(bench.getTask('candidate').result.latency.p50 * 1000);
  }
  const addedUs = candidateUs.map((us, index) => us - baselineUs[index]);

  return {
    baselineUs: spread(baselineUs),
    candidateUs: spread(candidateUs),
    addedUs: spread(addedUs),
  };
}
