// A small loopback gateway for adapter tests: it issues unsigned JWTs at the login path,
// accepts bearer tokens by a rule the test picks, and records every request it receives.
// Tests queue canned API responses in `script`. For a callback per request or a gateway that
// accepts only the newest token, use policy-gateway.ts.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const LOGIN_PATH = '/ids/auth/login';
const TOKEN_LIFETIME_SECONDS = 3599;

/** Record of one API request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Every `Authorization` header line, as sent. */
  authorization: string[];
  /** Every `x-instauth` header line, in any letter case. */
  instauth: string[];
  bodyBytes: number;
}

/** Token acceptance rule of the API: every issued token not revoked, or none. */
export type AcceptRule = 'issued' | 'none';

/** A scripted response for one API request, sent before the bearer check. */
export type ScriptedResponse =
  | { status: number; headers?: Record<string, string> }
  | { redirectTo: string; status?: number };

export interface TestGateway {
  url: string;
  origin: string;
  logins: () => number;
  requests: RecordedRequest[];
  /** Records of the login requests as the server received them. */
  loginRequests: RecordedRequest[];
  accept: AcceptRule;
  /** Issued tokens the API rejects from now on. */
  revoked: Set<string>;
  /** Responses queued for the next API requests, consumed one per request. */
  script: ScriptedResponse[];
  /** Status for every login response instead of 200, such as 403 for a bad secret. */
  loginStatus?: number;
  /** Resolves before each login response, so a test can hold logins open. */
  loginGate?: () => Promise<void>;
  close(): Promise<void>;
}

export async function startTestGateway(): Promise<TestGateway> {
  const issued: string[] = [];
  let loginCount = 0;
  const gateway: TestGateway = {
    url: '',
    origin: '',
    logins: () => loginCount,
    requests: [],
    loginRequests: [],
    accept: 'issued',
    revoked: new Set(),
    script: [],
    close: () => closeServer(server),
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bodyBytes = await drain(req);
    const path = new URL(req.url ?? '/', gateway.url).pathname;
    if (path === LOGIN_PATH) {
      loginCount += 1;
      gateway.loginRequests.push(recordRequest(req, path, bodyBytes));
      await gateway.loginGate?.();
      if (gateway.loginStatus !== undefined) {
        return sendJson(res, gateway.loginStatus, { error: 'invalid_client' });
      }
      const token = makeJwt(loginCount);
      issued.push(token);
      sendJson(res, 200, {
        access_token: token,
        expires_in: TOKEN_LIFETIME_SECONDS,
        scope: 'urn:test principal:test',
        token_type: 'bearer',
      });
      return;
    }

    gateway.requests.push(recordRequest(req, path, bodyBytes));
    const scripted = gateway.script.shift();
    if (scripted) return sendScripted(res, scripted);

    const token = bearerOf(req);
    const accepted =
      token !== undefined &&
      gateway.accept === 'issued' &&
      issued.includes(token) &&
      !gateway.revoked.has(token);
    if (!accepted) return sendJson(res, 401, { error: { type: 'AuthenticationError' } });

    sendJson(res, 200, { path, token });
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  gateway.url = `http://127.0.0.1:${port}`;
  gateway.origin = gateway.url;

  return gateway;
}

function recordRequest(req: IncomingMessage, path: string, bodyBytes: number): RecordedRequest {
  const authorization: string[] = [];
  const instauth: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? '').toLowerCase();
    const value = req.rawHeaders[i + 1] ?? '';
    if (name === 'authorization') authorization.push(value);
    if (name === 'x-instauth') instauth.push(value);
  }

  return { method: req.method ?? '', path, authorization, instauth, bodyBytes };
}

function sendScripted(res: ServerResponse, scripted: ScriptedResponse): void {
  if ('redirectTo' in scripted) {
    res.writeHead(scripted.status ?? 302, { location: scripted.redirectTo });
    res.end();
    return;
  }

  res.writeHead(scripted.status, scripted.headers);
  res.end();
}

function bearerOf(req: IncomingMessage): string | undefined {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');

  return match?.[1];
}

async function drain(req: IncomingMessage): Promise<number> {
  let bytes = 0;
  for await (const chunk of req) bytes += (chunk as Buffer).length;

  return bytes;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function makeJwt(serial: number): string {
  const iat = Math.floor(Date.now() / 1000);
  const payload = { sub: `client-${serial}`, iat, exp: iat + TOKEN_LIFETIME_SECONDS, jti: serial };

  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.sig${serial}`;
}

async function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
