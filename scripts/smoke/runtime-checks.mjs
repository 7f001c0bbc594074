import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareExports } from './api-surface.mjs';
import { runCommand } from './run-command.mjs';
import { installedPath } from './temp-project.mjs';

// Probes run with a closed loopback port as the gateway and no credentials, so nothing
// they load can reach the default gateway even if it logs in at import time.
const PROBE_ENV = {
  ...process.env,
  DAP_API_URL: 'http://127.0.0.1:9',
  DAP_CLIENT_ID: '',
  DAP_CLIENT_SECRET: '',
};

/**
 * Loads `pkg` from the temp project with `probeFile` and returns `{ shape, problems }`:
 * the export names with their `typeof`, and what differs from the expected API.
 */
export async function probeExports(projectDir, pkg, probeFile) {
  const run = await runCommand(process.execPath, [probeFile, pkg.manifest.name], {
    cwd: projectDir,
    env: PROBE_ENV,
  });
  if (run.code !== 0) return { problems: [`${probeFile} exited with ${run.code}`, run.output] };

  const shape = JSON.parse(run.output.trim().split('\n').at(-1));
  return { shape, problems: compareExports(pkg.folder, shape) };
}

/** Lists the export names that only one of the two module formats offers. */
export function compareFormats(esmShape, cjsShape) {
  const esmNames = Object.keys(esmShape ?? {});
  const cjsNames = Object.keys(cjsShape ?? {});
  const onlyEsm = esmNames.filter((name) => !cjsNames.includes(name));
  const onlyCjs = cjsNames.filter((name) => !esmNames.includes(name));
  const problems = [];

  if (onlyEsm.length > 0) problems.push(`only the ES module exports: ${onlyEsm.join(', ')}`);
  if (onlyCjs.length > 0) problems.push(`only the CommonJS build exports: ${onlyCjs.join(', ')}`);
  return problems;
}

/**
 * Checks each `bin` of the installed package: the file exists, starts with a `#!` line and
 * `--help` exits with 0. Returns the problems found.
 */
export async function checkBins(projectDir, pkg) {
  const packageDir = installedPath(projectDir, pkg.manifest.name);
  const problems = [];

  for (const [command, relativePath] of Object.entries(normalizeBin(pkg.manifest))) {
    const file = join(packageDir, relativePath);
    if (!existsSync(file)) {
      problems.push(`bin ${command}: ${relativePath} is not in the tarball`);
      continue;
    }
    if (!readFileSync(file, 'utf8').startsWith('#!')) {
      problems.push(`bin ${command}: ${relativePath} has no #! line`);
    }

    const run = await runCommand(process.execPath, [file, '--help'], {
      cwd: projectDir,
      env: PROBE_ENV,
    });
    if (run.code !== 0) problems.push(`bin ${command}: --help exited with ${run.code}`, run.output);
  }
  return problems;
}

/** Returns `bin` as a command-to-path object; a string `bin` is named after the package. */
function normalizeBin(manifest) {
  if (typeof manifest.bin !== 'string') return manifest.bin ?? {};
  return { [manifest.name.replace(/^@[^/]+\//, '')]: manifest.bin };
}

/**
 * Runs probe-end-to-end.mjs in `format` (`esm` or `cjs`) with the installed package names.
 * Returns `{ outcomes }`, which maps each package name to `ok` or a failure message, or
 * `{ error }` when the probe itself failed.
 */
export async function runEndToEnd(projectDir, format, packageNames) {
  const run = await runCommand(
    process.execPath,
    ['probe-end-to-end.mjs', format, ...packageNames],
    { cwd: projectDir, env: PROBE_ENV },
  );
  if (run.code !== 0)
    return { error: `probe-end-to-end.mjs ${format} exited with ${run.code}\n${run.output}` };

  return { outcomes: JSON.parse(run.output.trim().split('\n').at(-1)) };
}
