// When a token is refreshed and when it stops being handed out, on the local clock.
import { HARD_MARGIN_MAX_MS } from './defaults.js';
import type { TokenRecord } from './types.js';

const REFRESH_SHARE_OF_LIFETIME = 1 / 4;
const HARD_SHARE_OF_LIFETIME = 1 / 10;

function lifetimeMs(record: TokenRecord): number {
  return record.expiresAtMs - record.obtainedAtMs;
}

/**
 * Returns the moment a background refresh starts: the configured margin before expiry, but
 * never more than a quarter of the lifetime, so a 60 s token refreshes after 45 s.
 */
export function refreshAtMs(record: TokenRecord, refreshMarginMs: number): number {
  const marginMs = Math.min(refreshMarginMs, lifetimeMs(record) * REFRESH_SHARE_OF_LIFETIME);

  return record.expiresAtMs - marginMs;
}

/**
 * Returns the moment the token is no longer handed out: 30 s before expiry, or a tenth of the
 * lifetime for tokens shorter than 300 s, so a request never leaves with a token about to die.
 */
export function usableUntilMs(record: TokenRecord): number {
  const marginMs = Math.min(HARD_MARGIN_MAX_MS, lifetimeMs(record) * HARD_SHARE_OF_LIFETIME);

  return record.expiresAtMs - marginMs;
}

/** Tells whether `record` may still be handed out at `nowMs`. */
export function isUsable(record: TokenRecord, nowMs: number): boolean {
  return nowMs < usableUntilMs(record);
}

/** Tells whether `record` is inside its refresh margin at `nowMs`. */
export function isRefreshDue(record: TokenRecord, nowMs: number, refreshMarginMs: number): boolean {
  return nowMs >= refreshAtMs(record, refreshMarginMs);
}

/** Tells whether a value read from a store has the shape and times of a token record. */
export function isTokenRecord(value: unknown): value is TokenRecord {
  const record = value as Partial<TokenRecord> | null;

  return (
    typeof record?.accessToken === 'string' &&
    record.accessToken !== '' &&
    typeof record.tokenType === 'string' &&
    typeof record.scope === 'string' &&
    Number.isFinite(record.obtainedAtMs) &&
    Number.isFinite(record.expiresAtMs) &&
    (record.expiresAtMs as number) > (record.obtainedAtMs as number)
  );
}
