// End-to-end load loops timed with process.hrtime.bigint(). Each returns the latency of every
// request in nanoseconds, the wall time of the whole block and the statuses other than 200.
// `runConcurrent()` also returns the CPU time this process spent on the block, which other
// processes on the machine disturb far less than they disturb wall time.

/**
 * Sends `count` requests one after another.
 *
 * @param {(path: string) => Promise<number>} send
 * @param {string} path
 * @param {number} count
 */
export async function runSequential(send, path, count) {
  return runConcurrent(send, path, count, 1);
}

/**
 * Sends `count` requests with `inFlight` of them outstanding at any time.
 *
 * @param {(path: string) => Promise<number>} send
 * @param {string} path
 * @param {number} count
 * @param {number} inFlight
 */
export async function runConcurrent(send, path, count, inFlight) {
  const latencies = new BigInt64Array(count);
  const otherStatuses = new Map();
  let next = 0;

  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const startedAt = process.hrtime.bigint();
      const status = await send(path);
      latencies[index] = process.hrtime.bigint() - startedAt;
      if (status !== 200) otherStatuses.set(status, (otherStatuses.get(status) ?? 0) + 1);
    }
  };

  const cpuBefore = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  const elapsedNs = process.hrtime.bigint() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);

  return { latencies, elapsedNs, otherStatuses, cpuMicros: cpu.user + cpu.system };
}

/**
 * Keeps `inFlight` requests outstanding until `durationMs` has passed, then waits for the
 * last ones to finish.
 *
 * @param {(path: string) => Promise<number>} send
 * @param {string} path
 * @param {number} durationMs
 * @param {number} inFlight
 */
export async function runForDuration(send, path, durationMs, inFlight) {
  const latencies = [];
  const statuses = new Map();
  const startedAt = process.hrtime.bigint();
  const endAt = startedAt + BigInt(Math.round(durationMs * 1e6));

  const worker = async () => {
    while (process.hrtime.bigint() < endAt) {
      const sentAt = process.hrtime.bigint();
      const status = await send(path);
      latencies.push(process.hrtime.bigint() - sentAt);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));

  return { latencies, elapsedNs: process.hrtime.bigint() - startedAt, statuses };
}
