import { createTokenManager, type TokenManager, type TokenManagerEvents } from '@ids-auth/core';
import { type Gateway, type GatewayStats, startGateway } from '@ids-auth/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdapterDriver,
  createDriver,
  type DriverResponse,
  idsAuthCode,
} from './adapter-drivers.js';
import {
  type CellContext,
  type Expected,
  FAULT_CELLS,
  type FaultCell,
  MAIN_PATH,
  MATRIX_LOGIN_ATTEMPTS,
  NEIGHBOR_PATH,
  SLOW_LOGIN_MS,
} from './fault-cells.js';
import { type DriverName, extraHostOf } from './host-clients.js';
import { idsAuthErrorsIn, LeakCollector, recordingLoginFetch } from './leak-scan.js';
import { MAIN_CLIENT, NEIGHBOR_CLIENT } from './test-clients.js';

/** Each cell must settle within this, or it counts as a hang. */
export const CELL_DEADLINE_MS = 15_000;
const TEST_TIMEOUT_MS = CELL_DEADLINE_MS + 5_000;
// Two seconds leave a loaded CI machine room for a normal login while the slow cells stay short.
const LOGIN_TIMEOUT_MS = SLOW_LOGIN_MS / 1.5;
const LOGIN_DEADLINE_MS = 8_000;
const REQUEST_TIMEOUT_MS = 12_000;
const TOKEN_LIFETIME_SECONDS = 3600;

/** What one cell produced: a final status, or the `IDS_AUTH_*` code of a rejection. */
type Outcome = { status: number } | { code: string } | { hang: true };

function withinDeadline(work: Promise<DriverResponse>): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ hang: true }), CELL_DEADLINE_MS);
  });
  const settled = work.then(
    (response): Outcome => ({ status: response.status }),
    (error: unknown): Outcome => ({ code: idsAuthCode(error) ?? `not ids-auth: ${String(error)}` }),
  );

  return Promise.race([settled, deadline]).finally(() => clearTimeout(timer));
}

/** A cell's own gateway and clients, so a late response to an abandoned login stays in its cell. */
interface CellRun {
  gateway: Gateway;
  manager: TokenManager;
  neighborManager: TokenManager;
  neighbor: AdapterDriver;
  context: CellContext;
}

function createMainManager(
  gateway: Gateway,
  cell: FaultCell,
  collector: LeakCollector,
  signal: AbortSignal,
) {
  return createTokenManager({
    clientId: MAIN_CLIENT.clientId,
    clientSecret: cell.wrongSecret ? `${MAIN_CLIENT.clientSecret}-wrong` : MAIN_CLIENT.clientSecret,
    baseUrl: gateway.url,
    timeoutMs: LOGIN_TIMEOUT_MS,
    loginDeadlineMs: LOGIN_DEADLINE_MS,
    maxLoginAttempts: MATRIX_LOGIN_ATTEMPTS,
    // Without jitter, retries of 5xx and resets follow at once, so the matrix stays fast.
    random: () => 0,
    fetch: recordingLoginFetch(collector),
    signal,
  });
}

function createCellContext(
  gateway: Gateway,
  driver: AdapterDriver,
  manager: TokenManager,
  managerAbort: AbortController,
) {
  const context: CellContext = {
    adapter: driver.name,
    gateway,
    manager,
    managerAbort,
    send: ({ path = MAIN_PATH, ...request } = {}) => driver.send(`${gateway.url}${path}`, request),
    loginFailures: [],
    clockSkews: [],
  };
  manager.on('login:failure', (payload: TokenManagerEvents['login:failure']) =>
    context.loginFailures.push(payload),
  );
  manager.on('clock:skew', (payload) => context.clockSkews.push(payload));

  return context;
}

/**
 * Starts a gateway for one cell with the neighbor already logged in, so the neighbor's login
 * takes no fault the cell arms.
 */
async function openCell(adapter: DriverName, cell: FaultCell, collector: LeakCollector) {
  const gateway = await startGateway({
    clients: [MAIN_CLIENT, NEIGHBOR_CLIENT],
    tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
  });
  const driverOptions = {
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    onHttpError: (error: unknown) => collector.add(`${adapter} ${cell.name} HTTP error`, error),
  };
  const neighborManager = createTokenManager({
    ...NEIGHBOR_CLIENT,
    baseUrl: gateway.url,
    fetch: recordingLoginFetch(collector),
  });
  collector.watchManager(`${adapter} ${cell.name} neighbor`, neighborManager);
  const neighbor = createDriver(adapter, neighborManager, driverOptions);
  const warmUp = await neighbor.send(`${gateway.url}${NEIGHBOR_PATH}`);
  expect(warmUp.status).toBe(200);
  gateway.resetStats();

  const managerAbort = new AbortController();
  const manager = createMainManager(gateway, cell, collector, managerAbort.signal);
  collector.watchManager(`${adapter} ${cell.name}`, manager);
  const driver = createDriver(adapter, manager, driverOptions);
  const context = createCellContext(gateway, driver, manager, managerAbort);
  const run: CellRun = { gateway, manager, neighborManager, neighbor, context };

  return run;
}

