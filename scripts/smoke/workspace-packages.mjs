import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Lists the publishable packages under `packages/`, sorted by folder name. Private packages
 * are skipped. `only`, when not empty, keeps the folders or package names it contains.
 */
export function listPublishablePackages(repoRoot, only = []) {
  const packagesDir = join(repoRoot, 'packages');
  const found = [];

  for (const folder of readdirSync(packagesDir).sort()) {
    const manifestPath = join(packagesDir, folder, 'package.json');
    if (!existsSync(manifestPath)) continue;

    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private) continue;
    if (only.length > 0 && !only.includes(folder) && !only.includes(manifest.name)) continue;

    found.push({ folder, dir: join(packagesDir, folder), manifest, dual: isDual(manifest) });
  }
  return found;
}

/** Tells whether the root export offers a `require` condition next to `import`. */
function isDual(manifest) {
  const root = manifest.exports?.['.'];
  return typeof root === 'object' && root !== null && 'require' in root;
}

/** Collects every file path that `exports`, `main`, `module`, `types` and `bin` point to. */
export function listManifestTargets(manifest) {
  const targets = new Set();
  const visit = (value) => {
    if (typeof value === 'string') targets.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };

  visit(manifest.exports);
  visit(manifest.bin);
  for (const field of ['main', 'module', 'types']) visit(manifest[field]);
  return [...targets].filter((target) => !target.includes('*'));
}
