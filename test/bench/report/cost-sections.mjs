// Sections 5 and 6: memory growth and import cost.
import { DIAGNOSTIC_ROWS } from '../scenarios/steady-state.mjs';
import {
  formatCount,
  formatKilobytes,
  formatRatio,
  HEAP_GROWTH_TARGET_BYTES,
  renderTable,
} from './format.mjs';

/** Renders section 5: heap growth per adapter. */
export function renderMemory(memory, steadyState) {
  const { config } = memory;
  const slowestRate = Math.min(
    ...steadyState.rows
      .filter((row) => row.inFlight > 1 && !DIAGNOSTIC_ROWS.includes(row.adapter))
      .map((row) => row.throughput.candidateMedian),
  );
  const growth = (phase) => phase.totalHeap - phase.earlyHeap;
  const rows = memory.rows.map((row) => [
    row.adapter,
    formatKilobytes(growth(row.baselineReal)),
    formatKilobytes(growth(row.real)),
    formatKilobytes(growth(row.hook)),
    JSON.stringify(row.hookCountsBefore) === JSON.stringify(row.hookCountsAfter) ? 'yes' : 'no',
  ]);
  const misses = memory.rows.filter(
    (row) =>
      growth(row.real) >= HEAP_GROWTH_TARGET_BYTES || growth(row.hook) >= HEAP_GROWTH_TARGET_BYTES,
  );

  return [
    '## 5. Memory',
    '',
    `Each column is the heap after the late count minus the heap after the early count, in a fresh process per adapter and side. Each heap is read after two full collections (\`--expose-gc\`). The early heap is the median of readings at the early count and at 1.25 and 1.5 times it. The late heap is the median of readings at the late count and a quarter and a half of the early count before it. Real HTTP: ${formatCount(config.realTotal)} requests against ${formatCount(config.realEarly)}, 64 in flight, against the emulator; the baseline is the same client with a fixed header in its own process. In process: ${formatCount(config.hookTotal)} requests against ${formatCount(config.hookEarly)}, run through the adapter's interceptors or hooks without a socket (the drivers in \`test/bench/lib/in-process-drivers.mjs\`). At the slowest adapter's throughput in section 1 (${formatCount(slowestRate)} requests/s), a million real requests would take about ${Math.round(1_000_000 / slowestRate / 60)} minutes for that adapter alone, so the million runs in process and the real part is smaller. Target: growth under ${formatKilobytes(HEAP_GROWTH_TARGET_BYTES).slice(1)}, interceptor and hook counts unchanged.`,
    '',
    renderTable(
      [
        'adapter',
        `real, fixed header (${formatCount(config.realEarly)} → ${formatCount(config.realTotal)})`,
        `real, ids-auth (${formatCount(config.realEarly)} → ${formatCount(config.realTotal)})`,
        `in process, ids-auth (${formatCount(config.hookEarly)} → ${formatCount(config.hookTotal)})`,
        'hook counts unchanged',
      ],
      rows,
    ),
    '',
    misses.length === 0
      ? 'Target met for every adapter.'
      : [
          'Target missed:',
          '',
          ...misses.map((row) => describeMemoryMiss(row, growth, config)),
        ].join('\n'),
  ].join('\n');
}

function describeMemoryMiss(row, growth, config) {
  const parts = [
    `- ${row.adapter}: real HTTP ${formatKilobytes(growth(row.real))}, in process ${formatKilobytes(growth(row.hook))}.`,
    `The same client with a fixed header grew ${formatKilobytes(growth(row.baselineReal))} over the same requests.`,
  ];
  if (growth(row.hook) < HEAP_GROWTH_TARGET_BYTES) {
    parts.push(
      `The hooks alone stayed under the target over ${formatCount(config.hookTotal)} in-process requests.`,
    );
  }
  return parts.join(' ');
}

/** Renders section 6: import cost. */
export function renderImportCost(importCost) {
  const rows = importCost.rows.map((row) => [
    row.adapter,
    `\`${row.host}\``,
    `${row.importMs.baselineMedian.toFixed(1)} ms`,
    `${row.importMs.candidateMedian.toFixed(1)} ms`,
    formatRatio(row.importMs),
    formatRatio(row.processMs),
  ]);

  return [
    '## 6. Import cost',
    '',
    `A fresh Node process imports the host client, or the host client and then the adapter (which loads \`@ids-auth/core\`), ${importCost.config.pairCount} alternating pairs per adapter. "Import time" is measured inside the process around the imports; "process time" is spawn to exit, seen from the parent. \`global:fetch\` means reading \`globalThis.fetch\`, which Node loads on first use.`,
    '',
    renderTable(
      [
        'adapter',
        'host',
        'host import (median)',
        'host + adapter (median)',
        'import time ratio',
        'process time ratio',
      ],
      rows,
    ),
  ].join('\n');
}
