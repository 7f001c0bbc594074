// Child process for the memory bench, run with --expose-gc so heap readings follow a full
// collection. It measures one adapter and sends the readings to the parent over IPC.
import { setTimeout as delay } from 'node:timers/promises';
import { BENCH_PATH, createAuthSender, createStaticSender } from '../lib/clients.mjs';
import { createInProcessDriver } from '../lib/in-process-drivers.mjs';
import { runConcurrent } from '../lib/load.mjs';
import { createBenchManager } from '../lib/managers.mjs';
import { median } from '../lib/stats.mjs';

const REAL_IN_FLIGHT = 64;
// Lets sockets and timers of finished requests settle before a heap reading.
const SETTLE_MS = 50;

const [variant, adapter, baseUrl, ...counts] = process.argv.slice(2);
const [realEarly, realTotal, hookEarly, hookTotal] = counts.map(Number);

const manager = createBenchManager(baseUrl);
await manager.getToken();

const send =
  variant === 'static'
    ? createStaticSender(adapter, baseUrl, await manager.getToken())
    : createAuthSender(adapter, baseUrl, manager);
const real = await measureHeapWindow(
  (count) => runConcurrent(send, BENCH_PATH, count, REAL_IN_FLIGHT),
  realEarly,
  realTotal,
);
if (variant === 'static') {
  await manager.close();
  process.send({ variant, adapter, real });
  process.exit(0);
}

const driver = createInProcessDriver(adapter, baseUrl, manager);
const hookCountsBefore = driver.hookCounts();
const hook = await measureHeapWindow((count) => sendInProcess(driver, count), hookEarly, hookTotal);
const hookCountsAfter = driver.hookCounts();

await manager.close();
process.send({
  variant,
  adapter,
  real,
  hook,
  hookCountsBefore,
  hookCountsAfter,
});

/**
 * Sends `total` requests through `sendBatch` and returns the median heap of three readings at
 * `early`, 1.25 × `early` and 1.5 × `early` requests and of three readings ending at `total`,
 * spaced a quarter of `early` apart. One reading after a collection can still swing by
 * megabytes with the buffers a client keeps between requests; the median of three does less.
 */
async function measureHeapWindow(sendBatch, early, total) {
  const gap = Math.round(early / 4);
  const marks = [early, early + gap, early + 2 * gap, total - 2 * gap, total - gap, total];
  const heaps = [];
  let sent = 0;
  for (const mark of marks) {
    await sendBatch(mark - sent);
    sent = mark;
    heaps.push(await readHeap());
  }

  return { early, total, earlyHeap: median(heaps.slice(0, 3)), totalHeap: median(heaps.slice(3)) };
}

async function sendInProcess(driver, count) {
  for (let index = 0; index < count; index += 1) {
    await driver.send();
  }
}

async function readHeap() {
  await delay(SETTLE_MS);
  globalThis.gc();
  globalThis.gc();

  return process.memoryUsage().heapUsed;
}
