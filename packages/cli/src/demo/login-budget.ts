// The core refreshes a token when a quarter of its lifetime is left (for lifetimes under 20
// minutes, where the quarter is smaller than the 5-minute default margin), so one token
// serves three quarters of its lifetime.
const USED_FRACTION_OF_LIFETIME = 0.75;

const MS_PER_SECOND = 1000;

/**
 * Returns the most logins a run of `elapsedMs` may need with one login per refresh interval:
 * the first login, then one each time three quarters of a token's lifetime have passed.
 */
export function allowedLogins(elapsedMs: number, tokenLifetimeSeconds: number): number {
  const refreshIntervalMs = tokenLifetimeSeconds * MS_PER_SECOND * USED_FRACTION_OF_LIFETIME;

  return 1 + Math.floor(elapsedMs / refreshIntervalMs);
}
