// Settings every package's vitest config uses. The timeouts are hang guards, not speed checks:
// during a full `pnpm test`, nine suites share two cores, and correct tests that start child
// processes or send hundreds of requests can pass vitest's 5 s default.
export const sharedTestOptions = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
} as const;
