import type { CommandIo } from '../command-io.js';
import { describeLoginError } from '../login-error-exit.js';
import type { DapClients } from './dap-clients.js';
import { createDapClients } from './dap-clients.js';
import { runDapWorkflow, type WorkflowListener } from './dap-workflow.js';
import type { DemoReport } from './demo-report.js';
import { buildDemoReport } from './demo-report-builder.js';
import { type DemoOptions, type DemoTarget, openDemoTarget } from './demo-target.js';
import { legacyReadSchema } from './legacy-code.js';
import { Progress } from './progress.js';

const MS_PER_SECOND = 1000;

// A table of the canvas namespace, read by the legacy code.
const LEGACY_TABLE = 'accounts';

/** Outcome of a run: the report, plus the errors behind its failures for the exit code. */
export interface DemoOutcome {
  report: DemoReport;
  errors: unknown[];
}

/**
 * Runs the demo: axios, got, ky and fetch side by side with one token manager, then the
 * legacy code, and returns what happened.
 */
export async function runDemoScenario(io: CommandIo, options: DemoOptions): Promise<DemoOutcome> {
  const startedAtMs = Date.now();
  const progress = new Progress(io, startedAtMs);
  const target = await openDemoTarget(io.env, options);

  try {
    return await runAgainst(target, io, progress, startedAtMs, options.revoke === true);
  } finally {
    progress.finish();
    await target.close();
  }
}

async function runAgainst(
  target: DemoTarget,
  io: CommandIo,
  progress: Progress,
  startedAtMs: number,
  revoke: boolean,
): Promise<DemoOutcome> {
  const secrets = [io.env.DAP_CLIENT_SECRET];
  const errors: unknown[] = [];
  const failures: string[] = [];
  const fail = (label: string, error: unknown) => {
    errors.push(error);
    failures.push(`${label}: ${describeLoginError(error, secrets)}`);
  };

  const logins = watchLogins(target, progress);
  const revocations = revoke ? revokeAfterFirstRefresh(target, progress) : () => 0;
  const where = target.mode === 'emulator' ? 'embedded emulator' : 'gateway';
  progress.step(`${where} at ${target.baseUrl}; one token manager for axios, got, ky and fetch`);
  const clients = createDapClients(target.manager, target.baseUrl);

  // The legacy code obtained its token long before it runs. With the emulator's short
  // lifetime that token has expired by then.
  const staleToken = await target.manager.getToken().catch((error: unknown) => {
    fail('login', error);
    return undefined;
  });
  if (staleToken !== undefined) {
    await runWorkflows(clients, progress, fail);
    progress.step('legacy code: sending its own x-instauth header through axios');
    await legacyReadSchema(clients.legacy, staleToken, LEGACY_TABLE).catch((error: unknown) =>
      fail(clients.legacy.counter.name, error),
    );
  }

  const elapsedMs = Date.now() - startedAtMs;
  return {
    report: buildDemoReport(target, clients, {
      managerLogins: logins(),
      revocations: revocations(),
      elapsedMs,
      failures,
    }),
    errors,
  };
}

async function runWorkflows(
  clients: DapClients,
  progress: Progress,
  fail: (label: string, error: unknown) => void,
): Promise<void> {
  const workflowClients = [clients.axios, clients.got, clients.ky, clients.fetch];
  const listener = jobListener(progress, workflowClients.length);
  progress.step('listing tables, reading schemas and starting one snapshot job per client');

  const results = await Promise.allSettled(
    workflowClients.map((client, index) => runDapWorkflow(client, index, listener)),
  );
  results.forEach((result, index) => {
    if (result.status === 'rejected')
      fail(workflowClients[index]?.counter.name ?? '', result.reason);
  });
}

function jobListener(progress: Progress, jobs: number): WorkflowListener {
  let polls = 0;
  let complete = 0;

  return {
    onJobPoll: () => {
      polls += 1;
      progress.status(`snapshot jobs ${complete}/${jobs} complete, ${polls} status polls`);
    },
    onJobComplete: (client, clientPolls) => {
      complete += 1;
      progress.step(`${client}: snapshot job complete after ${clientPolls} status polls`);
    },
  };
}

// Revokes every token at the emulator right after the first refresh. The next request then
// carries a revoked token, because the next scheduled refresh is three quarters of a
// lifetime away, later than the next job poll. Returns the number of revocations so far.
function revokeAfterFirstRefresh(target: DemoTarget, progress: Progress): () => number {
  const refreshLogin = 2;
  let logins = 0;
  let revocations = 0;
  target.manager.on('login:success', () => {
    logins += 1;
    if (logins !== refreshLogin || target.gateway === undefined) return;

    target.gateway.faults.revokeAll();
    revocations += 1;
    progress.step('revoked every token at the gateway, so the next request gets a 401');
  });

  return () => revocations;
}

// Counts successful logins and reports each login and failed attempt as a progress step.
function watchLogins(target: DemoTarget, progress: Progress): () => number {
  let count = 0;
  target.manager.on('login:success', (event) => {
    count += 1;
    const lifetimeSeconds = Math.round(event.lifetimeMs / MS_PER_SECOND);
    progress.step(
      `login ${count}: new token ${event.tokenFingerprint}, valid ${lifetimeSeconds} s`,
    );
  });
  target.manager.on('login:failure', (event) => {
    const retry = event.willRetry ? `, retrying in ${event.retryInMs ?? 0} ms` : '';
    progress.step(`login attempt ${event.attempt} failed with ${event.code}${retry}`);
  });

  return () => count;
}
