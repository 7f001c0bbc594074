import { once } from 'node:events';

/**
 * Waits for the next IPC message from `child` whose `type` is `type` (any message when `type`
 * is undefined). Rejects if the child exits first, so a crashed child cannot stall the run.
 *
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} [type]
 */
export async function waitForMessage(child, type) {
  for (;;) {
    const [message] = await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`Child process ${child.pid} exited with code ${code} before a message.`);
      }),
    ]);
    if (type === undefined || message.type === type) return message;
  }
}
