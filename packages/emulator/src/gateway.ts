import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApiRequest } from './api-handler.js';
import { exposeFaults } from './fault-state.js';
import { createGatewayContext, type GatewayContext } from './gateway-context.js';
import { resolveGatewayOptions } from './gateway-options.js';
import { BodyTooLargeError, sendJson } from './http-io.js';
import { closeServer, listen } from './http-server.js';
import { handleLogin, LOGIN_PATH } from './login-handler.js';
import { formatOrigin } from './loopback-host.js';
import { handleObjectDownload, OBJECTS_PREFIX } from './object-handler.js';
import { createOtherOriginListener } from './other-origin.js';
import { TimerSet } from './timer-set.js';
import type { Gateway, GatewayOptions } from './types.js';

async function routeRequest(
  context: GatewayContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const pathname = new URL(request.url ?? '/', 'http://emulator.invalid').pathname;
  if (pathname === LOGIN_PATH && request.method === 'POST') {
    await handleLogin(context, request, response);
    return;
  }

  if (pathname === LOGIN_PATH) {
    context.stats.recordLogin(undefined, 'failed');
    sendJson(
      response,
      405,
      { error: 'invalid_request', error_description: 'use POST' },
      { allow: 'POST' },
    );
    return;
  }

  if (pathname.startsWith(OBJECTS_PREFIX) && request.method === 'GET') {
    handleObjectDownload(context, response, pathname);
    return;
  }

  await handleApiRequest(context, request, response, pathname);
}

function createListener(context: GatewayContext) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    routeRequest(context, request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, { message: error.message });
        return;
      }

      // The socket may be gone because the gateway closed, and sendJson then writes nothing.
      sendJson(response, 500, { message: 'the emulator failed to handle this request' });
    });
  };
}

/**
 * Starts an emulated Instructure API gateway on loopback: the IDS login and a DAP query
 * subset, with stats and fault injection. A second loopback server serves as the target of
 * cross-origin redirects.
 *
 * @example
 * const gateway = await startGateway({ tokenLifetimeSeconds: 60 });
 * const tokens = createTokenManager({ ...DEFAULT_CLIENT, baseUrl: gateway.url });
 * await tokens.getToken();
 * expect(gateway.stats().logins).toBe(1);
 * await gateway.close();
 */
export async function startGateway(options?: GatewayOptions): Promise<Gateway> {
  const resolved = resolveGatewayOptions(options);
  const timers = new TimerSet();
  const context = createGatewayContext(resolved, timers);
  const { stats } = context;
  const main = await listen(createListener(context), resolved.host, resolved.port);
  const other = await listen(createOtherOriginListener(stats), resolved.host, 0).catch(
    async (error: unknown) => {
      await closeServer(main.server);
      throw error;
    },
  );
  context.origins.gateway = formatOrigin(resolved.host, main.port);
  context.origins.other = formatOrigin(resolved.host, other.port);
  let closing: Promise<void> | undefined;

  return {
    url: context.origins.gateway,
    otherOrigin: context.origins.other,
    faults: exposeFaults(context.faults),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close() {
      timers.cancelAll();
      closing ??= Promise.all([closeServer(main.server), closeServer(other.server)]).then(
        () => undefined,
      );
      return closing;
    },
  };
}
