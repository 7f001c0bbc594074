import { randomBytes } from 'node:crypto';
import { FaultState } from './fault-state.js';
import type { ResolvedGatewayOptions } from './gateway-options.js';
import { JobStore } from './job-store.js';
import { RateLimiter } from './rate-limiter.js';
import { StatsRecorder } from './stats-recorder.js';
import type { TimerSet } from './timer-set.js';
import { TokenRegistry } from './token-registry.js';

const SIGNING_KEY_BYTES = 32;

/** Base URLs of the two servers, known only once both listen. */
export interface GatewayOrigins {
  gateway: string;
  other: string;
}

/** State shared by the request handlers of one gateway. */
export interface GatewayContext {
  /** Client secrets by client id. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly lifetimeSeconds: number;
  readonly now: () => number;
  /** HMAC key for the JWTs, random per gateway so tokens of two gateways never mix. */
  readonly signingKey: Buffer;
  readonly registry: TokenRegistry;
  readonly faults: FaultState;
  readonly stats: StatsRecorder;
  readonly jobs: JobStore;
  /** Present only when the per-minute limits are on. */
  readonly rateLimiter: RateLimiter | undefined;
  readonly origins: GatewayOrigins;
  /** Waits `ms` on a timer that `close()` cancels. */
  readonly delay: (ms: number) => Promise<void>;
}

/** Creates the state of a gateway; `origins` stays empty until the servers listen. */
export function createGatewayContext(
  options: ResolvedGatewayOptions,
  timers: TimerSet,
): GatewayContext {
  const registry = new TokenRegistry();
  const clientIds = options.clients.map((client) => client.clientId);

  return {
    secrets: new Map(options.clients.map((client) => [client.clientId, client.clientSecret])),
    lifetimeSeconds: options.tokenLifetimeSeconds,
    now: options.now,
    signingKey: randomBytes(SIGNING_KEY_BYTES),
    registry,
    faults: new FaultState(registry),
    stats: new StatsRecorder(clientIds),
    jobs: new JobStore(options.jobPollsUntilComplete),
    rateLimiter: options.rateLimits ? new RateLimiter() : undefined,
    origins: { gateway: '', other: '' },
    delay: (ms) => timers.delay(ms),
  };
}
