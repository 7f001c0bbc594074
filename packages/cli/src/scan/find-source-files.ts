import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SOURCE_EXTENSIONS } from './scan-source.js';

// Installed packages are not the caller's code, and dot-directories contain tool caches and
// version control data.
const SKIPPED_DIRECTORY = (name: string): boolean =>
  name === 'node_modules' || name.startsWith('.');

/** A path passed to `ids-auth scan` that does not exist or is not a source file. */
export class ScanPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanPathError';
  }
}

/**
 * Expands files and directories into the sorted list of source files to scan. Directories
 * are walked without following symbolic links, skipping `node_modules` and dot-directories.
 * A file named directly must have a source extension.
 */
export async function findSourceFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();

  for (const requested of paths) {
    const absolute = path.resolve(cwd, requested);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) {
      throw new ScanPathError(`Path not found: ${requested}. Pass existing files or directories.`);
    }

    if (info.isDirectory()) {
      await walkDirectory(absolute, found);
      continue;
    }

    if (!hasSourceExtension(absolute)) {
      const allowed = SOURCE_EXTENSIONS.join(', ');
      throw new ScanPathError(
        `Unsupported file type: ${requested}. Scan files ending in ${allowed}.`,
      );
    }
    found.add(absolute);
  }

  return [...found].sort();
}

async function walkDirectory(directory: string, found: Set<string>): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true });

  for (const entry of entries) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORY(entry.name)) {
      await walkDirectory(entryPath, found);
    } else if (entry.isFile() && hasSourceExtension(entry.name)) {
      found.add(entryPath);
    }
  }
}

function hasSourceExtension(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file));
}
