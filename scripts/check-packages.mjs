#!/usr/bin/env node
// Checks every publishable package the way a consumer receives it. Run it after the build
// (`pnpm -r build` or `turbo run build`). For each package it packs a tarball with pnpm and
// runs `publint --strict` and attw on it. It then unpacks the tarball into a temp project
// outside the repository. There it loads the package with `import` (all packages) and
// `require()` (dual packages) and runs its bins with `--help`. An end-to-end probe sends one
// request through each packed adapter to the packed emulator on 127.0.0.1. Last, tsc
// type-checks a fixture per package from scripts/smoke/types with moduleResolution node16
// and bundler. Third-party dependencies are linked from the workspace, so no registry is used.
//
// Usage: node scripts/check-packages.mjs [--keep] [folder or package name ...]
//   --keep  leaves the temp folder in place and prints its path
// Exits with 1 when any check fails, naming the package and the check.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURE_EXTRAS } from './smoke/api-surface.mjs';
import {
  findMissingBuildOutput,
  findUnresolvedSpecifiers,
  packPackage,
  runAttw,
  runPublint,
  unpackTarball,
} from './smoke/pack-and-lint.mjs';
import { CHECK_NAMES, CheckReport } from './smoke/report.mjs';
import { checkBins, compareFormats, probeExports, runEndToEnd } from './smoke/runtime-checks.mjs';
import { createTempProject, installedPath, linkThirdPartyPackages } from './smoke/temp-project.mjs';
import { runTypeChecks, TYPE_CHECK_NAMES } from './smoke/type-checks.mjs';
import { listPublishablePackages } from './smoke/workspace-packages.mjs';

const repoRoot = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const packages = listPublishablePackages(
  repoRoot,
  args.filter((arg) => arg !== '--keep'),
);

if (packages.length === 0) {
  process.stderr.write(
    `No publishable package matches ${args.join(' ')}. ` +
      'Pass folder names under packages/ (core) or package names (@ids-auth/core).\n',
  );
  process.exit(2);
}

const workDir = mkdtempSync(join(tmpdir(), 'ids-auth-check-packages-'));
const projectDir = join(workDir, 'project');
const report = new CheckReport(
  packages.map((pkg) => pkg.manifest.name),
  [...CHECK_NAMES, ...TYPE_CHECK_NAMES],
);

try {
  createTempProject(projectDir);
  const installed = [];
  for (const pkg of packages) {
    if (await packAndLint(pkg)) installed.push(pkg);
  }
  for (const pkg of installed) linkDependencies(pkg);
  for (const pkg of installed) await runRuntimeChecks(pkg);
  await recordEndToEnd(installed);
  await recordTypeChecks(installed);
} finally {
  if (keep) process.stdout.write(`Temp project kept at ${projectDir}\n`);
  else rmSync(workDir, { recursive: true, force: true });
}

process.stdout.write(`${report.format()}\n`);
process.stdout.write(`${report.failureCount} failed checks in ${packages.length} packages\n`);
process.exitCode = report.failureCount === 0 ? 0 : 1;

/** Packs, lints and unpacks one package. Returns whether it reached the temp project. */
async function packAndLint(pkg) {
  const name = pkg.manifest.name;
  const missing = findMissingBuildOutput(pkg);
  if (missing.length > 0) {
    report.fail(name, 'build', `missing ${missing.join(', ')}: run pnpm build first`);
    return false;
  }
  report.pass(name, 'build');

  const packed = await packPackage(pkg, join(workDir, 'tarballs'));
  if (!packed.tarball) {
    report.fail(name, 'pack', packed.output);
    return false;
  }
  report.pass(name, 'pack');

  const [publint, attw] = await Promise.all([
    runPublint(repoRoot, packed.tarball),
    runAttw(repoRoot, pkg, packed.tarball),
  ]);
  recordRun(name, 'publint', publint);
  recordRun(name, 'attw', attw);

  const unpacked = await unpackTarball(packed.tarball, installedPath(projectDir, name));
  if (unpacked.code !== 0) {
    report.fail(name, 'install', unpacked.output);
    return false;
  }
  report.expectNone(name, 'manifest', findUnresolvedSpecifiers(installedPath(projectDir, name)));
  return true;
}

function linkDependencies(pkg) {
  const missing = linkThirdPartyPackages(projectDir, pkg, [
    '@types/node',
    ...(FIXTURE_EXTRAS[pkg.folder] ?? []),
  ]);
  const problems = missing.map((dependency) => `${dependency} is not installed in the workspace`);
  report.expectNone(pkg.manifest.name, 'install', problems);
}

async function runRuntimeChecks(pkg) {
  const name = pkg.manifest.name;
  const esm = await probeExports(projectDir, pkg, 'probe-esm.mjs');
  report.expectNone(name, 'import', esm.problems);

  if (pkg.dual) {
    const cjs = await probeExports(projectDir, pkg, 'probe-cjs.cjs');
    const formatProblems = esm.shape && cjs.shape ? compareFormats(esm.shape, cjs.shape) : [];
    report.expectNone(name, 'require', [...cjs.problems, ...formatProblems]);
  } else {
    report.notApplicable(name, 'require');
  }

  if (pkg.manifest.bin) report.expectNone(name, 'bin', await checkBins(projectDir, pkg));
  else report.notApplicable(name, 'bin');
}

// The end-to-end probe needs the core and the emulator. It runs once with `import` and once
// with `require()`, and reports one outcome per package it exercised.
async function recordEndToEnd(installed) {
  const names = installed.map((pkg) => pkg.manifest.name);
  if (!names.includes('@ids-auth/core') || !names.includes('@ids-auth/emulator')) return;

  const runs = {
    esm: await runEndToEnd(projectDir, 'esm', names),
    cjs: await runEndToEnd(projectDir, 'cjs', names),
  };
  for (const name of names) {
    const outcomes = Object.entries(runs).map(([format, run]) => [format, run.outcomes?.[name]]);
    const problems = outcomes
      .filter(([, outcome]) => outcome !== undefined && outcome !== 'ok')
      .map(([format, outcome]) => `${format}: ${outcome}`);
    // A probe that crashed could not load the core or the emulator, so it fails those two.
    if (name === '@ids-auth/core' || name === '@ids-auth/emulator') {
      problems.push(...Object.values(runs).flatMap((run) => (run.error ? [run.error] : [])));
    }

    const exercised = outcomes.some(([, outcome]) => outcome !== undefined);
    if (!exercised && problems.length === 0) report.notApplicable(name, 'e2e');
    else report.expectNone(name, 'e2e', problems);
  }
}

async function recordTypeChecks(installed) {
  if (installed.length === 0) return;

  const results = await runTypeChecks(repoRoot, projectDir, installed);
  for (const [check, result] of Object.entries(results)) {
    for (const pkg of installed) {
      // Diagnostics that name no file (such as an unknown compiler option) fail every package.
      const errors = [...(result.byFolder[pkg.folder] ?? []), ...result.unattributed];
      report.expectNone(pkg.manifest.name, check, errors);
    }
  }
}

function recordRun(name, check, run) {
  if (run.code === 0) report.pass(name, check);
  else report.fail(name, check, run.output);
}
