import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderEntry } from './header-shapes.js';

/** A loopback HTTP server that responds with 200 and records the raw headers of each request. */
export interface RecordingServer {
  /** Base URL such as `http://127.0.0.1:PORT`. */
  url: string;
  /** Raw header lines of each request, in arrival order, with names as sent. */
  requests: HeaderEntry[][];
  close(): Promise<void>;
}

function pairUp(rawHeaders: readonly string[]): HeaderEntry[] {
  const entries: HeaderEntry[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    entries.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);
  }

  return entries;
}

/** Starts a recording server on 127.0.0.1 and a free port. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: HeaderEntry[][] = [];
  const server: Server = createServer((request, response) => {
    requests.push(pairUp(request.rawHeaders));
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
