import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { MAIN_HELP, main } from '../src/main.js';
import { memoryIo } from './support/memory-io.js';
import { runCli } from './support/run-cli.js';

describe('ids-auth', () => {
  it('exits 2 without a command', async () => {
    const io = memoryIo(process.cwd());

    expect(await main([], io)).toBe(ExitCode.USAGE);
    expect(io.err.join('')).toBe(MAIN_HELP);
    expect(io.out).toEqual([]);
  });

  it('prints help for --help', async () => {
    const io = memoryIo(process.cwd());

    expect(await main(['--help'], io)).toBe(ExitCode.OK);
    expect(io.out.join('')).toBe(MAIN_HELP);
  });

  it('exits 2 for an unknown command', async () => {
    const io = memoryIo(process.cwd());

    expect(await main(['tokens'], io)).toBe(ExitCode.USAGE);
    expect(io.err.join('')).toBe(
      'ids-auth: unknown command "tokens". Run "ids-auth --help" for the list.\n',
    );
  });

  it('prints the version from the built binary', async () => {
    const manifestUrl = new URL('../package.json', import.meta.url);
    const { version } = JSON.parse(await readFile(manifestUrl, 'utf8')) as { version: string };

    const result = await runCli(['--version']);

    expect(result.exitCode).toBe(ExitCode.OK);
    expect(result.stdout).toBe(`${version}\n`);
  });
});
