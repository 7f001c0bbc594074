import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { main } from '../src/main.js';
import { findSourceFiles } from '../src/scan/find-source-files.js';
import type { Finding } from '../src/scan/finding.js';
import { scanPaths } from '../src/scan/scan-files.js';
import { scanSource } from '../src/scan/scan-source.js';
import { memoryIo } from './support/memory-io.js';
import { runCli } from './support/run-cli.js';

const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/legacy-project', import.meta.url));
const MARKER = /\/\/ expect: ([a-z, -]+)$/;

// `file:line:kind` for every `// expect: KIND` marker in the fixture project.
async function expectedFindings(files: readonly string[]): Promise<string[]> {
  const expected: string[] = [];
  for (const file of files) {
    const lines = (await readFile(path.join(FIXTURE_DIR, file), 'utf8')).split('\n');
    lines.forEach((line, index) => {
      const kinds = MARKER.exec(line)?.[1]?.split(',') ?? [];
      for (const kind of kinds) expected.push(`${file}:${index + 1}:${kind.trim()}`);
    });
  }
  return expected.sort();
}

function keysOf(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line}:${finding.kind}`).sort();
}

describe('scanPaths', () => {
  it('finds every marked legacy use', async () => {
    const { findings, filesScanned } = await scanPaths(['.'], FIXTURE_DIR);
    const files = (await findSourceFiles(['.'], FIXTURE_DIR)).map((file) =>
      path.relative(FIXTURE_DIR, file).split(path.sep).join('/'),
    );
    const expected = await expectedFindings(files);

    expect(filesScanned).toBe(7);
    expect(expected).toHaveLength(31);
    expect(keysOf(findings)).toEqual(expected);
  });

  it('reports nothing for look-alikes', async () => {
    const { findings } = await scanPaths(
      ['src/look-alikes.ts', 'src/ids/auth/login.ts'],
      FIXTURE_DIR,
    );

    expect(findings).toEqual([]);
  });

  it('covers js, mjs, cjs, ts and tsx', async () => {
    const { findings } = await scanPaths(['src'], FIXTURE_DIR);
    const extensions = new Set(findings.map((finding) => path.extname(finding.file)));

    expect([...extensions].sort()).toEqual(['.cjs', '.js', '.mjs', '.ts', '.tsx']);
  });

  it('names the client around a finding', async () => {
    const { findings } = await scanPaths(['src'], FIXTURE_DIR);
    const at = (file: string, line: number) =>
      findings.find((finding) => finding.file === `src/${file}` && finding.line === line);

    expect(at('got-client.js', 5)?.client).toBe('got');
    expect(at('got-client.js', 25)?.client).toBe('ky');
    expect(at('tables.tsx', 6)?.client).toBe('fetch');
    expect(at('api-client.ts', 11)?.client).toBe('axios');
    expect(at('api-client.ts', 29)?.axiosDefaults).toBe(true);
    expect(at('api-client.ts', 29)?.suggestion).toContain('@ids-auth/axios');
    expect(at('got-client.js', 5)?.suggestion).toContain('got.extend(idsAuth())');
  });
});

describe('scanSource', () => {
  it('ignores header names inside comments', () => {
    const text = "// headers['x-instauth'] = token\n/* fetch('/ids/auth/login') */\n";

    expect(scanSource('a.ts', text, '.ts')).toEqual([]);
  });

  it('reports the 1-based line and column', () => {
    const [finding] = scanSource('a.js', "\n  h.set('X-InstAuth', t);\n", '.js');

    expect(finding?.line).toBe(2);
    expect(finding?.column).toBe(9);
  });

  it('finds the login URL behind a path prefix', () => {
    const text = "fetch('https://proxy.example.test/gateway/ids/auth/login');";

    expect(scanSource('a.js', text, '.js').map((finding) => finding.kind)).toEqual([
      'login-request',
    ]);
  });

  it('leaves hard-coded tokens out of findings', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJl';
    const findings = scanSource('a.ts', `const h = { 'x-instauth': '${token}' };`, '.ts');

    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain(token);
  });
});

describe('ids-auth scan', () => {
  it('exits 1 and prints file:line when found', async () => {
    const io = memoryIo(FIXTURE_DIR);

    const exitCode = await main(['scan', 'src/server.cjs'], io);

    expect(exitCode).toBe(ExitCode.FOUND);
    const output = io.out.join('');
    expect(output).toContain('src/server.cjs:9:17  sets the x-instauth header\n');
    expect(output).toContain('  fix: Remove the header and attach the token');
    expect(output).toContain('9 legacy uses in 1 of 1 file scanned.');
  });

  it('exits 0 on a clean project', async () => {
    const io = memoryIo(FIXTURE_DIR);

    const exitCode = await main(['scan', 'src/look-alikes.ts', 'src/ids'], io);

    expect(exitCode).toBe(ExitCode.OK);
    expect(io.out.join('')).toBe(
      'No x-instauth header or hand-built login found (2 files scanned).\n',
    );
  });

  it('prints findings as JSON', async () => {
    const io = memoryIo(FIXTURE_DIR);

    const exitCode = await main(['scan', '--json', 'src/tables.tsx'], io);

    expect(exitCode).toBe(ExitCode.FOUND);
    expect(JSON.parse(io.out.join(''))).toEqual({
      findings: [
        {
          file: 'src/tables.tsx',
          line: 6,
          column: 17,
          kind: 'header-set',
          client: 'fetch',
          description: 'sets the x-instauth header on a request made with fetch',
          suggestion:
            'Remove the header and attach the token as Authorization: Bearer with ' +
            'withIdsAuth(fetch) from @ids-auth/fetch.',
        },
      ],
      filesScanned: 1,
    });
  });

  it('runs from the built binary', async () => {
    const result = await runCli(['scan', '--json', path.join(FIXTURE_DIR, 'src', 'tables.tsx')]);

    expect(result.exitCode).toBe(ExitCode.FOUND);
    expect(JSON.parse(result.stdout).findings).toHaveLength(1);
    expect(result.stderr).toBe('');
  });

  it('scans the working directory by default', async () => {
    const io = memoryIo(path.join(FIXTURE_DIR, 'src', 'ids'));

    const exitCode = await main(['scan', '--json'], io);

    expect(exitCode).toBe(ExitCode.OK);
    expect(JSON.parse(io.out.join('')).filesScanned).toBe(1);
  });

  it.each([
    [['scan', 'missing-dir'], 'ids-auth scan: Path not found: missing-dir.'],
    [['scan', 'README.md'], 'Unsupported file type: README.md.'],
    [['scan', '--yaml'], "Unknown option '--yaml'"],
  ])('exits 2 for %j', async (args, message) => {
    const io = memoryIo(FIXTURE_DIR);

    const exitCode = await main(args, io);

    expect(exitCode).toBe(ExitCode.USAGE);
    expect(io.err.join('')).toContain(message);
    expect(io.out).toEqual([]);
  });

  // A FIFO has a source extension but no end, so reading it would wait forever.
  it.skipIf(process.platform === 'win32')('exits 2 for a FIFO named directly', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'ids-auth-scan-'));
    execFileSync('mkfifo', [path.join(directory, 'pipe.js')]);
    const io = memoryIo(directory);

    const exitCode = await main(['scan', 'pipe.js'], io);
    await rm(directory, { recursive: true });

    expect(exitCode).toBe(ExitCode.USAGE);
    expect(io.err.join('')).toContain('Not a regular file: pipe.js.');
  });

  // root reads files whatever their mode, so these cases cannot fail for root.
  const isRoot = process.getuid?.() === 0;

  it.skipIf(isRoot || process.platform === 'win32')('exits 2 for unreadable paths', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'ids-auth-scan-'));
    await mkdir(path.join(directory, 'locked'));
    await writeFile(path.join(directory, 'secret.js'), 'export {};\n');
    await chmod(path.join(directory, 'locked'), 0o000);
    await chmod(path.join(directory, 'secret.js'), 0o000);
    const fileIo = memoryIo(directory);
    const directoryIo = memoryIo(directory);

    const fileExit = await main(['scan', 'secret.js'], fileIo);
    const directoryExit = await main(['scan', 'locked'], directoryIo);
    await chmod(path.join(directory, 'locked'), 0o700);
    await rm(directory, { recursive: true, force: true });

    expect(fileExit).toBe(ExitCode.USAGE);
    expect(fileIo.err.join('')).toContain('Cannot read secret.js (EACCES).');
    expect(directoryExit).toBe(ExitCode.USAGE);
    expect(directoryIo.err.join('')).toContain('Cannot read locked (EACCES).');
  });
});
