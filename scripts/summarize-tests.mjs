#!/usr/bin/env node
// Sums the "Tests" lines that vitest prints at the end of each run in a saved test log
// (turbo interleaves one run per package, and the Node 24 pass adds more) and prints one
// closing line: "tests: N passed, N failed, N skipped".
//
// Usage: node scripts/summarize-tests.mjs LOG_FILE
import { readFileSync } from 'node:fs';

// Built from a string because Biome rejects a control character in a regular expression literal.
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const TESTS_LINE = /^(?:\S+:\s+)?\s*Tests\s+(.*)\(\d+\)\s*$/;

const logFile = process.argv[2];
if (!logFile) {
  process.stderr.write('usage: node scripts/summarize-tests.mjs LOG_FILE\n');
  process.exit(2);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const rawLine of readFileSync(logFile, 'utf8').split('\n')) {
  const match = TESTS_LINE.exec(rawLine.replace(ANSI_ESCAPE, ''));
  if (!match) continue;

  for (const part of match[1].split('|')) {
    const [count, kind] = part.trim().split(/\s+/);
    if (kind === 'passed' || kind === 'failed') totals[kind] += Number(count);
    else if (kind === 'skipped' || kind === 'todo') totals.skipped += Number(count);
  }
}

process.stdout.write(
  `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
