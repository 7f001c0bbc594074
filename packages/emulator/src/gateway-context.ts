import type { FaultState } from './fault-state.js';
import type { JobStore } from './job-store.js';
import type { RateLimiter } from './rate-limiter.js';
import type { StatsRecorder } from './stats-recorder.js';
import type { TokenRegistry } from './token-registry.js';

/** State shared by the request handlers of one gateway. */
export interface GatewayContext {
  /** Client secrets by client id. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly lifetimeSeconds: number;
  readonly now: () => number;
  readonly signingKey: Buffer;
  readonly registry: TokenRegistry;
  readonly faults: FaultState;
  readonly stats: StatsRecorder;
  readonly jobs: JobStore;
  /** Present only when the per-minute limits are on. */
  readonly rateLimiter: RateLimiter | undefined;
  /** Base URL of the gateway itself. */
  readonly gatewayUrl: () => string;
  /** Base URL of the second origin. */
  readonly otherOriginUrl: () => string;
  /** Waits `ms` on a timer that `close()` cancels. */
  readonly delay: (ms: number) => Promise<void>;
}
