import { KY_NO_OP_HOOK } from '../scenarios/steady-state.mjs';
import { formatCount, formatMicros, formatRatio, OVERHEAD_TARGET, renderTable } from './format.mjs';

/** Lists the steady-state rows that miss the target, each with the ratios that miss it. */
export function findSteadyStateMisses(steadyState) {
  const misses = [];
  for (const row of steadyState.rows) {
    if (row.adapter === KY_NO_OP_HOOK) continue;

    const missed = [];
    if (row.median.median > OVERHEAD_TARGET) missed.push(`median ${row.median.median.toFixed(2)}`);
    if (row.p99.median > OVERHEAD_TARGET) missed.push(`p99 ${row.p99.median.toFixed(2)}`);
    if (row.throughput.median < 1 / OVERHEAD_TARGET) {
      missed.push(`throughput ${row.throughput.median.toFixed(2)}`);
    }
    if (missed.length > 0) misses.push({ row, missed });
  }
  return misses;
}

/** Renders section 1: steady-state overhead and the in-process cost behind it. */
export function renderSteadyState(steadyState, hookCost) {
  const { config } = steadyState;
  const rows = steadyState.rows.map((row) => [
    row.adapter,
    String(row.inFlight),
    formatCount(row.requestsPerSide),
    formatMicros(row.median.baselineMedian),
    formatRatio(row.median),
    formatMicros(row.p99.baselineMedian),
    formatRatio(row.p99),
    formatRatio(row.throughput),
  ]);
  const hookRows = hookCost.rows.map((row) => [
    row.adapter,
    formatMicros(row.baselineUs.median),
    formatMicros(row.candidateUs.median),
    `${formatMicros(row.addedUs.median)} (${formatMicros(row.addedUs.min)}–${formatMicros(row.addedUs.max)})`,
  ]);

  return [
    '## 1. Steady-state overhead',
    '',
    `Each adapter with a warm token against the same client sending a fixed \`Authorization\` header, one request at a time and with ${config.inFlight} in flight. Each side sent ${formatCount(config.requestsPerSide)} requests per mode, in ${config.pairCount} alternating pairs of blocks of ${formatCount(config.requestsPerSide / config.pairCount)}, after 500 warm-up requests per side. The issue asks for 20,000 per side and mode; that many would take the whole run past ten minutes on this machine. Ratios are ids-auth over baseline (latency: lower is better, throughput: higher is better). Target: latency ratios at most ${OVERHEAD_TARGET}, throughput ratio at least ${(1 / OVERHEAD_TARGET).toFixed(2)}.`,
    '',
    renderTable(
      [
        'adapter',
        'in flight',
        'requests per side',
        'baseline median',
        'median ratio',
        'baseline p99',
        'p99 ratio',
        'throughput ratio',
      ],
      rows,
    ),
    '',
    renderMisses(findSteadyStateMisses(steadyState)),
    '',
    `The row \`${KY_NO_OP_HOOK}\` is a diagnostic, not an adapter: ky with a fixed header and one \`afterResponse\` hook that does nothing, against ky without it. ky 1.14 clones the response for every \`afterResponse\` hook and cancels the clone afterwards, so that row shows what any such hook costs in ky before the ids-auth code runs.`,
    '',
    `### Where the overhead comes from (in process, tinybench)`,
    '',
    `The adapter's hooks run on request objects built as the host builds them, without a socket, against setting a fixed header on the same objects. Median time per request over ${hookCost.config.rounds} alternating tinybench runs of ${hookCost.config.taskTimeMs} ms per task; "added" is the per-run difference, median (min–max). For fetch the baseline only calls the function, while the wrapper also copies the headers into a \`Headers\` object that real fetch would build anyway, so its added time is an upper bound.`,
    '',
    renderTable(['adapter', 'fixed header', 'ids-auth hooks', 'added per request'], hookRows),
  ].join('\n');
}

function renderMisses(misses) {
  if (misses.length === 0) return 'Every adapter met the target in both modes.';

  const lines = misses.map(({ row, missed }) => {
    const noise =
      row.median.min < 1 || row.p99.min < 1 || row.throughput.max > 1
        ? ' At least one ratio fell on both sides of 1 across the pairs, so part of this is noise on this machine.'
        : '';
    return `- ${row.adapter} at ${row.inFlight} in flight missed: ${missed.join(', ')}.${noise}`;
  });

  return ['Target missed:', '', ...lines].join('\n');
}
