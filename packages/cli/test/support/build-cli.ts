import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(PACKAGE_DIR, 'dist', 'bin.js');

// Newest modification time under `directory`, in epoch milliseconds.
function newestMtimeMs(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;

    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/bin.js before the child-process tests when it is missing or older than src,
 * so `pnpm --filter @ids-auth/cli test` works without a separate build step.
 */
export default function buildCliWhenStale(): void {
  const builtAtMs = statSync(BIN, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAtMs >= newestMtimeMs(path.join(PACKAGE_DIR, 'src'))) return;

  const result = spawnSync('pnpm', ['run', 'build'], { cwd: PACKAGE_DIR, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`Building the CLI failed with exit code ${result.status}.`);
}
