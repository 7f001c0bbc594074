import type { CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import { parseCommandArgs } from './parse-command-args.js';
import type { Finding } from './scan/finding.js';
import { scanPaths } from './scan/scan-files.js';

/** Help text of `ids-auth scan`. */
export const SCAN_HELP = `Usage: ids-auth scan [paths...] [--json]

Lists every place that sets or reads the x-instauth header, or sends the
/ids/auth/login request by hand, with file:line and the suggested replacement.
Parses JavaScript and TypeScript (.js .jsx .mjs .cjs .ts .tsx .mts .cts);
directories are walked without node_modules and dot-directories.

Arguments:
  paths        Files or directories to scan (default: the current directory)

Options:
  --json       Print {"findings": [...], "filesScanned": N} instead of text
  -h, --help   Print this help

Exit codes: 0 nothing found, 1 something found, 2 usage error.
`;

const SCAN_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Runs `ids-auth scan` and returns its exit code.
 * @example
 * const exitCode = await runScan(['src', '--json'], processIo());
 */
export async function runScan(args: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('scan', {
    args: [...args],
    options: SCAN_OPTIONS,
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(SCAN_HELP);
    return ExitCode.OK;
  }

  const paths = positionals.length > 0 ? positionals : ['.'];
  const result = await scanPaths(paths, io.cwd);
  if (values.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    io.stdout(formatText(result.findings, result.filesScanned));
  }

  return result.findings.length > 0 ? ExitCode.FOUND : ExitCode.OK;
}

function formatText(findings: readonly Finding[], filesScanned: number): string {
  const scanned = `${filesScanned} ${filesScanned === 1 ? 'file' : 'files'} scanned`;
  if (findings.length === 0) {
    return `No x-instauth header or hand-built login found (${scanned}).\n`;
  }

  const lines = findings.map(
    (finding) =>
      `${finding.file}:${finding.line}:${finding.column}  ${finding.description}\n` +
      `  fix: ${finding.suggestion}\n`,
  );
  const files = new Set(findings.map((finding) => finding.file)).size;
  const uses = findings.length === 1 ? 'legacy use' : 'legacy uses';
  return `${lines.join('')}\n${findings.length} ${uses} in ${files} of ${scanned}.\n`;
}
