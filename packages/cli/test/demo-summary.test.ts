import { describe, expect, it } from 'vitest';
import type { DemoReport } from '../src/demo/demo-report.js';
import { formatDemoSummary } from '../src/demo/demo-summary.js';
import { allowedLogins } from '../src/demo/login-budget.js';
import type { ClientCounts } from '../src/demo/request-counter.js';

function counts(name: string, calls: number, unauthorized = 0): ClientCounts {
  const retries = unauthorized;
  return {
    name,
    calls,
    sent: calls + retries,
    unauthorized,
    retries,
    failures: 0,
    legacyHeaderSent: 0,
    bearerSent: calls + retries,
  };
}

const REPORT: DemoReport = {
  mode: 'emulator',
  baseUrl: 'http://127.0.0.1:4000',
  tokenLifetimeSeconds: 6,
  elapsedMs: 10_460,
  revocations: 0,
  clients: [counts('axios', 14, 1), counts('got', 14), counts('legacy (axios)', 1)],
  logins: { manager: 3, gateway: 3, allowed: 3 },
  legacyHeaderRewritten: true,
  gateway: { logins: 3, apiRequests: 30, expiredTokenRequests: 0, legacyHeaderRequests: 0 },
  failures: [],
  ok: true,
};

describe('formatDemoSummary', () => {
  it('prints one row per client and a total', () => {
    const lines = formatDemoSummary(REPORT).split('\n');

    expect(lines[0]).toBe(
      'ids-auth demo: embedded emulator at http://127.0.0.1:4000, tokens valid 6 s, 10.5 s',
    );
    expect(lines[2]).toBe('client            calls  sent  401s  retries  failures');
    expect(lines[3]).toBe('axios                14    15     1        1         0');
    expect(lines[5]).toBe('legacy (axios)        1     1     0        0         0');
    expect(lines[6]).toBe('total                29    30     1        1         0');
  });

  it('prints logins, legacy header and result', () => {
    const text = formatDemoSummary(REPORT);

    expect(text).toContain(
      'logins          3 by the one shared token manager, 3 counted by the gateway\n',
    );
    expect(text).toContain('login budget    at most 3 for 10.5 s with 6 s tokens');
    expect(text).toContain('legacy header   x-instauth rewritten to Authorization: Bearer\n');
    expect(text).toContain('result          OK\n');
  });

  it('counts revocations in the budget', () => {
    const revoked = { ...REPORT, revocations: 1, logins: { manager: 4, gateway: 4, allowed: 4 } };

    expect(formatDemoSummary(revoked)).toContain(
      'login budget    at most 4 for 10.5 s with 6 s tokens, refreshed after 3/4 of each lifetime, plus 1 after revoking\n',
    );
  });

  it('lists failures under FAILED', () => {
    const failed = { ...REPORT, ok: false, failures: ['got: Request failed with status code 503'] };

    expect(formatDemoSummary(failed)).toContain(
      'result          FAILED\n  got: Request failed with status code 503\n',
    );
  });

  it('leaves out emulator lines on a gateway', () => {
    const real: DemoReport = {
      ...REPORT,
      mode: 'gateway',
      tokenLifetimeSeconds: null,
      logins: { manager: 1, gateway: null, allowed: null },
      gateway: null,
    };

    const text = formatDemoSummary(real);

    expect(text).toContain('logins          1 by the one shared token manager\n');
    expect(text).not.toContain('login budget');
    expect(text).not.toContain('gateway saw');
  });
});

describe('allowedLogins', () => {
  it.each([
    [0, 1],
    [2_999, 1],
    [3_000, 2],
    [3_001, 2],
    [5_999, 2],
    [6_000, 3],
  ])('allows for %i ms with 4 s tokens', (elapsedMs, logins) => {
    expect(allowedLogins(elapsedMs, 4)).toBe(logins);
  });
});
