import { fork } from 'node:child_process';
import { once } from 'node:events';

const HOST_SCRIPT = new URL('./gateway-host.mjs', import.meta.url);

/**
 * Starts an emulator gateway in a child process on 127.0.0.1 and returns its URL with
 * `stats()`, `resetStats()` and `close()` that call the child over IPC.
 *
 * @param {{ tokenLifetimeSeconds: number }} options
 */
export async function startGatewayProcess({ tokenLifetimeSeconds }) {
  const child = fork(HOST_SCRIPT, [String(tokenLifetimeSeconds)], { stdio: 'inherit' });
  const [ready] = await once(child, 'message');
  let nextId = 0;

  const call = async (type) => {
    nextId += 1;
    const id = nextId;
    child.send({ type, id });
    for (;;) {
      const [reply] = await once(child, 'message');
      if (reply.id === id) return reply;
    }
  };

  return {
    url: ready.url,
    stats: async () => (await call('stats')).stats,
    resetStats: async () => {
      await call('reset');
    },
    close: async () => {
      const exited = once(child, 'exit');
      await call('close');
      await exited;
    },
  };
}
