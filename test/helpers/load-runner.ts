import { Agent } from 'node:http';
import { type Clock, createTokenManager, type TokenManager } from '@ids-auth/core';
import { type Gateway, startGateway } from '@ids-auth/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { type AdapterName, createDriver } from './adapter-drivers.js';
import { limitConnections } from './limited-fetch.js';
import { MAIN_CLIENT } from './test-clients.js';

const CONCURRENT_REQUESTS = 10_000;
const MAX_CONNECTIONS = 64;
const TOKEN_LIFETIME_SECONDS = 3600;
/** The jump moves both clocks past the first token's expiry. */
const CLOCK_JUMP_MS = (TOKEN_LIFETIME_SECONDS + 60) * 1000;
const REQUEST_TIMEOUT_MS = 60_000;
/** Hang guard for one adapter's run, which took 6 to 29 s on a busy two-core machine. */
const RUN_TIMEOUT_MS = 60_000;
const PATH = '/dap/query/canvas/table';

/**
 * Time shared by the gateway and the manager. `jump()` moves both forward at once, so requests
 * still queued with the old token reach the gateway after it expired.
 */
function createJumpingClock() {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const clock: Clock = {
    now,
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };

  return { now, clock, jump: (ms: number) => (offsetMs += ms) };
}

interface LoadRun {
  gateway: Gateway;
  manager: TokenManager;
  agent: Agent;
}

async function sendLoad(adapter: AdapterName, onStart: (run: LoadRun) => void) {
  const time = createJumpingClock();
  const gateway = await startGateway({
    clients: [MAIN_CLIENT],
    tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    now: time.now,
  });
  const manager = createTokenManager({ ...MAIN_CLIENT, baseUrl: gateway.url, clock: time.clock });
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_CONNECTIONS });
  onStart({ gateway, manager, agent });
  const driver = createDriver(adapter, manager, {
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    httpAgent: agent,
    fetch: limitConnections(globalThis.fetch, MAX_CONNECTIONS),
  });

  let completed = 0;
  const onSettled = () => {
    completed += 1;
    if (completed === CONCURRENT_REQUESTS / 2) time.jump(CLOCK_JUMP_MS);
  };
  const outcomes = await Promise.all(
    Array.from({ length: CONCURRENT_REQUESTS }, () =>
      driver
        .send(`${gateway.url}${PATH}`)
        .then(
          (response) => String(response.status),
          (error: unknown) => `rejected: ${String(error)}`,
        )
        .finally(onSettled),
    ),
  );

  return { outcomes, stats: gateway.stats() };
}

/** Counts each distinct outcome, so a failure report stays short. */
function tally(outcomes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;

  return counts;
}

/**
 * Defines the load test for one adapter: 10,000 concurrent requests through one manager, with
 * both clocks jumping past the token's expiry once half of them have completed.
 */
export function defineLoadTest(adapter: AdapterName): void {
  let run: LoadRun | undefined;

  afterEach(async () => {
    run?.agent.destroy();
    await run?.manager.close();
    await run?.gateway.close();
    run = undefined;
  });

  describe(`load through ${adapter}`, () => {
    it(
      'serves 10,000 requests across an expiry',
      async () => {
        const { outcomes, stats } = await sendLoad(adapter, (started) => {
          run = started;
        });

        expect(tally(outcomes)).toEqual({ '200': CONCURRENT_REQUESTS });
        // One login before the jump and one after it, shared by every request.
        expect(stats.logins).toBe(2);
        // The requests queued with the old token got a 401 and exactly one retry each.
        expect(stats.unauthorized.expired).toBeGreaterThan(0);
        expect(stats.apiRequests).toBe(CONCURRENT_REQUESTS + stats.unauthorized.expired);
        expect(stats.unauthorized.invalid + stats.unauthorized.missing).toBe(0);
      },
      RUN_TIMEOUT_MS,
    );
  });
}
