import type { RequestCounter } from './request-counter.js';

/** Status and parsed JSON body of one successful DAP response. */
export interface DapResponse {
  status: number;
  body: unknown;
}

/**
 * The two calls the demo makes, implemented once per HTTP client. Paths are relative to the
 * gateway base URL and have no leading `/`, as ky's `prefixUrl` needs. A status of 400 or
 * more rejects, as each client does by default.
 */
export interface DapClient {
  /** Counts of this client's requests. */
  readonly counter: RequestCounter;
  getJson(path: string, headers?: Record<string, string>): Promise<DapResponse>;
  postJson(path: string, body: unknown): Promise<DapResponse>;
}
