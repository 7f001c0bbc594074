// Expiry boundary: steady load across several lifetimes of a short token, through each
// ids-auth adapter and through the two strategies in lib/token-strategies.mjs.
import { ADAPTERS, BENCH_PATH, createAuthSender } from '../lib/clients.mjs';
import { startGatewayProcess } from '../lib/gateway-process.mjs';
import { runForDuration } from '../lib/load.mjs';
import { logIn } from '../lib/login-client.mjs';
import { probeLoginWaits } from '../lib/login-wait-probe.mjs';
import { createBenchManager } from '../lib/managers.mjs';
import { summarizeBlock } from '../lib/stats.mjs';
import {
  createRefreshAfter401Sender,
  createReloginUnderMarginSender,
} from '../lib/token-strategies.mjs';

/**
 * Runs every adapter and both strategies for `lifetimes` token lifetimes each.
 *
 * @param {{ lifetimeSeconds: number, lifetimes: number, inFlight: number }} config
 */
export async function benchExpiryBoundary(config) {
  const gateway = await startGatewayProcess({ tokenLifetimeSeconds: config.lifetimeSeconds });
  const rows = [];
  try {
    for (const adapter of ADAPTERS) {
      rows.push(await runIdsAuth(adapter, gateway, config));
    }
    rows.push(await runStrategy('refresh after 401', createRefreshAfter401Sender, gateway, config));
    rows.push(
      await runStrategy('re-login under 5 min', createReloginUnderMarginSender, gateway, config),
    );
  } finally {
    await gateway.close();
  }

  return { rows, config };
}

async function runIdsAuth(adapter, gateway, config) {
  const manager = createBenchManager(gateway.url);
  const counters = probeLoginWaits(manager);
  await manager.getToken();
  counters.waitedForLogin = 0;
  const send = createAuthSender(adapter, gateway.url, manager);
  const row = await measure(`ids-auth ${adapter}`, send, counters, gateway, config);
  await manager.close();

  return row;
}

async function runStrategy(name, createSender, gateway, config) {
  const { send, counters } = createSender(gateway.url, await logIn(gateway.url));

  return measure(name, send, counters, gateway, config);
}

async function measure(name, send, counters, gateway, config) {
  const before = await gateway.stats();
  const durationMs = config.lifetimeSeconds * 1000 * config.lifetimes;
  const result = await runForDuration(send, BENCH_PATH, durationMs, config.inFlight);
  const after = await gateway.stats();
  const summary = summarizeBlock(result.latencies, result.elapsedNs);

  return {
    name,
    requests: result.latencies.length,
    waitedForLogin: counters.waitedForLogin,
    logins: after.logins - before.logins,
    gateway401s: countUnauthorized(after) - countUnauthorized(before),
    caller401s: result.statuses.get(401) ?? 0,
    otherFailures: countOtherFailures(result.statuses),
    p99Us: summary.p99Us,
    medianUs: summary.medianUs,
    requestsPerSecond: summary.requestsPerSecond,
  };
}

function countUnauthorized(stats) {
  return Object.values(stats.unauthorized).reduce((sum, count) => sum + count, 0);
}

function countOtherFailures(statuses) {
  let failures = 0;
  for (const [status, count] of statuses) {
    if (status !== 200 && status !== 401) failures += count;
  }
  return failures;
}
