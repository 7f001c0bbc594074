/**
 * Counts the `getToken()` calls on `manager` that did not return until a login had finished,
 * which are the requests that waited for a login. It replaces the manager's `getToken` with a
 * wrapper on this instance only, so adapters that call it are measured without any change.
 * A call served from the cached token resolves within microtasks, before any login response
 * can arrive, so it is never counted.
 *
 * @param {import('@ids-auth/core').TokenManager} manager
 */
export function probeLoginWaits(manager) {
  const counters = { waitedForLogin: 0, loginsFinished: 0 };
  manager.on('login:success', () => {
    counters.loginsFinished += 1;
  });
  const getToken = manager.getToken.bind(manager);
  manager.getToken = async (options) => {
    const finishedBefore = counters.loginsFinished;
    const token = await getToken(options);
    if (counters.loginsFinished !== finishedBefore) counters.waitedForLogin += 1;
    return token;
  };

  return counters;
}
