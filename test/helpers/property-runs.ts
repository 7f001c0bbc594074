/**
 * fast-check runs per property. The reliability report quotes these numbers, so change them
 * together with `docs/reliability.md`.
 */
export const PROPERTY_RUNS = {
  headers: 500,
  loginUrl: 200,
  joinedLegacy: 200,
  origins: 1000,
  adapterWire: 100,
} as const;
