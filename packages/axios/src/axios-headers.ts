import type { HeaderAccess } from '@ids-auth/core';

/**
 * Wraps an axios header object for the core's header rules. `AxiosHeaders` keeps each header
 * as an own property under the name it was set with, like a plain object, so one wrapper
 * serves both. Names are matched exactly here: the core finds every letter case itself.
 */
export function axiosHeaderAccess(headers: Record<string, unknown>): HeaderAccess {
  return {
    names: () => Object.keys(headers),
    get: (name) => headerValueToString(headers[name]),
    set: (name, value) => {
      for (const existing of Object.keys(headers)) {
        if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
      }
      headers[name] = value;
    },
    delete: (name) => {
      delete headers[name];
    },
  };
}

// axios accepts numbers, booleans and arrays as values. `false` and `null` mean "do not send".
function headerValueToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;

  if (typeof value === 'number') return String(value);

  if (Array.isArray(value)) return value.map(String).join(', ');

  return undefined;
}
