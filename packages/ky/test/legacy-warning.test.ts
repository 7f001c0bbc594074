import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL('./fixtures/legacy-warning.mjs', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

// Runs the built package in a child process, so the count covers one whole process.
test('warns once per process', async () => {
  const { stdout } = await run(process.execPath, [FIXTURE], { cwd: PACKAGE_DIR });

  expect(JSON.parse(stdout)).toEqual({ requests: 3, warnings: 1 });
});
