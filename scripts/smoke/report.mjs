// Collects the outcome of each check per package and prints the summary table.

/** Column order of the summary. The `types:*` columns that follow come from type-checks.mjs. */
export const CHECK_NAMES = [
  'build',
  'pack',
  'manifest',
  'publint',
  'attw',
  'install',
  'import',
  'require',
  'bin',
  'e2e',
];

const MAX_DETAIL_LINES = 40;

/**
 * Per-package results: `status` is `pass`, `FAIL`, `skip` (not run, because an earlier step
 * failed or the core or emulator is missing) or `n/a`.
 */
export class CheckReport {
  #results = new Map();
  #columns;

  constructor(packageNames, columns) {
    this.#columns = columns;
    for (const name of packageNames) this.#results.set(name, new Map());
  }

  pass(packageName, check) {
    this.#results.get(packageName).set(check, { status: 'pass' });
  }

  fail(packageName, check, detail) {
    this.#results.get(packageName).set(check, { status: 'FAIL', detail: String(detail).trim() });
  }

  notApplicable(packageName, check) {
    this.#results.get(packageName).set(check, { status: 'n/a' });
  }

  /** Records `pass` when `problems` is empty, else `FAIL` with one problem per line. */
  expectNone(packageName, check, problems) {
    if (problems.length === 0) this.pass(packageName, check);
    else this.fail(packageName, check, problems.join('\n'));
  }

  get failureCount() {
    let count = 0;
    for (const checks of this.#results.values()) {
      for (const result of checks.values()) if (result.status === 'FAIL') count += 1;
    }
    return count;
  }

  /** Formats the table, then each failure's output under `FAIL <package> <check>`. */
  format() {
    const nameWidth = Math.max(...[...this.#results.keys()].map((name) => name.length));
    const header = ['package'.padEnd(nameWidth), ...this.#columns].join('  ');
    const rows = [...this.#results].map(([name, checks]) => {
      const cells = this.#columns.map((check) => {
        const status = checks.get(check)?.status ?? 'skip';
        return status.padEnd(check.length);
      });
      return [name.padEnd(nameWidth), ...cells].join('  ');
    });
    return [header, ...rows, '', ...this.#formatFailures()].join('\n');
  }

  #formatFailures() {
    const lines = [];
    for (const [name, checks] of this.#results) {
      for (const [check, result] of checks) {
        if (result.status !== 'FAIL') continue;

        const detail = result.detail.split('\n');
        const printed = detail.slice(0, MAX_DETAIL_LINES).map((line) => `    ${line}`);
        if (detail.length > MAX_DETAIL_LINES)
          printed.push(`    (${detail.length - MAX_DETAIL_LINES} more lines)`);
        lines.push(`FAIL ${name} ${check}`, ...printed, '');
      }
    }
    return lines;
  }
}
