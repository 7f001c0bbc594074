import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A second loopback origin that records the headers of every request it receives. */
export interface OtherOrigin {
  url: string;
  received: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * Starts the origin. With `redirectTo` it responds to every request with a 302 to that URL,
 * otherwise with `status`.
 */
export async function startOtherOrigin(redirectTo?: string, status = 200): Promise<OtherOrigin> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    received.push(request.headers);
    request.resume();
    if (redirectTo !== undefined) {
      response.statusCode = 302;
      response.setHeader('location', redirectTo);
    } else {
      response.statusCode = status;
    }
    response.setHeader('content-type', 'application/json');
    response.end('{"landed":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
