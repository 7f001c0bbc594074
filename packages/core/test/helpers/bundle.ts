import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

/** Directory of the core package, with a trailing slash. */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the package from source with tsup into `node_modules/.cache/<name>`, where the bundle
 * resolves p-memoize like the published build. Returns the paths of the ESM and CJS files.
 * Each test file passes its own `name`, because test files run in parallel.
 */
export async function buildBundle(name: string): Promise<{ esm: string; cjs: string }> {
  const outDir = `${PACKAGE_DIR}node_modules/.cache/${name}`;
  await mkdir(outDir, { recursive: true });
  await build({
    entry: { index: `${PACKAGE_DIR}src/index.ts` },
    outDir,
    format: ['esm', 'cjs'],
    target: 'node20',
    silent: true,
    config: false,
    // p-memoize is ESM-only, so the CommonJS bundle must contain it, as in the real build.
    noExternal: ['p-memoize', 'mimic-function'],
  });

  return { esm: `${outDir}/index.js`, cjs: `${outDir}/index.cjs` };
}
