import { type ChildProcess, fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WorkerConfig, WorkerMessage, WorkerSummary } from './worker-protocol.js';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Inside node_modules, so the bundle's bare imports resolve to this package's dependencies. */
const BUNDLE_DIR = join(PACKAGE_DIR, 'node_modules', '.cache', 'ids-auth-redis-tests');
const CONDITION_POLL_MS = 10;

/**
 * Bundles the worker fixture and this package's source into one ES module, so child
 * processes run the current TypeScript without a build step. Packages stay external.
 */
export async function bundleWorker(): Promise<string> {
  await mkdir(BUNDLE_DIR, { recursive: true });
  const outfile = join(BUNDLE_DIR, `token-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [join(PACKAGE_DIR, 'test', 'fixtures', 'token-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });

  return outfile;
}

/** One forked worker and everything it has reported so far. */
export class WorkerHandle {
  readonly child: ChildProcess;
  readonly messages: WorkerMessage[] = [];
  summary: WorkerSummary | undefined;
  #killed = false;

  constructor(bundle: string, config: WorkerConfig) {
    this.child = fork(bundle, [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: WorkerMessage) => {
      this.messages.push(message);
      if (message.type === 'summary') this.summary = message.summary;
    });
  }

  /** Token fingerprints in the order this worker first used them. */
  get tokens(): string[] {
    return this.messages.flatMap((message) =>
      message.type === 'token' ? [message.fingerprint] : [],
    );
  }

  count(type: WorkerMessage['type']): number {
    return this.messages.filter((message) => message.type === type).length;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ends the process at once, as a crash or an OOM kill would. */
  kill(): void {
    this.#killed = true;
    this.child.kill('SIGKILL');
  }

  /** Throws if the process ended without being stopped or killed by the test. */
  assertNotCrashed(): void {
    if (this.alive || this.#killed || this.summary !== undefined) return;

    const crash = this.messages.find((message) => message.type === 'crashed');
    throw new Error(`worker ${this.child.pid} exited early: ${JSON.stringify(crash ?? {})}`);
  }
}

/**
 * Resolves once `condition` holds; the test timeout bounds the wait. Throws as soon as a
 * worker of `workers` crashes, because the condition may then never hold.
 */
export async function until(condition: () => boolean, workers: WorkerHandle[] = []): Promise<void> {
  while (!condition()) {
    for (const worker of workers) worker.assertNotCrashed();
    await new Promise((resolve) => setTimeout(resolve, CONDITION_POLL_MS));
  }
}

/** Forks one worker per config and waits until each has its manager and store. */
export async function startFleet(bundle: string, configs: WorkerConfig[]): Promise<WorkerHandle[]> {
  const workers = configs.map((config) => new WorkerHandle(bundle, config));
  await until(() => workers.every((worker) => worker.count('ready') === 1), workers);

  return workers;
}

/** Starts the request loop of every worker at once. */
export function startLoad(workers: WorkerHandle[]): void {
  for (const worker of workers) worker.child.send({ type: 'start' });
}

/** Stops the live workers and waits for their summaries. Killed workers send none. */
export async function stopFleet(workers: WorkerHandle[]): Promise<void> {
  const live = workers.filter((worker) => worker.alive);
  for (const worker of live) worker.child.send({ type: 'stop' });
  await until(() => live.every((worker) => worker.summary !== undefined), live);
}

/** Kills every worker that is still running, to clean up after a failed test. */
export function killFleet(workers: WorkerHandle[]): void {
  for (const worker of workers) if (worker.alive) worker.kill();
}
