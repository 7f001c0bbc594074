// Entry point of `pnpm bench`: runs every scenario once against emulator gateways on
// 127.0.0.1 and writes docs/benchmarks.md. Expects the packages to be built (the root
// `pnpm bench` builds them first).
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { startGatewayProcess } from './lib/gateway-process.mjs';
import { collectRunInfo } from './lib/run-info.mjs';
import { renderReport } from './report/render-report.mjs';
import { benchCluster } from './scenarios/cluster.mjs';
import { benchColdBurst } from './scenarios/cold-burst.mjs';
import { benchExpiryBoundary } from './scenarios/expiry-boundary.mjs';
import { benchHookCost } from './scenarios/hook-cost.mjs';
import { benchImportCost } from './scenarios/import-cost.mjs';
import { benchMemory } from './scenarios/memory.mjs';
import { benchSteadyState } from './scenarios/steady-state.mjs';

const REPOSITORY_ROOT = new URL('../../', import.meta.url);
const REPORT_FILE = new URL('docs/benchmarks.md', REPOSITORY_ROOT);

// Request counts are sized so the whole run, build included, stays under ten minutes on a
// 2-core VM. BENCH_QUICK=1 runs a small smoke version that is not meant for the report.
const FULL = {
  steadyState: { requestsPerSide: 20_000, pairCount: 10, inFlight: 256 },
  hookCost: { rounds: 4, taskTimeMs: 200 },
  coldBurst: { burstSize: 1_000, pairCount: 4 },
  expiryBoundary: { lifetimeSeconds: 3, lifetimes: 3, inFlight: 8 },
  cluster: { processes: 8, lifetimeSeconds: 3, lifetimes: 3, inFlight: 2 },
  memory: { realEarly: 10_000, realTotal: 30_000, hookEarly: 10_000, hookTotal: 1_000_000 },
  importCost: { pairCount: 10 },
};
const QUICK = {
  steadyState: { requestsPerSide: 400, pairCount: 2, inFlight: 256 },
  hookCost: { rounds: 2, taskTimeMs: 50 },
  coldBurst: { burstSize: 1_000, pairCount: 2 },
  expiryBoundary: { lifetimeSeconds: 1, lifetimes: 3, inFlight: 8 },
  cluster: { processes: 8, lifetimeSeconds: 1, lifetimes: 3, inFlight: 2 },
  memory: { realEarly: 200, realTotal: 600, hookEarly: 1_000, hookTotal: 10_000 },
  importCost: { pairCount: 2 },
};

const config = process.env.BENCH_QUICK === '1' ? QUICK : FULL;
const warnings = countProcessWarnings();
const startedAt = process.hrtime.bigint();
const results = { info: collectRunInfo(REPOSITORY_ROOT), quick: config === QUICK };

results.importCost = await step('import cost', () => benchImportCost(config.importCost));
results.hookCost = await step('in-process hook cost', () => withGateway(benchHookCostOn));
results.steadyState = await step('steady state', () => benchSteadyState(config.steadyState));
results.coldBurst = await step('cold burst', () => benchColdBurst(config.coldBurst));
results.expiryBoundary = await step('expiry boundary', () =>
  benchExpiryBoundary(config.expiryBoundary),
);
results.cluster = await step('cluster', () => benchCluster(config.cluster));
results.memory = await step('memory', () => benchMemory(config.memory));
results.warnings = Object.fromEntries(warnings);
results.info.loadAverageEnd = os.loadavg();
results.elapsedSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

await writeFile(REPORT_FILE, renderReport(results));
console.log(`Wrote ${REPORT_FILE.pathname} after ${results.elapsedSeconds.toFixed(0)} s.`);

async function benchHookCostOn(gateway) {
  return benchHookCost(config.hookCost, gateway.url);
}

async function withGateway(use) {
  const gateway = await startGatewayProcess({ tokenLifetimeSeconds: 3599 });
  try {
    return await use(gateway);
  } finally {
    await gateway.close();
  }
}

async function step(name, run) {
  const stepStartedAt = process.hrtime.bigint();
  console.log(`bench: ${name} ...`);
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - stepStartedAt) / 1e9;
  console.log(`bench: ${name} took ${seconds.toFixed(1)} s`);

  return { ...result, seconds };
}

// Node still prints each warning; the count goes into the report.
function countProcessWarnings() {
  const counts = new Map();
  process.on('warning', (warning) => {
    counts.set(warning.name, (counts.get(warning.name) ?? 0) + 1);
  });
  return counts;
}
