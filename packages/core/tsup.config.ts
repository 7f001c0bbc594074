import { defineConfig } from 'tsup';

// p-memoize is ESM-only, so the CommonJS build bundles it; the ESM build imports it.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    noExternal: ['p-memoize', 'mimic-function'],
  },
]);
