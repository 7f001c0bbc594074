import type { DemoReport } from './demo-report.js';
import type { ClientCounts } from './request-counter.js';

// Each column is as wide as its title plus this many spaces before it.
const COLUMN_GAP = 2;

const COLUMNS: readonly { title: string; value: (counts: ClientCounts) => number }[] = [
  { title: 'calls', value: (counts) => counts.calls },
  { title: 'sent', value: (counts) => counts.sent },
  { title: '401s', value: (counts) => counts.unauthorized },
  { title: 'retries', value: (counts) => counts.retries },
  { title: 'failures', value: (counts) => counts.failures },
];

const NAME_WIDTH = 16;
const LABEL_WIDTH = 16;
const MS_PER_SECOND = 1000;

/** Formats the report as the table and lines that `ids-auth demo` prints on stdout. */
export function formatDemoSummary(report: DemoReport): string {
  const seconds = (report.elapsedMs / MS_PER_SECOND).toFixed(1);
  const where = report.mode === 'emulator' ? 'embedded emulator' : 'gateway';
  const lifetime =
    report.tokenLifetimeSeconds === null ? '' : `, tokens valid ${report.tokenLifetimeSeconds} s`;

  const lines = [
    `ids-auth demo: ${where} at ${report.baseUrl}${lifetime}, ${seconds} s`,
    '',
    ...formatTable(report.clients),
    '',
    ...formatLogins(report, seconds),
    labelled('legacy header', formatLegacy(report.legacyHeaderRewritten)),
  ];
  if (report.gateway !== null) {
    const { apiRequests, expiredTokenRequests, legacyHeaderRequests } = report.gateway;
    const view = `${apiRequests} API requests, ${expiredTokenRequests} with an expired token, ${legacyHeaderRequests} with x-instauth`;
    lines.push(labelled('gateway saw', view));
  }
  lines.push(labelled('result', report.ok ? 'OK' : 'FAILED'));
  lines.push(...report.failures.map((failure) => `  ${failure}`));

  return `${lines.join('\n')}\n`;
}

function formatTable(clients: readonly ClientCounts[]): string[] {
  const cell = (text: string, index: number) =>
    text.padStart((COLUMNS[index]?.title.length ?? 0) + COLUMN_GAP);
  const header =
    'client'.padEnd(NAME_WIDTH) + COLUMNS.map(({ title }, index) => cell(title, index)).join('');
  const row = (name: string, values: number[]) =>
    name.padEnd(NAME_WIDTH) + values.map((value, index) => cell(String(value), index)).join('');

  const rows = clients.map((counts) =>
    row(
      counts.name,
      COLUMNS.map(({ value }) => value(counts)),
    ),
  );
  const totals = COLUMNS.map(({ value }) =>
    clients.reduce((sum, counts) => sum + value(counts), 0),
  );
  return [header, ...rows, row('total', totals)];
}

function formatLogins(report: DemoReport, seconds: string): string[] {
  const { manager, gateway, allowed } = report.logins;
  const counted = gateway === null ? '' : `, ${gateway} counted by the gateway`;
  const lines = [labelled('logins', `${manager} by the one shared token manager${counted}`)];
  if (allowed !== null) {
    const budget = `at most ${allowed} for ${seconds} s with ${report.tokenLifetimeSeconds} s tokens`;
    const revoked = report.revocations > 0 ? `, plus ${report.revocations} after revoking` : '';
    lines.push(
      labelled('login budget', `${budget}, refreshed after 3/4 of each lifetime${revoked}`),
    );
  }
  return lines;
}

function formatLegacy(rewritten: boolean): string {
  return rewritten
    ? 'x-instauth rewritten to Authorization: Bearer'
    : 'NOT rewritten: x-instauth reached the wire or no bearer was sent';
}

function labelled(label: string, text: string): string {
  return `${label.padEnd(LABEL_WIDTH)}${text}`;
}
