// The exports each package must offer at run time, by folder name, with their `typeof`.
// They follow the public API that the adapters' READMEs and the design promise.
export const EXPECTED_EXPORTS = {
  core: {
    createTokenManager: 'function',
    IdsAuthError: 'function',
    isIdsAuthError: 'function',
    ErrorCode: 'object',
  },
  axios: { idsAuth: 'function', withIdsAuth: 'function' },
  got: { idsAuth: 'function' },
  ky: { idsAuth: 'function' },
  fetch: { withIdsAuth: 'function' },
  redis: { createRedisTokenStore: 'function' },
  emulator: { startGateway: 'function' },
  cli: {},
};

// Packages that the type fixture of a folder imports besides the package's own dependencies
// and peers, such as a Redis client to pass to the store.
export const FIXTURE_EXTRAS = {
  redis: ['ioredis'],
};

/** Lists what is missing or of the wrong type in `shape` (export name to `typeof`). */
export function compareExports(folder, shape) {
  const expected = EXPECTED_EXPORTS[folder] ?? {};
  const problems = [];

  for (const [name, type] of Object.entries(expected)) {
    if (!(name in shape)) problems.push(`missing export ${name}`);
    else if (shape[name] !== type) problems.push(`${name} is ${shape[name]}, expected ${type}`);
  }
  return problems;
}
