import { isIPv4 } from 'node:net';

/** Throws a TypeError unless `host` is an IPv4 address in 127.0.0.0/8 or `::1`. */
export function checkLoopbackHost(host: string): void {
  if (host === '::1' || (isIPv4(host) && host.startsWith('127.'))) {
    return;
  }

  throw new TypeError(
    `host must be a loopback address such as 127.0.0.1 or ::1, got ${JSON.stringify(host)}`,
  );
}

/** Formats `host` and `port` as an `http://` origin, with brackets around IPv6. */
export function formatOrigin(host: string, port: number): string {
  const hostPart = host.includes(':') ? `[${host}]` : host;

  return `http://${hostPart}:${port}`;
}
