import { DEFAULT_CLIENT } from './default-client.js';
import { checkLoopbackHost } from './loopback-host.js';
import type { ClientCredentials, GatewayOptions } from './types.js';

/** Default token lifetime, the value in Instructure's documented login example. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;
const DEFAULT_JOB_POLLS = 2;
const MAX_PORT = 65_535;

/** {@link GatewayOptions} with every default filled in. */
export type ResolvedGatewayOptions = Required<GatewayOptions>;

function checkClients(clients: ClientCredentials[]): void {
  if (!Array.isArray(clients) || clients.length === 0) {
    throw new TypeError('clients must be a non-empty array of { clientId, clientSecret }');
  }

  const seen = new Set<string>();
  for (const [index, client] of clients.entries()) {
    const { clientId, clientSecret } = client ?? {};
    if (typeof clientId !== 'string' || clientId === '' || clientId.includes(':')) {
      throw new TypeError(`clients[${index}].clientId must be a non-empty string without ':'`);
    }
    if (typeof clientSecret !== 'string' || clientSecret === '') {
      throw new TypeError(`clients[${index}].clientSecret must be a non-empty string`);
    }
    if (seen.has(clientId)) {
      throw new TypeError(`clients[${index}].clientId repeats ${clientId}; ids must be unique`);
    }
    seen.add(clientId);
  }
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) {
    return;
  }

  throw new TypeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
}

/** Fills in defaults and throws a TypeError naming the first invalid option. */
export function resolveGatewayOptions(options: GatewayOptions = {}): ResolvedGatewayOptions {
  const resolved: ResolvedGatewayOptions = {
    clients: options.clients ?? [{ ...DEFAULT_CLIENT }],
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    rateLimits: options.rateLimits ?? false,
    now: options.now ?? (() => Date.now()),
    jobPollsUntilComplete: options.jobPollsUntilComplete ?? DEFAULT_JOB_POLLS,
  };
  checkClients(resolved.clients);
  checkInteger('tokenLifetimeSeconds', resolved.tokenLifetimeSeconds, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('port', resolved.port, 0, MAX_PORT);
  checkInteger('jobPollsUntilComplete', resolved.jobPollsUntilComplete, 0, Number.MAX_SAFE_INTEGER);
  checkLoopbackHost(resolved.host);
  if (typeof resolved.now !== 'function') {
    throw new TypeError('now must be a function that returns epoch milliseconds');
  }

  return resolved;
}
