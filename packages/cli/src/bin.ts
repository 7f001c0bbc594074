#!/usr/bin/env node
import { processIo } from './command-io.js';
import { main } from './main.js';

// 128 plus SIGPIPE (13), the status a shell reports for a writer whose reader went away.
const BROKEN_PIPE_EXIT_CODE = 141;

// A reader that stops early, as in `ids-auth scan | head -1`, closes the pipe. Nothing reads
// the rest of the output, so end without the stack trace of an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;

  process.exit(BROKEN_PIPE_EXIT_CODE);
});

process.exitCode = await main(process.argv.slice(2), processIo());
