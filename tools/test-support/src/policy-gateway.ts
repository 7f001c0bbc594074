// A loopback stand-in for the gateway with exact control over which tokens the API accepts.
// The adapters' behaviour hangs on single requests, so the tests count every one of them.
// A `responder` callback can answer any API request itself. For a queue of canned responses,
// revoked tokens or held logins, use scripted-gateway.ts.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret-do-not-print';

/** One API request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Header names and values in the order received, names lower-cased. */
  headerPairs: Array<[string, string]>;
  bodyBytes: number;
}

/** Bearer-token check of the API. */
export type TokenPolicy = 'issued' | 'newest' | 'none';

export type ApiResponder = (request: RecordedRequest, response: ServerResponse) => boolean;

export interface TestGateway {
  url: string;
  /** Number of login requests received. */
  logins: number;
  /** `Authorization` values of the login requests, in order. */
  loginAuthorizations: Array<string | undefined>;
  /** Tokens issued, oldest first. */
  tokens: string[];
  requests: RecordedRequest[];
  policy: TokenPolicy;
  /** Status of every login response when set. Unset, logins get 200 with a token. */
  loginStatus?: number;
  /** Runs before the token check and returns true when it has sent the response itself. */
  responder?: ApiResponder;
  close(): Promise<void>;
}

/** Returns every value of header `name` in `request`. */
export function headerValues(request: RecordedRequest, name: string): string[] {
  return request.headerPairs.filter(([key]) => key === name).map(([, value]) => value);
}

/** Starts the stand-in gateway on 127.0.0.1 with a random port. */
export async function startTestGateway(lifetimeSeconds = 3600): Promise<TestGateway> {
  const server = createServer((request, response) => {
    void handle(gateway, lifetimeSeconds, request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const gateway: TestGateway = {
    url: `http://127.0.0.1:${port}`,
    logins: 0,
    loginAuthorizations: [],
    tokens: [],
    requests: [],
    policy: 'issued',
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  return gateway;
}

async function handle(
  gateway: TestGateway,
  lifetimeSeconds: number,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let bodyBytes = 0;
  for await (const chunk of request) bodyBytes += (chunk as Buffer).length;
  const path = request.url ?? '/';

  if (path === '/ids/auth/login') {
    gateway.loginAuthorizations.push(request.headers.authorization);
    sendLoginResponse(gateway, lifetimeSeconds, response);
    return;
  }

  const recorded: RecordedRequest = {
    method: request.method ?? 'GET',
    path,
    headerPairs: pairs(request.rawHeaders),
    bodyBytes,
  };
  gateway.requests.push(recorded);
  if (gateway.responder?.(recorded, response)) return;

  const authorization = headerValues(recorded, 'authorization');
  const token = authorization.length === 1 ? authorization[0]?.replace(/^Bearer /, '') : '';
  const accepted = isAccepted(gateway, token ?? '');
  response.statusCode = accepted ? 200 : 401;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(accepted ? { path, bodyBytes } : { error: { type: 'Auth' } }));
}

function isAccepted(gateway: TestGateway, token: string): boolean {
  if (gateway.policy === 'none') return false;
  if (gateway.policy === 'newest') return token === gateway.tokens.at(-1);

  return gateway.tokens.includes(token);
}

function sendLoginResponse(
  gateway: TestGateway,
  lifetimeSeconds: number,
  response: ServerResponse,
) {
  gateway.logins += 1;
  if (gateway.loginStatus !== undefined) {
    response.statusCode = gateway.loginStatus;
    response.end();
    return;
  }

  const token = makeJwt(gateway.logins, lifetimeSeconds);
  gateway.tokens.push(token);
  response.setHeader('content-type', 'application/json');
  response.end(
    JSON.stringify({
      access_token: token,
      expires_in: lifetimeSeconds,
      scope: 'urn:test',
      token_type: 'bearer',
    }),
  );
}

function makeJwt(serial: number, lifetimeSeconds: number): string {
  const iat = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ sub: `token-${serial}`, iat, exp: iat + lifetimeSeconds });
  return `${header}.${payload}.signature${serial}`;
}

function pairs(rawHeaders: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    result.push([String(rawHeaders[index]).toLowerCase(), String(rawHeaders[index + 1])]);
  }
  return result;
}
