import type { HeaderAccess } from '@ids-auth/core';

/** Wraps a `Headers` object for the core's header rules. `Headers` ignores letter case. */
export function fetchHeaderAccess(headers: Headers): HeaderAccess {
  return {
    names: () => [...new Set(headers.keys())],
    get: (name) => headers.get(name) ?? undefined,
    set: (name, value) => headers.set(name, value),
    delete: (name) => headers.delete(name),
  };
}
