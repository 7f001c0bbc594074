import type { HeaderAccess } from '../../src/index.js';

/** Creates a case-preserving header map, like a plain object of headers in axios or got. */
export function objectHeaders(initial: Record<string, string> = {}) {
  const values: Record<string, string> = { ...initial };
  const access: HeaderAccess = {
    names: () => Object.keys(values),
    get: (name) => values[name],
    set: (name, value) => {
      values[name] = value;
    },
    delete: (name) => {
      delete values[name];
    },
  };

  return { access, values };
}
