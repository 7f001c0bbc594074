import { BoundedLog } from './bounded-log.js';
import type {
  ApiRequestRecord,
  GatewayCounters,
  GatewayStats,
  OtherOriginRecord,
} from './types.js';

const MAX_LOGGED_REQUESTS = 10_000;

/** Outcome of one login request, for the counters. */
export type LoginOutcome = 'issued' | 'failed';

function createCounters(): GatewayCounters {
  return {
    logins: 0,
    loginAttempts: 0,
    loginFailures: 0,
    apiRequests: 0,
    routes: {},
    carriers: { authorization: 0, 'x-instauth': 0, both: 0, none: 0 },
    unauthorized: { missing: 0, invalid: 0, expired: 0, revoked: 0 },
  };
}

function copyCounters(counters: GatewayCounters): GatewayCounters {
  return {
    ...counters,
    routes: { ...counters.routes },
    carriers: { ...counters.carriers },
    unauthorized: { ...counters.unauthorized },
  };
}

/**
 * Counts logins and API requests in total and per configured client. Callers pass only
 * client ids, never tokens or secrets.
 */
export class StatsRecorder {
  readonly #knownClientIds: ReadonlySet<string>;
  #totals = createCounters();
  #clients = new Map<string, GatewayCounters>();
  readonly #requests = new BoundedLog<ApiRequestRecord>(MAX_LOGGED_REQUESTS);
  readonly #otherOriginRequests = new BoundedLog<OtherOriginRecord>(MAX_LOGGED_REQUESTS);

  constructor(knownClientIds: Iterable<string>) {
    this.#knownClientIds = new Set(knownClientIds);
    this.reset();
  }

  /** Counts a login attempt; `clientId` counts per client only when it is configured. */
  recordLogin(clientId: string | undefined, outcome: LoginOutcome): void {
    for (const counters of this.#countersFor(clientId)) {
      counters.loginAttempts += 1;
      if (outcome === 'issued') counters.logins += 1;
      else counters.loginFailures += 1;
    }
  }

  /** Counts an API request and appends it to the request log. */
  recordApiRequest(record: ApiRequestRecord): void {
    for (const counters of this.#countersFor(record.clientId ?? undefined)) {
      counters.apiRequests += 1;
      const route = record.route ?? `${record.method} (no route)`;
      counters.routes[route] = (counters.routes[route] ?? 0) + 1;
      counters.carriers[record.carrier] += 1;
      if (record.unauthorizedReason !== undefined) {
        counters.unauthorized[record.unauthorizedReason] += 1;
      }
    }
    this.#requests.push(record);
  }

  /** Appends a request received by the second origin. */
  recordOtherOrigin(record: OtherOriginRecord): void {
    this.#otherOriginRequests.push(record);
  }

  /** Returns a deep copy that callers may keep or serialize. */
  snapshot(): GatewayStats {
    const clients: Record<string, GatewayCounters> = {};
    for (const [clientId, counters] of this.#clients) {
      clients[clientId] = copyCounters(counters);
    }

    return {
      ...copyCounters(this.#totals),
      clients,
      requests: this.#requests.snapshot(),
      otherOriginRequests: this.#otherOriginRequests.snapshot(),
    };
  }

  /** Zeroes every counter and empties both logs. */
  reset(): void {
    this.#totals = createCounters();
    this.#clients = new Map();
    for (const clientId of this.#knownClientIds) {
      this.#clients.set(clientId, createCounters());
    }
    this.#requests.clear();
    this.#otherOriginRequests.clear();
  }

  #countersFor(clientId: string | undefined): GatewayCounters[] {
    if (clientId === undefined || !this.#knownClientIds.has(clientId)) {
      return [this.#totals];
    }

    const counters = this.#clients.get(clientId) ?? createCounters();
    this.#clients.set(clientId, counters);

    return [this.#totals, counters];
  }
}
