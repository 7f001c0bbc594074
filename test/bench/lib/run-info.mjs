import { execFileSync } from 'node:child_process';
import os from 'node:os';

const BYTES_PER_GIB = 1024 ** 3;

/** Collects the facts a reader needs to judge the numbers: versions, commit and machine. */
export function collectRunInfo(repositoryRoot) {
  const git = (...args) =>
    execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8' }).trim();
  const changedFiles = git('status', '--porcelain', '--untracked-files=no')
    .split('\n')
    .filter(Boolean).length;

  return {
    date: new Date().toISOString(),
    commit: git('rev-parse', 'HEAD'),
    changedFiles,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / BYTES_PER_GIB,
    loadAverage: os.loadavg(),
  };
}
