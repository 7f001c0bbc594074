/** Returns the `p`-th percentile (0 to 100) of sorted numbers, nearest-rank method. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;

  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Returns the median of numbers in any order. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];

  return (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Returns `{ median, min, max }` of numbers in any order. */
export function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Summarizes one block of latencies (nanoseconds, as `bigint` or number) and its wall time:
 * median and p99 in microseconds, throughput in requests per second.
 */
export function summarizeBlock(latenciesNs, elapsedNs) {
  const micros = Float64Array.from(latenciesNs, (ns) => Number(ns) / 1000).sort();

  return {
    count: micros.length,
    medianUs: percentile(micros, 50),
    p99Us: percentile(micros, 99),
    requestsPerSecond: micros.length / (Number(elapsedNs) / 1e9),
  };
}
