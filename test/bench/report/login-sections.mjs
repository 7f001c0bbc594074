// Sections 2 to 4: how many logins the gateway receives and which requests wait for them.
import { formatCount, formatMicros, formatRatio, renderTable } from './format.mjs';

/** Renders section 2: the cold burst. */
export function renderColdBurst(coldBurst) {
  const { config } = coldBurst;
  const rows = coldBurst.rows.map((row) => [
    row.adapter,
    row.loginsPerBurst.join(', '),
    formatMicros(row.median.baselineMedian),
    formatRatio(row.median),
    formatMicros(row.p99.baselineMedian),
    formatRatio(row.p99),
    String(row.errors),
  ]);
  const allSingle = coldBurst.rows.every((row) => row.loginsPerBurst.every((n) => n === 1));

  return [
    '## 2. Cold burst',
    '',
    `${formatCount(config.burstSize)} requests start at once through an adapter whose new manager has no token, against the same burst from the client with a fixed header and a token obtained beforehand. ${config.pairCount} alternating pairs per adapter. One baseline burst before the pairs opens the connection pool, so both sides find it open. Target: one login per burst.`,
    '',
    renderTable(
      [
        'adapter',
        'logins in each burst',
        'baseline median',
        'median ratio',
        'baseline p99',
        'p99 ratio',
        'non-200 responses',
      ],
      rows,
    ),
    '',
    allSingle
      ? 'Target met: every burst caused exactly one login.'
      : 'Target missed: at least one burst caused more than one login (see the table).',
    '',
    'The ids-auth side includes the login that every request of its burst waits for, which the baseline does not, so its latency ratios are above 1.',
  ].join('\n');
}

/** Renders section 3: the expiry boundary. */
export function renderExpiryBoundary(expiry) {
  const { config } = expiry;
  const reference = expiry.rows.find((row) => row.name === 'ids-auth fetch');
  const rows = expiry.rows.map((row) => [
    row.name,
    formatCount(row.requests),
    formatCount(row.waitedForLogin),
    formatCount(row.gateway401s),
    formatCount(row.caller401s),
    formatCount(row.logins),
    (row.logins / config.lifetimes).toFixed(1),
    formatMicros(row.p99Us),
    (row.p99Us / reference.p99Us).toFixed(2),
    formatCount(row.requestsPerSecond),
  ]);
  const idsAuthRows = expiry.rows.filter((row) => row.name.startsWith('ids-auth'));
  const met = idsAuthRows.every((row) => row.waitedForLogin === 0 && row.gateway401s === 0);

  return [
    '## 3. Expiry boundary',
    '',
    `Tokens of ${config.lifetimeSeconds} s, steady load of ${config.inFlight} requests in flight for ${config.lifetimes} lifetimes (${config.lifetimeSeconds * config.lifetimes} s) per row, starting just after a login. "Waited" counts requests whose token lookup did not return until a login finished (for ids-auth, \`getToken()\` calls during which a \`login:success\` event fired). "401 at gateway" counts 401 responses the emulator sent; "401 to caller" those that reached the caller after any retry. The two strategies are written in the bench on plain fetch. The first keeps its token until a 401, then logs in once for all requests that saw it and sends each of them again (the usual refresh-after-401 interceptor). The second logs in whenever less than 5 minutes remain, the rule of Instructure's own DAP client, so with tokens this short it logs in before every request. p99 ratio is against the ids-auth fetch row, which uses the same transport. Target for ids-auth: 0 waited and 0 401s.`,
    '',
    renderTable(
      [
        'client',
        'requests',
        'waited',
        '401 at gateway',
        '401 to caller',
        'logins',
        'logins per lifetime',
        'p99',
        'p99 ratio',
        'requests/s',
      ],
      rows,
    ),
    '',
    met
      ? 'Target met: no ids-auth request waited for a login or got a 401.'
      : 'Target missed: an ids-auth row has requests that waited for a login or saw a 401 (see the table).',
  ].join('\n');
}

/** Renders section 4: the cluster. */
export function renderCluster(cluster) {
  const { config } = cluster;
  const rows = cluster.rows.map((row) => [
    row.name,
    String(row.processes),
    formatCount(row.requests),
    String(row.failures),
    String(row.logins),
    row.loginsPerLifetime.toFixed(1),
    String(row.storeUnavailable),
  ]);
  const [alone, shared] = cluster.rows;
  const comparison = shared
    ? `With the Redis store the gateway saw ${(shared.logins / alone.logins).toFixed(2)} times the logins it saw without it.`
    : `The Redis run was skipped: ${cluster.redisSkipped}`;

  return [
    '## 4. Cluster',
    '',
    `${config.processes} processes, each with its own manager and the fetch adapter, ${config.inFlight} requests in flight each, for ${config.lifetimes} lifetimes of ${config.lifetimeSeconds}-second tokens, starting with no token. First each process on its own, then with \`@ids-auth/redis\` over ioredis (REDIS_URL if it names a loopback host, else 127.0.0.1:6379, with a key prefix unique to the run).`,
    '',
    renderTable(
      [
        'store',
        'processes',
        'requests',
        'failed requests',
        'logins',
        'logins per lifetime',
        'store:unavailable events',
      ],
      rows,
    ),
    '',
    comparison,
    'Without a store each process logs in at start and then refreshes a quarter of a lifetime before expiry, so the gateway sees about 8 × 4/3 logins per lifetime.',
  ].join('\n');
}
