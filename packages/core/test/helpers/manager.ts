import { createTokenManager, type TokenManagerOptions } from '../../src/index.js';
import { BASE_URL, CLIENT_ID, CLIENT_SECRET, type createFakeGateway } from './fake-gateway.js';

/** Jitter source that always draws the middle of the range, so back-off delays are exact. */
export const HALF = () => 0.5;

/** Creates a manager on the fake gateway with test credentials, an empty environment and fixed jitter. */
export function managerFor(
  gateway: ReturnType<typeof createFakeGateway>,
  options: TokenManagerOptions = {},
) {
  return createTokenManager({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    fetch: gateway.fetch,
    env: {},
    random: HALF,
    ...options,
  });
}

/** Settles `promise` into `{ value }` or `{ error }` without an unhandled rejection. */
export function settle<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );

  return state;
}
