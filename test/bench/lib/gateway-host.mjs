// Child process that runs one emulator gateway, so the server has its own event loop and
// core instead of sharing the client's. The parent talks to it over the IPC channel.
import { startGateway } from '@ids-auth/emulator';

const lifetimeSeconds = Number(process.argv[2]);
const gateway = await startGateway({ tokenLifetimeSeconds: lifetimeSeconds, host: '127.0.0.1' });

process.on('message', async (message) => {
  if (message.type === 'stats') {
    process.send({ id: message.id, stats: summarizeStats(gateway.stats()) });
    return;
  }
  if (message.type === 'reset') {
    gateway.resetStats();
    process.send({ id: message.id });
    return;
  }
  if (message.type === 'close') {
    await gateway.close();
    process.send({ id: message.id });
    process.disconnect();
  }
});

process.send({ type: 'ready', url: gateway.url });

// The full stats hold the last 10,000 requests; the benches need only the counters.
function summarizeStats(stats) {
  return {
    logins: stats.logins,
    loginAttempts: stats.loginAttempts,
    apiRequests: stats.apiRequests,
    unauthorized: stats.unauthorized,
  };
}
