import { describe, expect, it } from 'vitest';
import type { DemoReport } from '../src/demo/demo-report.js';
import { ExitCode } from '../src/exit-codes.js';
import { runCli } from './support/run-cli.js';

const TEST_TIMEOUT_MS = 30_000;

describe('ids-auth demo --revoke', () => {
  it(
    'retries each 401 once',
    async () => {
      const result = await runCli(['demo', '--json', '--revoke', '--token-lifetime', '4']);

      expect(result.exitCode).toBe(ExitCode.OK);
      const report = JSON.parse(result.stdout) as DemoReport;
      expect(report.failures).toEqual([]);
      expect(report.revocations).toBe(1);
      const unauthorized = report.clients.reduce((sum, client) => sum + client.unauthorized, 0);
      expect(unauthorized).toBeGreaterThanOrEqual(1);
      for (const client of report.clients) {
        expect(client.retries, client.name).toBe(client.unauthorized);
        expect(client.unauthorized, client.name).toBeLessThanOrEqual(1);
        expect(client.failures, client.name).toBe(0);
      }
      expect(report.logins.manager).toBe(report.logins.gateway);
      expect(report.logins.manager).toBeLessThanOrEqual(report.logins.allowed ?? 0);
      expect(result.stderr).toContain('revoked every token at the gateway');
    },
    TEST_TIMEOUT_MS,
  );
});
