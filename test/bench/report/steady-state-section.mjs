import { DIAGNOSTIC_ROWS, FETCH_GET_TOKEN, KY_NO_OP_HOOK } from '../scenarios/steady-state.mjs';
import { formatCount, formatMicros, formatRatio, OVERHEAD_TARGET, renderTable } from './format.mjs';

/** Requests per side and mode that the benchmark plan specifies. */
const REQUESTED_PER_SIDE = 20_000;

/** Lists the steady-state rows that miss the target, each with the ratios that miss it. */
export function findSteadyStateMisses(steadyState) {
  const misses = [];
  for (const row of steadyState.rows) {
    if (DIAGNOSTIC_ROWS.includes(row.adapter)) continue;

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
  const hookCostByAdapter = new Map(hookCost.rows.map((row) => [row.adapter, row]));
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
    formatMicros(row.cpu.baselineMedian),
    formatRatio(row.cpu),
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
    `Each adapter with a warm token against the same client sending a fixed \`Authorization\` header, one request at a time and with ${config.inFlight} in flight. Each side sent ${formatCount(config.requestsPerSide)} requests per mode, in ${config.pairCount} alternating pairs of blocks of ${formatCount(config.requestsPerSide / config.pairCount)}, after 500 warm-up requests per side.${config.requestsPerSide < REQUESTED_PER_SIDE ? ' That is fewer than the 20,000 per side and mode the benchmark plan specifies, to keep the whole run under ten minutes.' : ''} Ratios are ids-auth over baseline (latency: lower is better, throughput: higher is better). Target: latency ratios at most ${OVERHEAD_TARGET}, throughput ratio at least ${(1 / OVERHEAD_TARGET).toFixed(2)}. "CPU per request" is the user and system CPU time of the client process (\`process.cpuUsage()\`) over a block, divided by its requests. It leaves out the gateway process, and other processes on the machine disturb it less than they disturb wall time.`,
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
        'baseline CPU per request',
        'CPU ratio',
      ],
      rows,
    ),
    '',
    `Two rows are diagnostics without a target. \`${KY_NO_OP_HOOK}\` is ky with a fixed header and one \`afterResponse\` hook that does nothing, against ky without it. ky 1.14.3 (\`distribution/core/Ky.js\`) clones the response for every \`afterResponse\` hook and cancels the clone afterwards, so that row shows what any such hook costs in ky before the ids-auth code runs. \`${FETCH_GET_TOKEN}\` is fetch with the header built from \`await manager.getToken()\` before each request, against the fixed header: the token lookup alone, without the adapter's header and origin rules or its \`request:authorized\` event.`,
    '',
    renderMisses(findSteadyStateMisses(steadyState), hookCostByAdapter),
    '',
    `### Where the overhead comes from (in process, tinybench)`,
    '',
    `The adapter's hooks run on request objects built as the host builds them, without a socket, against setting a fixed header on the same objects. Median time per request over ${hookCost.config.rounds} alternating tinybench runs of ${hookCost.config.taskTimeMs} ms per task; "added" is the per-run difference, median (min–max). For fetch the baseline only calls the function, while the wrapper also copies the headers into a \`Headers\` object that real fetch would build anyway, so its added time is an upper bound.`,
    '',
    renderTable(['adapter', 'fixed header', 'ids-auth hooks', 'added per request'], hookRows),
  ].join('\n');
}

/** Example request time that shows how a fixed per-request cost shrinks as a share. */
const EXAMPLE_REMOTE_REQUEST_US = 50_000;

// The added time is fixed per request, so the same microseconds are a large share of a
// loopback request to the emulator and a small share of a request that crosses a network.
function renderPerspective(misses) {
  const sequential = misses.filter(({ row }) => row.inFlight === 1);
  if (sequential.length === 0) return '';

  const added = Math.max(
    ...sequential.map(({ row }) => row.median.candidateMedian - row.median.baselineMedian),
  );
  const share = (100 * added) / EXAMPLE_REMOTE_REQUEST_US;
  return `Why: the adapters add a fixed time to each request (up to ${formatMicros(added)} at the median here, one request at a time), and a loopback request to the emulator takes only about ${formatMicros(sequential[0].row.median.baselineMedian)}, so the ratio is large. For a request that takes ${EXAMPLE_REMOTE_REQUEST_US / 1000} ms, the same added time would be ${share.toFixed(2)} %. This bench does not measure requests over a network.`;
}

function renderMisses(misses, hookCostByAdapter) {
  if (misses.length === 0) return 'Every adapter met the target in both modes.';

  const lines = misses.map(({ row, missed }) => {
    const added = hookCostByAdapter.get(row.adapter)?.addedUs.median ?? 0;
    const share = (100 * added) / row.cpu.baselineMedian;
    const addedMedian = row.median.candidateMedian - row.median.baselineMedian;
    const cost = ` The median request took ${formatMicros(Math.abs(addedMedian))} ${addedMedian >= 0 ? 'longer' : 'less'}. In process its hooks add ${formatMicros(added)} a request, ${share.toFixed(1)} % of the baseline's ${formatMicros(row.cpu.baselineMedian)} of client CPU per request.`;
    const noise =
      row.median.min < 1 || row.p99.min < 1 || row.throughput.max > 1
        ? ' At least one latency or throughput ratio fell on the other side of 1 in some pair.'
        : '';
    return `- ${row.adapter} at ${row.inFlight} in flight: ${missed.join(', ')}.${cost}${noise}`;
  });

  return [
    'Target missed:',
    '',
    ...lines,
    '',
    renderPerspective(misses),
    '',
    `Where the time goes: the \`${FETCH_GET_TOKEN}\` row is the cost of the token lookup alone; the fetch row minus that row is the rest of the adapter. For every request, \`authorizeRequest()\` in \`@ids-auth/core\` parses the request URL and the login URL and hashes the token with SHA-256 for the \`request:authorized\` event, whether or not anything listens to it. The in-process table below times that work in a hot loop, where it comes out smaller than the end-to-end differences above.`,
  ].join('\n');
}
