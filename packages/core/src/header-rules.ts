import type { HeaderAccess } from './adapter-kit.js';

/** The deprecated header that carries a raw token, without a `Bearer` prefix. */
export const LEGACY_HEADER = 'x-instauth';

const BEARER_PREFIX = /^bearer\s+/i;

/** Lists the stored names of every header called `lowerCaseName`, in any letter case. */
export function findHeaderNames(headers: HeaderAccess, lowerCaseName: string): string[] {
  return [...headers.names()].filter((name) => name.toLowerCase() === lowerCaseName);
}

/** Deletes every header called `lowerCaseName`, in any letter case. */
export function deleteHeader(headers: HeaderAccess, lowerCaseName: string): void {
  for (const name of findHeaderNames(headers, lowerCaseName)) headers.delete(name);
}

export interface LegacyHeaderScan {
  /** Whether at least one `x-instauth` header was present. */
  found: boolean;
  /** The first non-empty value, without a `Bearer ` prefix. */
  token?: string;
}

/** Removes every `x-instauth` header and returns the token it carried, if any. */
export function takeLegacyHeader(headers: HeaderAccess): LegacyHeaderScan {
  const names = findHeaderNames(headers, LEGACY_HEADER);
  let token: string | undefined;
  for (const name of names) {
    const value = firstListValue(headers.get(name))?.replace(BEARER_PREFIX, '').trim();
    if (token === undefined && value) token = value;
    headers.delete(name);
  }

  return token === undefined ? { found: names.length > 0 } : { found: true, token };
}

// `Headers` joins repeated names with ', ' (a plain object holding both `X-InstAuth` and
// `x-instauth` becomes one such value). A JWT never contains a comma, so the first entry is
// the token.
function firstListValue(value: string | undefined): string | undefined {
  return value
    ?.split(',')
    .find((entry) => entry.trim() !== '')
    ?.trim();
}

/** Replaces every `Authorization` header, in any letter case, with one `Bearer` header. */
export function setBearerHeader(headers: HeaderAccess, token: string): void {
  deleteHeader(headers, 'authorization');
  headers.set('Authorization', `Bearer ${token}`);
}

/** Tells whether the request already carries an `Authorization` header. */
export function hasAuthorizationHeader(headers: HeaderAccess): boolean {
  return findHeaderNames(headers, 'authorization').length > 0;
}
