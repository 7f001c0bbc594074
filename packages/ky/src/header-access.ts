import type { HeaderAccess } from '@ids-auth/core';

/** Wraps a fetch `Headers` object for the core's header rules, editing it in place. */
export function kyHeaderAccess(headers: Headers): HeaderAccess {
  return {
    names: () => [...headers.keys()],
    get: (name) => headers.get(name) ?? undefined,
    set: (name, value) => headers.set(name, value),
    delete: (name) => headers.delete(name),
  };
}
