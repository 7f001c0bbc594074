// Child process for the memory bench, run with --expose-gc so heap readings follow a full
// collection. It measures one adapter and sends the readings to the parent over IPC.
import { setTimeout as delay } from 'node:timers/promises';
import { BENCH_PATH, createAuthSender, createStaticSender } from '../lib/clients.mjs';
import { createInProcessDriver } from '../lib/in-process-drivers.mjs';
import { runConcurrent } from '../lib/load.mjs';
import { createBenchManager } from '../lib/managers.mjs';

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
await runConcurrent(send, BENCH_PATH, realEarly, REAL_IN_FLIGHT);
const realEarlyHeap = await readHeap();
await runConcurrent(send, BENCH_PATH, realTotal - realEarly, REAL_IN_FLIGHT);
const realTotalHeap = await readHeap();
const real = {
  early: realEarly,
  total: realTotal,
  earlyHeap: realEarlyHeap,
  totalHeap: realTotalHeap,
};
if (variant === 'static') {
  await manager.close();
  process.send({ variant, adapter, real });
  process.exit(0);
}

const driver = createInProcessDriver(adapter, baseUrl, manager);
const hookCountsBefore = driver.hookCounts();
await sendInProcess(driver, hookEarly);
const hookEarlyHeap = await readHeap();
await sendInProcess(driver, hookTotal - hookEarly);
const hookTotalHeap = await readHeap();
const hookCountsAfter = driver.hookCounts();

await manager.close();
process.send({
  variant,
  adapter,
  real,
  hook: { early: hookEarly, total: hookTotal, earlyHeap: hookEarlyHeap, totalHeap: hookTotalHeap },
  hookCountsBefore,
  hookCountsAfter,
});

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
