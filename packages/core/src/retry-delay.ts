import { RETRY_BASE_DELAY_MS, RETRY_MAX_DELAY_MS } from './defaults.js';

const SECOND_MS = 1_000;

/**
 * Returns the back-off before retry number `retry` (1 for the first retry): exponential from
 * 500 ms, capped at 10 s, with full jitter (a uniform draw between 0 and that bound).
 */
export function backoffDelayMs(retry: number, random: () => number): number {
  const boundMs = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (retry - 1));

  return Math.floor(random() * boundMs);
}

/**
 * Parses a `Retry-After` value, either delay seconds or an HTTP-date, into milliseconds.
 * A date is measured against the response's `Date` header when there is one, so a gateway
 * clock that differs from the local one does not change the wait.
 */
export function parseRetryAfterMs(
  retryAfter: string | null,
  responseDate: string | null,
  nowMs: number,
): number | undefined {
  const value = retryAfter?.trim();
  if (!value) return undefined;

  if (/^\d+$/.test(value)) return Number(value) * SECOND_MS;

  // HTTP-dates always name a day or month; this keeps Date.parse from reading '-1' or '1.5'.
  const retryAtMs = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(retryAtMs)) return undefined;

  const serverNowMs = responseDate ? Date.parse(responseDate) : Number.NaN;
  const referenceMs = Number.isNaN(serverNowMs) ? nowMs : serverNowMs;

  return Math.max(0, retryAtMs - referenceMs);
}
