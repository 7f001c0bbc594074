// Import cost: a fresh process importing the host client and the adapter, against one
// importing the host client alone, in alternating pairs.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pairRatio, runAlternatingPairs } from '../lib/pairs.mjs';

const run = promisify(execFile);
const PROBE = new URL('./import-probe.mjs', import.meta.url).pathname;

/** Host client module and adapter module per adapter. */
const IMPORTS = {
  axios: ['axios', '@ids-auth/axios'],
  got: ['got', '@ids-auth/got'],
  ky: ['ky', '@ids-auth/ky'],
  fetch: ['global:fetch', '@ids-auth/fetch'],
};

/**
 * Measures every adapter with `pairCount` pairs of fresh processes.
 *
 * @param {{ pairCount: number }} config
 */
export async function benchImportCost(config) {
  const rows = [];
  for (const [adapter, [host, module]] of Object.entries(IMPORTS)) {
    const pairs = await runAlternatingPairs(
      config.pairCount,
      () => probe([host]),
      () => probe([host, module]),
    );
    rows.push({
      adapter,
      host,
      importMs: pairRatio(pairs, 'importMs'),
      processMs: pairRatio(pairs, 'processMs'),
    });
  }

  return { rows, config };
}

async function probe(specifiers) {
  const startedAt = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, [PROBE, ...specifiers]);
  const processMs = Number(process.hrtime.bigint() - startedAt) / 1e6;

  return { ...JSON.parse(stdout), processMs };
}
