import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** Path of the built `ids-auth` binary. */
export const BIN_PATH = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** Output and exit code of one finished `ids-auth` run. */
export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

// Only these variables reach the child, so a developer's real DAP_* settings never leak in.
const BASE_ENV = { PATH: process.env.PATH ?? '', NODE_OPTIONS: '' };

/** Starts `ids-auth` with `args` and exactly the given environment (plus PATH). */
export function startCli(
  args: readonly string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN_PATH, ...args], { env: { ...BASE_ENV, ...env } });
}

/** Runs `ids-auth` with `args` to completion. */
export async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const child = startCli(args, env);
  const output = watchOutput(child);

  const [exitCode] = (await once(child, 'close')) as [number | null];
  return { exitCode, stdout: output.stdout(), stderr: output.stderr() };
}

/** What a running child wrote so far, and its first stdout line once written. */
export interface LiveOutput {
  stdout(): string;
  stderr(): string;
  firstLine: Promise<string>;
}

/** Starts collecting `child`'s output without ever pausing or closing its streams. */
export function watchOutput(child: ChildProcessWithoutNullStreams): LiveOutput {
  let stdout = '';
  let stderr = '';
  let resolveLine: (line: string) => void = () => {};
  let rejectLine: (error: Error) => void = () => {};
  const firstLine = new Promise<string>((resolve, reject) => {
    resolveLine = resolve;
    rejectLine = reject;
  });

  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const newline = stdout.indexOf('\n');
    if (newline >= 0) resolveLine(stdout.slice(0, newline));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // Callers that only wait for the exit never read firstLine, so its rejection is expected.
  firstLine.catch(() => {});
  child.once('close', (code) => {
    rejectLine(new Error(`ids-auth exited with ${code} before a line; stderr: ${stderr}`));
  });

  return { stdout: () => stdout, stderr: () => stderr, firstLine };
}
