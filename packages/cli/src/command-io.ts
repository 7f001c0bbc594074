/** Output streams and process state of one command run. Tests pass their own. */
export interface CommandIo {
  /** Writes text to standard output. The command adds its own newlines. */
  stdout(text: string): void;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** Environment variables, such as `DAP_CLIENT_ID`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory that relative paths are resolved against. */
  cwd: string;
  /** Tells whether standard error is a terminal, so progress may redraw one line. */
  stderrIsTty: boolean;
}

/** Returns the `CommandIo` of the running process. */
export function processIo(): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTty: process.stderr.isTTY === true,
  };
}
