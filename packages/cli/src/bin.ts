#!/usr/bin/env node
import { processIo } from './command-io.js';
import { main } from './main.js';

// The library unref()s its timers, including the back-off between login retries, so a
// process whose only pending work is a waiting getToken() would exit early with code 13.
// This ref'd timer keeps the CLI alive until its command settles.
const KEEP_ALIVE_INTERVAL_MS = 60_000;
const keepAlive = setInterval(() => {}, KEEP_ALIVE_INTERVAL_MS);

try {
  process.exitCode = await main(process.argv.slice(2), processIo());
} finally {
  clearInterval(keepAlive);
}
