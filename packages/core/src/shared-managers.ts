import { createHash } from 'node:crypto';
import { IS_CLOSED } from './brand.js';
import { resolveOptions } from './options.js';
import { createTokenManager } from './token-manager.js';
import type { TokenManager, TokenManagerOptions } from './types.js';

// Options holding functions or objects cannot be compared by value, so a manager made with any
// of them is never shared.
const UNSHAREABLE_OPTIONS = ['fetch', 'clock', 'store', 'signal', 'random'] as const;

const managers = new Map<string, TokenManager>();

/**
 * Returns the manager this process already made for the same credential set and settings, or
 * makes one. Adapters set up from options (`idsAuth()` for axios and again for got, say)
 * therefore share one token and one login instead of logging in once each.
 */
export function sharedTokenManager(options: TokenManagerOptions): TokenManager {
  if (UNSHAREABLE_OPTIONS.some((name) => options[name] !== undefined)) {
    return createTokenManager(options);
  }

  const key = sharingKey(options);
  const existing = managers.get(key);
  if (existing && !isClosed(existing)) return existing;

  const manager = createTokenManager(options);
  managers.set(key, manager);

  return manager;
}

function sharingKey(options: TokenManagerOptions): string {
  const resolved = resolveOptions(options);
  // The secret enters the key only as a digest, so the map does not contain it in clear.
  const secretDigest = createHash('sha256')
    .update(resolved.clientSecret ?? '')
    .digest('hex');

  return JSON.stringify([
    resolved.loginUrl,
    resolved.clientId ?? '',
    secretDigest,
    [...resolved.allowedOrigins].sort(),
    resolved.refreshMarginMs,
    resolved.timeoutMs,
    resolved.loginDeadlineMs,
    resolved.maxLoginAttempts,
    resolved.invalidCredentialsBackoffMs,
    resolved.storeTimeoutMs,
  ]);
}

function isClosed(manager: TokenManager): boolean {
  return (manager as unknown as Record<typeof IS_CLOSED, boolean>)[IS_CLOSED] === true;
}
