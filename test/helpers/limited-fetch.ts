/** Status codes whose responses must not have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Wraps `fetch` so at most `maxConnections` requests are on the wire at once, the way the
 * `maxSockets` of an `http.Agent` limits axios and got. The global fetch of Node 20 (undici)
 * has no connection limit by default, so 10,000 concurrent requests would open up to 10,000
 * sockets. Each response body is read before the slot is released, so the returned
 * response holds its body in memory.
 */
export function limitConnections(
  fetchImpl: typeof globalThis.fetch,
  maxConnections: number,
): typeof globalThis.fetch {
  let active = 0;
  const waiting: Array<() => void> = [];
  const acquire = async () => {
    if (active < maxConnections) {
      active += 1;
      return;
    }

    // `release()` hands its slot straight to the next waiter, so `active` stays unchanged.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  return async (input, init) => {
    await acquire();
    try {
      const response = await fetchImpl(input, init);
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      const copy = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(copy, 'url', { value: response.url });
      return copy;
    } finally {
      release();
    }
  };
}
