// Type checks for single options. Each throws a TypeError that names the option and the rule.
import { normalizeOrigin, parseHttpUrlOption } from './origin-rules.js';
import type { TokenStore } from './types.js';

const STORE_METHODS = ['read', 'write', 'remove', 'lock'] as const;

/** Returns `value` if it is a non-empty string, `undefined` if it is absent or empty. */
export function readString(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;

  if (typeof value !== 'string') throw new TypeError(`Option ${name} must be a string.`);

  return value;
}

/** Returns `value` if it is a finite number of milliseconds of at least `min`. */
export function readDuration(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;

  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`Option ${name} must be a finite number of milliseconds, at least ${min}.`);
  }

  return value;
}

/** Returns `value` if it is a positive integer. */
export function readCount(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;

  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`Option ${name} must be a positive integer.`);
  }

  return value;
}

/** Returns `value` if it is a function. */
export function readFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value === undefined) return undefined;

  if (typeof value !== 'function') throw new TypeError(`Option ${name} must be a function.`);

  return value;
}

/** Returns `value` if it is an `AbortSignal`. */
export function readSignal(name: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;

  if (!(value instanceof AbortSignal))
    throw new TypeError(`Option ${name} must be an AbortSignal.`);

  return value;
}

/** Returns `value` if it has the four methods of a `TokenStore`. */
export function readStore(name: string, value: unknown): TokenStore | undefined {
  if (value === undefined) return undefined;

  const candidate = value as Record<string, unknown> | null;
  const missing = STORE_METHODS.filter((method) => typeof candidate?.[method] !== 'function');
  if (missing.length > 0) {
    throw new TypeError(`Option ${name} must be a TokenStore; it lacks ${missing.join(', ')}().`);
  }

  return value as TokenStore;
}

/** Returns the normalized origins of an array of http(s) URLs. */
export function readOrigins(name: string, value: unknown): string[] {
  if (value === undefined) return [];

  if (!Array.isArray(value)) throw new TypeError(`Option ${name} must be an array of URLs.`);

  return value.map((entry, index) => {
    if (typeof entry !== 'string')
      throw new TypeError(`Option ${name}[${index}] must be a string.`);

    return normalizeOrigin(parseHttpUrlOption(`${name}[${index}]`, entry));
  });
}
