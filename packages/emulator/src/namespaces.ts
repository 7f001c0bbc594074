import { CANVAS_TABLES } from './canvas-tables.js';

/**
 * Tables per DAP namespace. The `canvas` list is the real one.
 * NOTE: the `canvas_logs` and `catalog` lists are a small assumed sample, not a copy of the
 * live gateway's lists.
 */
export const NAMESPACE_TABLES: Readonly<Record<string, readonly string[]>> = {
  canvas: CANVAS_TABLES,
  canvas_logs: ['web_logs'],
  catalog: ['accounts', 'courses', 'enrollments', 'products', 'users'],
};

/** Returns the tables of `namespace`, or `undefined` when the namespace does not exist. */
export function findNamespaceTables(namespace: string): readonly string[] | undefined {
  if (!Object.hasOwn(NAMESPACE_TABLES, namespace)) {
    return undefined;
  }

  return NAMESPACE_TABLES[namespace];
}
