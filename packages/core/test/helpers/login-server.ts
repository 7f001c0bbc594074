// A real HTTP login endpoint on 127.0.0.1, port 0, for integration tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeJwt } from './fake-gateway.js';

/** Handles one login and returns true, or returns a falsy value to let the default success respond. */
export type LoginHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
) => boolean | undefined;

export interface LoginServer {
  url: string;
  /** Logins received so far. */
  logins: number;
  /** Raw `client id:secret` strings decoded from Basic headers, in order. */
  credentials: string[];
  /** Handlers of the next logins, in order, before the default success. */
  handlers: LoginHandler[];
  close(): Promise<void>;
}

let serial = 0;

function issueToken(response: ServerResponse, lifetimeSeconds: number): void {
  serial += 1;
  const iat = Math.floor(Date.now() / 1000);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      access_token: makeJwt({ iat, exp: iat + lifetimeSeconds, jti: `server-${serial}` }),
      expires_in: lifetimeSeconds,
      scope: 'urn:dap',
      token_type: 'bearer',
    }),
  );
}

/** Starts the server; it checks the method, path, Basic header and grant type like the gateway. */
export async function startLoginServer(lifetimeSeconds = 3600): Promise<LoginServer> {
  const state = { logins: 0, credentials: [] as string[], handlers: [] as LoginHandler[] };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/ids/auth/login') {
        response.writeHead(404).end();
        return;
      }

      state.logins += 1;
      const basic = request.headers.authorization?.replace(/^Basic /, '') ?? '';
      state.credentials.push(Buffer.from(basic, 'base64').toString('utf8'));
      if (state.handlers.shift()?.(request, response, body)) return;

      if (body !== 'grant_type=client_credentials') {
        response.writeHead(400).end('{"error":"unsupported_grant_type"}');
        return;
      }

      issueToken(response, lifetimeSeconds);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
