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
      await walkDirectory(absolute, found, cwd);
      continue;
    }

    if (!info.isFile()) {
      throw new ScanPathError(
        `Not a regular file: ${requested}. Pass source files or directories, not pipes or devices.`,
      );
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

async function walkDirectory(directory: string, found: Set<string>, cwd: string): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    throw unreadablePathError(directory, error, cwd);
  });

  for (const entry of entries) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORY(entry.name)) {
      await walkDirectory(entryPath, found, cwd);
    } else if (entry.isFile() && hasSourceExtension(entry.name)) {
      found.add(entryPath);
    }
  }
}

/**
 * Returns the error for a file or directory that cannot be read. The scan stops instead of
 * skipping it, because a migration list that silently leaves out files looks complete.
 */
export function unreadablePathError(file: string, error: unknown, cwd: string): ScanPathError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? code : String(error);
  const displayPath = path.relative(cwd, file) || file;

  return new ScanPathError(
    `Cannot read ${displayPath} (${reason}). Fix its permissions, or scan paths that leave it out.`,
  );
}

function hasSourceExtension(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file));
}
