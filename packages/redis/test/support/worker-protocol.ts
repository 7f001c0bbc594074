/** What the parent passes to each worker process as its first argument (JSON). */
export interface WorkerConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redisUrl: string;
  prefix: string;
  /** Which client the worker's store uses: ioredis through `url`, or its own node-redis. */
  library: 'ioredis' | 'node-redis';
  /** Pause between the starts of two API requests. */
  tickMs: number;
  /** The manager's `timeoutMs`; the login lock's lease is this plus 5 s. */
  loginTimeoutMs: number;
}

/** Counts a worker sends when it stops. Failures are short descriptions, never tokens. */
export interface WorkerSummary {
  requests: number;
  failures: string[];
}

/** Messages from a worker. Tokens travel only as fingerprints. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'login:start' }
  | { type: 'store:unavailable'; operation: string; code: string }
  | { type: 'store:recovered' }
  | { type: 'token'; fingerprint: string }
  | { type: 'summary'; summary: WorkerSummary }
  | { type: 'crashed'; message: string };
