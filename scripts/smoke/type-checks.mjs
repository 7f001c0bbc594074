import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';

// Compiler settings a consumer project would use for each resolution mode. The node16
// project also compiles a CommonJS copy (.cts) of each dual package's fixture, so both the
// `import` and the `require` declarations are checked.
const MODES = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'preserve', moduleResolution: 'bundler' },
};

// A Node.js consumer: no DOM library, so the declarations must get by with @types/node.
// skipLibCheck stays off so that errors inside the packed .d.ts files count. Diagnostics in
// third-party declarations (ioredis 6 imports the untyped redis-errors) are dropped below.
const SHARED_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023'],
  types: ['node'],
  strict: true,
  noEmit: true,
  esModuleInterop: true,
  skipLibCheck: false,
};

/** Names of the type checks that `runTypeChecks` reports for each package. */
export const TYPE_CHECK_NAMES = Object.keys(MODES).map((mode) => `types:${mode}`);

/**
 * Copies the type fixtures of `packages` into the temp project and runs the workspace's tsc
 * once per resolution mode. Returns, per check name, the error lines by package folder and
 * the lines that name no package.
 */
export async function runTypeChecks(repoRoot, projectDir, packages) {
  const { files, withoutFixture } = copyFixtures(projectDir, packages);
  const results = {};

  for (const mode of Object.keys(MODES)) {
    const include = mode === 'node16' ? files : files.filter((file) => file.endsWith('.ts'));
    const groups =
      include.length > 0 ? await compile(repoRoot, projectDir, mode, include) : emptyGroups();
    for (const folder of withoutFixture) {
      groups.byFolder[folder] = [`no type fixture: add scripts/smoke/types/${folder}.ts`];
    }
    results[`types:${mode}`] = groups;
  }
  return results;
}

/** Writes the tsconfig of `mode` and runs the workspace's tsc on it. */
async function compile(repoRoot, projectDir, mode, include) {
  const configName = `tsconfig.${mode}.json`;
  const config = { compilerOptions: { ...SHARED_OPTIONS, ...MODES[mode] }, files: include };
  writeFileSync(join(projectDir, configName), `${JSON.stringify(config, null, 2)}\n`);

  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  const run = await runCommand(process.execPath, [tsc, '-p', configName, '--pretty', 'false'], {
    cwd: projectDir,
  });
  const groups = groupErrors(run.output);
  if (run.code !== 0 && run.output.trim() === '') {
    groups.unattributed.push(`tsc exited with ${run.code} and printed nothing`);
  }
  return groups;
}

function emptyGroups() {
  return { byFolder: {}, unattributed: [], thirdParty: [] };
}

function copyFixtures(projectDir, packages) {
  const sourceDir = join(import.meta.dirname, 'types');
  const targetDir = join(projectDir, 'src');
  const files = [];
  const withoutFixture = [];
  mkdirSync(targetDir, { recursive: true });

  for (const pkg of packages) {
    if (!existsSync(join(sourceDir, `${pkg.folder}.ts`))) {
      withoutFixture.push(pkg.folder);
      continue;
    }

    const extensions = pkg.dual ? ['ts', 'cts'] : ['ts'];
    for (const extension of extensions) {
      copyFileSync(
        join(sourceDir, `${pkg.folder}.ts`),
        join(targetDir, `${pkg.folder}.${extension}`),
      );
      files.push(`src/${pkg.folder}.${extension}`);
    }
  }
  return { files, withoutFixture };
}

/**
 * Groups tsc's diagnostics by the package folder their file belongs to. Diagnostics without
 * a file (a bad option) go to `unattributed`. Files outside the temp project are third-party
 * packages linked from the workspace, and their diagnostics are dropped.
 */
function groupErrors(output) {
  const byFolder = {};
  const unattributed = [];
  const thirdParty = [];
  let current = unattributed;

  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;

    // Continuation lines are indented and belong to the diagnostic above them.
    if (!/^\s/.test(line)) current = listFor(byFolder, unattributed, thirdParty, line);
    current.push(line);
  }
  return { byFolder, unattributed, thirdParty };
}

function listFor(byFolder, unattributed, thirdParty, line) {
  if (line.startsWith('../') || line.startsWith('/')) return thirdParty;

  const match = /^(?:src\/([\w-]+)\.c?ts|node_modules\/@ids-auth\/([\w-]+)\/)/.exec(line);
  if (!match) return unattributed;

  const folder = match[1] ?? match[2];
  byFolder[folder] ??= [];
  return byFolder[folder];
}
