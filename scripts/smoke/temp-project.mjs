import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

const OWN_SCOPE = '@ids-auth/';

/**
 * Creates an ES module project at `projectDir`, outside the repository, with the probe
 * scripts copied in. Its node_modules receives the unpacked tarballs.
 */
export function createTempProject(projectDir) {
  mkdirSync(join(projectDir, 'node_modules'), { recursive: true });
  const manifest = { name: 'ids-auth-smoke', private: true, type: 'module' };
  cpSync(join(import.meta.dirname, 'probes'), projectDir, { recursive: true });
  writeJson(join(projectDir, 'package.json'), manifest);
}

/** Returns where `packageName` lives inside the temp project. */
export function installedPath(projectDir, packageName) {
  return join(projectDir, 'node_modules', packageName);
}

/**
 * Links the third-party packages that the unpacked packages need (dependencies and peers),
 * plus `extras`, from the workspace's pnpm install, so the smoke tests need no registry.
 * Returns the names that could not be found.
 * NOTE: the linked version is whatever the workspace installed; ranges are not compared.
 */
export function linkThirdPartyPackages(projectDir, pkg, extras = []) {
  const packedManifest = readJson(
    join(installedPath(projectDir, pkg.manifest.name), 'package.json'),
  );
  const needed = [
    ...Object.keys(packedManifest.dependencies ?? {}),
    ...Object.keys(packedManifest.peerDependencies ?? {}),
    ...extras,
  ].filter((name) => !name.startsWith(OWN_SCOPE));
  const missing = [];

  for (const name of needed) {
    const target = installedPath(projectDir, name);
    if (existsSync(target)) continue;

    const source = findWorkspaceCopy(pkg.dir, name);
    if (!source) {
      missing.push(name);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(source, target, 'dir');
  }
  return missing;
}

/** Finds `name` as installed for the package, then at the workspace root, as a real path. */
function findWorkspaceCopy(packageDir, name) {
  const repoRoot = join(packageDir, '..', '..');
  for (const base of [packageDir, repoRoot]) {
    const candidate = join(base, 'node_modules', name);
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  return undefined;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