async function closeCell(run: CellRun): Promise<void> {
  await run.manager.close();
  await run.neighborManager.close();
  await run.gateway.close();
}

/** Runs the cell's requests, then one neighbor request once the faults are cleared. */
async function runCell(run: CellRun, cell: FaultCell, collector: LeakCollector, label: string) {
  cell.arrange?.(run.gateway);
  const work = cell.act ? cell.act(run.context) : run.context.send();
  work.catch((error: unknown) => {
    collector.add(`${label} rejection`, error);
    for (const found of idsAuthErrorsIn(error)) collector.add(`${label} ids-auth error`, found);
  });
  const outcome = await withinDeadline(work);

  run.gateway.faults.clear();
  const neighborOutcome = await withinDeadline(
    run.neighbor.send(`${run.gateway.url}${NEIGHBOR_PATH}`),
  );

  return { outcome, neighborOutcome };
}

/** Checks that every request carried its own client's token, and none an expired one. */
function checkTokenOwners(stats: GatewayStats, cell: FaultCell): void {
  const main = stats.requests.filter((request) => request.path !== NEIGHBOR_PATH);
  const neighbor = stats.requests.filter((request) => request.path === NEIGHBOR_PATH);
  for (const request of main) expect(request.clientId).toBe(MAIN_CLIENT.clientId);
  for (const request of neighbor) expect(request.clientId).toBe(NEIGHBOR_CLIENT.clientId);

  const expired = main.filter((request) => request.tokenExpired);
  expect(expired.length).toBeLessThanOrEqual(cell.gatewayIssuesExpiredToken ? 1 : 0);
  expect(neighbor.filter((request) => request.tokenExpired)).toEqual([]);
}

function expectedOutcome(expected: Expected): Outcome {
  return 'status' in expected ? { status: expected.status } : { code: expected.code };
}

/**
 * Defines the fault matrix for one adapter or extra host version: every cell of `FAULT_CELLS`
 * with a fresh gateway and manager, then the leak scan over everything the cells produced.
 * A host version this runtime cannot run is skipped, with the reason in the suite title.
 */
export function defineFaultMatrix(adapter: DriverName): void {
  const host = extraHostOf(adapter);
  const skipReason = host?.skipReason;
  const title = host ? `${host.adapter} adapter with ${host.label}` : adapter;

  describe.skipIf(skipReason !== undefined)(
    skipReason ? `${title} (skipped: ${skipReason})` : title,
    () => defineCellsAndScan(adapter),
  );
}

function defineCellsAndScan(adapter: DriverName): void {
  const collector = new LeakCollector();

  beforeAll(() => {
    collector.addCredentials(MAIN_CLIENT.clientId, MAIN_CLIENT.clientSecret);
    collector.addCredentials(NEIGHBOR_CLIENT.clientId, NEIGHBOR_CLIENT.clientSecret);
    collector.watchChannels();
    collector.watchWarnings();
  });

  afterAll(() => collector.stop());

  // Each cell has its own gateway and manager, so cells run side by side.
  describe.concurrent(`fault matrix through ${adapter}`, () => {
    for (const cell of FAULT_CELLS) {
      it(
        cell.name,
        async () => {
          const run = await openCell(adapter, cell, collector);
          try {
            const label = `${adapter} ${cell.name}`;
            const { outcome, neighborOutcome } = await runCell(run, cell, collector, label);
            collector.add(`${label} manager`, run.manager);

            const expected = cell.expectedByAdapter?.[adapter] ?? cell.expected;
            expect(outcome).toEqual(expectedOutcome(expected));
            expect(neighborOutcome).toEqual({ status: 200 });
            const stats = run.gateway.stats();
            checkTokenOwners(stats, cell);
            cell.verify?.(stats, run.context);
          } finally {
            await closeCell(run);
          }
        },
        TEST_TIMEOUT_MS,
      );
    }
  });

  // Runs after every cell above has finished.
  describe(`leak scan through ${adapter}`, () => {
    it('leaks no secret, Basic value or token', () => {
      const leaks = collector.scan();

      // Two secrets, two Basic values, and the tokens of every login.
      expect(collector.secretCount).toBeGreaterThan(4 + FAULT_CELLS.length);
      expect(collector.samples.length).toBeGreaterThan(FAULT_CELLS.length);
      expect(leaks).toEqual([]);
    });
  });
}
