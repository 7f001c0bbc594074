import type { HeaderAccess } from '@ids-auth/core';

/** got's request headers: a plain object (got 14) or a proxy over one (got 16). */
export type GotHeaders = Record<string, string | string[] | undefined>;

/**
 * Wraps got's header object for the core's header rules, editing it in place.
 * got lower-cases names when it normalizes options, but a hook that ran before ours may have
 * added a mixed-case name, so `set` removes every other spelling of the name it writes.
 */
export function gotHeaderAccess(headers: GotHeaders): HeaderAccess {
  return {
    names: () => Object.keys(headers),
    get: (name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    set: (name, value) => {
      removeHeader(headers, name);
      headers[name.toLowerCase()] = value;
    },
    delete: (name) => {
      delete headers[name];
    },
  };
}

/** Deletes `name` from `headers` in every letter case. */
export function removeHeader(headers: GotHeaders, name: string): void {
  const lowerName = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === lowerName) delete headers[key];
  }
}
