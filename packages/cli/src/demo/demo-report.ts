import type { ClientCounts } from './request-counter.js';

/** Counts from the emulated gateway's stats, in emulator mode. */
export interface GatewayView {
  /** Logins that issued a token. */
  logins: number;
  /** API requests the gateway received. */
  apiRequests: number;
  /** API requests whose token had expired on the gateway's clock. */
  expiredTokenRequests: number;
  /** API requests that carried `x-instauth`, alone or with `Authorization`. */
  legacyHeaderRequests: number;
}

/** Result of one demo run. `ids-auth demo --json` prints it. */
export interface DemoReport {
  /** `gateway` when `DAP_CLIENT_ID` is set, else `emulator` for the embedded emulator. */
  mode: 'emulator' | 'gateway';
  /** Base URL the demo called. */
  baseUrl: string;
  /** Token lifetime of the embedded emulator, or `null` against a real gateway. */
  tokenLifetimeSeconds: number | null;
  /** Time from opening the target to the end of the last request. */
  elapsedMs: number;
  /** Times every token was revoked mid-run (`--revoke`); each allows one more login. */
  revocations: number;
  /** One row per HTTP client, the legacy code last. */
  clients: ClientCounts[];
  /** Logins as the manager and the emulator counted them, with the upper bound checked. */
  logins: {
    /** Successful logins reported by the token manager's `login:success` events. */
    manager: number;
    /** Logins counted by the emulator, or `null` against a real gateway. */
    gateway: number | null;
    /**
     * Upper bound for one login per refresh interval plus one per revocation, or `null`
     * against a real gateway.
     */
    allowed: number | null;
  };
  /** The legacy `x-instauth` request went out with `Authorization: Bearer` and no `x-instauth`. */
  legacyHeaderRewritten: boolean;
  /** Counts from the emulator's stats, or `null` against a real gateway. */
  gateway: GatewayView | null;
  /** One line per failed request or broken check. */
  failures: string[];
  /** No failures. */
  ok: boolean;
}
