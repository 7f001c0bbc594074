import type { CommandIo } from '../../src/command-io.js';

/** A `CommandIo` that keeps what a command writes, for in-process command tests. */
export interface MemoryIo extends CommandIo {
  readonly out: string[];
  readonly err: string[];
}

export function memoryIo(cwd: string, env: Record<string, string | undefined> = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    cwd,
    stderrIsTty: false,
  };
}
