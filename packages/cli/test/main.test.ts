import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { MAIN_HELP, main } from '../src/main.js';
import { memoryIo } from './support/memory-io.js';
import { runCli, startCli } from './support/run-cli.js';

// 128 plus SIGPIPE (13), the status a shell reports for a writer whose reader went away.
const BROKEN_PIPE_EXIT_CODE = 141;

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

  it('exits quietly when stdout closes', async () => {
    const child = startCli(['--help']);
    // The reader goes away before the CLI writes, as `ids-auth scan | head -1` does.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });

    const [exitCode] = (await once(child, 'close')) as [number | null];

    expect(stderr).toBe('');
    expect(exitCode).toBe(BROKEN_PIPE_EXIT_CODE);
  });
});
