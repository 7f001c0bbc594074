import { createTokenManager } from '@ids-auth/core';
import { DEFAULT_CLIENT } from '@ids-auth/emulator';

/**
 * Creates a token manager for the emulator's default client at `baseUrl`. Passing the
 * credentials here keeps a `DAP_*` variable in the environment from pointing the bench
 * anywhere but the loopback gateway.
 *
 * @param {string} baseUrl - Gateway URL on loopback.
 * @param {Partial<import('@ids-auth/core').TokenManagerOptions>} [extra]
 */
export function createBenchManager(baseUrl, extra = {}) {
  return createTokenManager({ ...DEFAULT_CLIENT, baseUrl, ...extra });
}
