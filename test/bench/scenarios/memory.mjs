// Memory: heap growth between an early and a late reading, per adapter, in a fresh child
// process each, for real HTTP requests and for the in-process hook loop. The host client with
// a fixed header, in its own process, is the baseline for the real HTTP part.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { waitForMessage } from '../lib/child-message.mjs';
import { ADAPTERS } from '../lib/clients.mjs';
import { startGatewayProcess } from '../lib/gateway-process.mjs';

const WORKER = new URL('./memory-worker.mjs', import.meta.url);
const LONG_LIFETIME_SECONDS = 3599;

/**
 * Runs the memory worker for each adapter and returns its readings.
 *
 * @param {{ realEarly: number, realTotal: number, hookEarly: number, hookTotal: number }} config
 */
export async function benchMemory(config) {
  const gateway = await startGatewayProcess({ tokenLifetimeSeconds: LONG_LIFETIME_SECONDS });
  const rows = [];
  try {
    for (const adapter of ADAPTERS) {
      const baseline = await runWorker('static', adapter, gateway.url, config);
      const candidate = await runWorker('ids-auth', adapter, gateway.url, config);
      rows.push({ ...candidate, baselineReal: baseline.real });
    }
  } finally {
    await gateway.close();
  }

  return { rows, config };
}

async function runWorker(variant, adapter, baseUrl, config) {
  const counts = [config.realEarly, config.realTotal, config.hookEarly, config.hookTotal];
  const child = fork(WORKER, [variant, adapter, baseUrl, ...counts.map(String)], {
    execArgv: ['--expose-gc'],
    stdio: 'inherit',
  });
  const exited = once(child, 'exit');
  const readings = await waitForMessage(child);
  await exited;

  return readings;
}
