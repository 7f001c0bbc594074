const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Returns the Redis URL the cluster bench uses, `REDIS_URL` or 127.0.0.1:6379, or an error
 * message when `REDIS_URL` names a host other than loopback: the bench only ever talks to a
 * Redis on this machine.
 *
 * @returns {{ url: string } | { error: string }}
 */
export function resolveRedisUrl(env = process.env) {
  const url = env.REDIS_URL || DEFAULT_REDIS_URL;
  let hostname;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return { error: 'REDIS_URL is not a valid URL; use a form such as redis://127.0.0.1:6379.' };
  }
  if (!LOOPBACK_HOSTS.has(hostname) && !hostname.startsWith('127.')) {
    return { error: `REDIS_URL names ${hostname}, which is not a loopback address.` };
  }

  return { url };
}
