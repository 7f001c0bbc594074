import type { DapClients } from './dap-clients.js';
import type { DemoReport, GatewayView } from './demo-report.js';
import type { DemoTarget } from './demo-target.js';
import { allowedLogins } from './login-budget.js';

/** Counts of a run that the clients do not keep. */
export interface RunTotals {
  /** Successful logins reported by the manager. */
  managerLogins: number;
  /** Times the demo revoked every token at the emulator. Each one costs one extra login. */
  revocations: number;
  elapsedMs: number;
  /** Failed requests, one line each. */
  failures: string[];
}

/**
 * Builds the report from the clients' counts, the manager's login count and, in emulator
 * mode, the gateway's stats. It adds a failure for each broken check: more logins than the
 * refresh interval allows, a legacy header on the wire, an expired token at the gateway.
 */
export function buildDemoReport(
  target: DemoTarget,
  clients: DapClients,
  { managerLogins, revocations, elapsedMs, failures }: RunTotals,
): DemoReport {
  const counts = [clients.axios, clients.got, clients.ky, clients.fetch, clients.legacy].map(
    (client) => client.counter.counts(),
  );
  const gateway = gatewayView(target);
  const lifetime = target.tokenLifetimeSeconds;
  const allowed = lifetime === undefined ? null : allowedLogins(elapsedMs, lifetime) + revocations;
  const legacy = clients.legacy.counter.counts();
  const legacyHeaderRewritten =
    legacy.sent > 0 &&
    legacy.legacyHeaderSent === 0 &&
    legacy.bearerSent === legacy.sent &&
    (gateway === null || gateway.legacyHeaderRequests === 0);

  const report: DemoReport = {
    mode: target.mode,
    baseUrl: target.baseUrl,
    tokenLifetimeSeconds: lifetime ?? null,
    elapsedMs,
    revocations,
    clients: counts,
    logins: { manager: managerLogins, gateway: gateway?.logins ?? null, allowed },
    legacyHeaderRewritten,
    gateway,
    failures: [
      ...failures,
      ...brokenChecks(managerLogins, allowed, legacyHeaderRewritten, gateway),
    ],
    ok: false,
  };
  report.ok = report.failures.length === 0;
  return report;
}

function brokenChecks(
  managerLogins: number,
  allowed: number | null,
  legacyHeaderRewritten: boolean,
  gateway: GatewayView | null,
): string[] {
  const broken: string[] = [];
  if (allowed !== null && managerLogins > allowed) {
    broken.push(`logins: ${managerLogins} logins, more than the ${allowed} allowed for this run`);
  }
  if (!legacyHeaderRewritten) {
    broken.push('legacy code: x-instauth was sent, or the request carried no bearer token');
  }
  if (gateway !== null && gateway.logins !== managerLogins) {
    broken.push(`logins: the gateway counted ${gateway.logins}, the manager ${managerLogins}`);
  }
  if (gateway !== null && gateway.expiredTokenRequests > 0) {
    broken.push(`tokens: ${gateway.expiredTokenRequests} requests carried an expired token`);
  }
  return broken;
}

function gatewayView(target: DemoTarget): GatewayView | null {
  if (target.gateway === undefined) return null;

  const stats = target.gateway.stats();
  return {
    logins: stats.logins,
    apiRequests: stats.apiRequests,
    expiredTokenRequests: stats.requests.filter((request) => request.tokenExpired).length,
    legacyHeaderRequests: stats.carriers['x-instauth'] + stats.carriers.both,
  };
}
