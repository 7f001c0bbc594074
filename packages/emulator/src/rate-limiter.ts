/** A DAP endpoint that has its own per-minute limit. */
export type LimitedEndpoint = 'listTables' | 'createJob' | 'getJob' | 'getSchema' | 'objectUrls';

/** Requests allowed per client and endpoint in any 60-second window. */
export const REQUESTS_PER_MINUTE: Readonly<Record<LimitedEndpoint, number>> = {
  listTables: 5,
  createJob: 5,
  getJob: 500,
  getSchema: 500,
  objectUrls: 200,
};

const WINDOW_MS = 60_000;
const MS_PER_SECOND = 1000;

/**
 * A sliding-window limiter per client and endpoint. Only admitted requests count, and
 * `/dap/` and `/dap/beta/` share one limit.
 * NOTE: whether the real gateway uses a sliding or a fixed window is not documented.
 */
export class RateLimiter {
  readonly #admitted = new Map<string, number[]>();

  /**
   * Admits a request at `nowMs` and returns `undefined`, or returns the whole seconds until
   * the oldest admitted request leaves the window.
   */
  admit(clientId: string, endpoint: LimitedEndpoint, nowMs: number): number | undefined {
    const key = `${endpoint} ${clientId}`;
    const recent = (this.#admitted.get(key) ?? []).filter((at) => nowMs - at < WINDOW_MS);
    this.#admitted.set(key, recent);
    const oldest = recent[0];
    if (oldest !== undefined && recent.length >= REQUESTS_PER_MINUTE[endpoint]) {
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / MS_PER_SECOND));
    }

    recent.push(nowMs);
    return undefined;
  }
}
