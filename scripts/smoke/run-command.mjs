import { spawn } from 'node:child_process';

/** Upper bound for one external tool run (pack, publint, attw, tsc, a probe). */
export const COMMAND_TIMEOUT_MS = 90_000;

/**
 * Runs `command` without a shell and collects its output. Never rejects: a spawn error or a
 * timeout comes back as a non-zero `code` with the reason appended to `output`.
 */
export function runCommand(command, args, { cwd, env = process.env, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    const limitMs = timeoutMs ?? COMMAND_TIMEOUT_MS;
    const timer = setTimeout(() => {
      chunks.push(Buffer.from(`\ntimed out after ${limitMs} ms: ${command} ${args.join(' ')}`));
      child.kill('SIGKILL');
    }, limitMs);

    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => {
      chunks.push(Buffer.from(`\nfailed to start ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}
