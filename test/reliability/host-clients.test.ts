import { describe, expect, it } from 'vitest';
import { axiosHost, EXTRA_HOSTS, gotHost, kyHost } from '../helpers/host-clients.js';

// The extra fault matrices prove nothing if a driver silently falls back to the default build.
describe('host clients', () => {
  it('loads axios 1.7.9 apart', () => {
    expect(axiosHost('axios-oldest').VERSION).toBe('1.7.9');
    expect(axiosHost('axios').VERSION).not.toBe('1.7.9');
  });

  it.skipIf(EXTRA_HOSTS.got16.skipReason !== undefined)('loads got 16 apart', () => {
    expect(gotHost('got16').got).not.toBe(gotHost('got').got);
    expect(gotHost('got16').HTTPError).not.toBe(gotHost('got').HTTPError);
  });

  it.skipIf(EXTRA_HOSTS.ky2.skipReason !== undefined)('loads ky 2 apart', () => {
    expect(kyHost('ky2').ky).not.toBe(kyHost('ky').ky);
    expect(kyHost('ky2').HTTPError).not.toBe(kyHost('ky').HTTPError);
  });

  it.skipIf(EXTRA_HOSTS.got16.skipReason === undefined)('names the runtime it skips', () => {
    expect(EXTRA_HOSTS.got16.skipReason).toContain(`Node ${process.versions.node}`);
    expect(EXTRA_HOSTS.ky2.skipReason).toContain('scripts/test-node24.mjs');
    expect(() => gotHost('got16')).toThrow(/got 16 is not loaded: got 16 needs Node >= 22/);
    expect(() => kyHost('ky2')).toThrow(/ky 2 is not loaded: ky 2 needs Node >= 22/);
  });
});
