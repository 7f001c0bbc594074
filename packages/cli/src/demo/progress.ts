import type { CommandIo } from '../command-io.js';

const MS_PER_SECOND = 1000;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Progress on stderr. On a terminal, `status()` redraws one line in place. Elsewhere, such
 * as CI logs, only `step()` lines are written, one per line.
 */
export class Progress {
  readonly #io: CommandIo;
  readonly #startedAtMs: number;
  #statusShown = false;

  constructor(io: CommandIo, startedAtMs: number) {
    this.#io = io;
    this.#startedAtMs = startedAtMs;
  }

  /** Writes one lasting line, prefixed with the seconds since the start. */
  step(message: string): void {
    this.#clearStatus();
    this.#io.stderr(`demo ${this.#elapsed()}: ${message}\n`);
  }

  /** Redraws the status line on a terminal, and does nothing elsewhere. */
  status(message: string): void {
    if (!this.#io.stderrIsTty) return;

    this.#io.stderr(`${CLEAR_LINE}demo ${this.#elapsed()}: ${message}`);
    this.#statusShown = true;
  }

  /** Removes the status line, before the summary is printed. */
  finish(): void {
    this.#clearStatus();
  }

  #clearStatus(): void {
    if (!this.#statusShown) return;

    this.#io.stderr(CLEAR_LINE);
    this.#statusShown = false;
  }

  #elapsed(): string {
    return `${((Date.now() - this.#startedAtMs) / MS_PER_SECOND).toFixed(1)} s`;
  }
}
