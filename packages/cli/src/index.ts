export { type CommandIo, processIo } from './command-io.js';
export { ExitCode } from './exit-codes.js';
export { MAIN_HELP, main } from './main.js';
export { UsageError } from './parse-command-args.js';
export { ScanPathError } from './scan/find-source-files.js';
export type { Finding, FindingKind, HttpClient } from './scan/finding.js';
export { type ScanResult, scanPaths } from './scan/scan-files.js';
export { runScan, SCAN_HELP } from './scan-command.js';
