import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findSourceFiles, unreadablePathError } from './find-source-files.js';
import type { Finding } from './finding.js';
import { scanSource } from './scan-source.js';

/** Result of scanning a set of paths. */
export interface ScanResult {
  /** Every legacy use, ordered by file, then line and column. */
  findings: Finding[];
  /** How many source files were parsed. */
  filesScanned: number;
}

/**
 * Scans files and directories for `x-instauth` and hand-built `/ids/auth/login` requests.
 * Reported paths are relative to `cwd` and use `/`.
 * @example
 * const { findings } = await scanPaths(['src'], process.cwd());
 */
export async function scanPaths(paths: readonly string[], cwd: string): Promise<ScanResult> {
  const files = await findSourceFiles(paths, cwd);
  const findings: Finding[] = [];

  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw unreadablePathError(file, error, cwd);
    });
    const relativePath = path.relative(cwd, file).split(path.sep).join('/');
    findings.push(...scanSource(relativePath, text, path.extname(file)));
  }

  return { findings, filesScanned: files.length };
}
