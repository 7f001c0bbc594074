import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';
import { listManifestTargets } from './workspace-packages.mjs';

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

// Specifiers that only pnpm understands; `pnpm pack` must have replaced them with versions.
const WORKSPACE_PROTOCOL = /^(workspace|catalog):/;

/** Returns the manifest targets missing from the package folder: a build that did not run. */
export function findMissingBuildOutput(pkg) {
  return listManifestTargets(pkg.manifest).filter((target) => !existsSync(join(pkg.dir, target)));
}

/** Packs `pkg` with pnpm into `destination` and returns the tarball path and pnpm's output. */
export async function packPackage(pkg, destination) {
  mkdirSync(destination, { recursive: true });
  const result = await runCommand('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: pkg.dir,
  });
  if (result.code !== 0) return { output: result.output };

  const jsonStart = result.output.indexOf('{');
  const filename = JSON.parse(result.output.slice(jsonStart)).filename;
  return { tarball: filename, output: result.output };
}

/** Unpacks a tarball's `package/` folder into `destination`. */
export async function unpackTarball(tarball, destination) {
  mkdirSync(destination, { recursive: true });
  return runCommand('tar', ['-xzf', tarball, '-C', destination, '--strip-components=1']);
}

/** Lists dependency specifiers in a packed manifest that still use a pnpm-only protocol. */
export function findUnresolvedSpecifiers(packedDir) {
  const manifest = JSON.parse(readFileSync(join(packedDir, 'package.json'), 'utf8'));
  const problems = [];

  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (WORKSPACE_PROTOCOL.test(range)) problems.push(`${field}.${name}: ${range}`);
    }
  }
  return problems;
}

/** Runs `publint --strict` on the tarball, so warnings fail the check too. */
export function runPublint(repoRoot, tarball) {
  return runCommand(join(repoRoot, 'node_modules/.bin/publint'), ['run', tarball, '--strict']);
}

/**
 * Runs attw on the tarball that pnpm packed. This is what `attw --pack` checks, except that
 * `attw --pack` calls `npm pack`, which would leave `workspace:^` in the manifest.
 */
export function runAttw(repoRoot, pkg, tarball) {
  const args = [tarball, '--format', 'ascii', '--no-emoji', '--no-color'];

  // ESM-only packages (got and ky adapters, the CLI) have no CommonJS entry on purpose:
  // their hosts are ESM-only. The esm-only profile skips the node10 and node16-from-CJS
  // resolutions, which would otherwise report that CommonJS consumers get an ES module.
  if (!pkg.dual) args.push('--profile', 'esm-only');
  return runCommand(join(repoRoot, 'node_modules/.bin/attw'), args);
}
