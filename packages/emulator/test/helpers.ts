import { request as httpRequest } from 'node:http';
import { DEFAULT_CLIENT, type Gateway } from '../src/index.js';

/** Builds a raw Basic value: base64 of `id:secret`, no percent-encoding. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
}

/** Sends a login request with form body `grant_type=client_credentials` unless overridden. */
export async function login(
  gateway: Gateway,
  credentials: { clientId: string; clientSecret: string } = DEFAULT_CLIENT,
  init: { body?: string; contentType?: string | null; authorization?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  const authorization =
    init.authorization === undefined
      ? basicAuthorization(credentials.clientId, credentials.clientSecret)
      : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const contentType =
    init.contentType === undefined ? 'application/x-www-form-urlencoded' : init.contentType;
  if (contentType !== null) headers['content-type'] = contentType;

  return fetch(`${gateway.url}/ids/auth/login`, {
    method: 'POST',
    headers,
    body: init.body ?? 'grant_type=client_credentials',
  });
}

/** Logs in and returns the access token, failing the test on any other status. */
export async function getToken(
  gateway: Gateway,
  credentials: { clientId: string; clientSecret: string } = DEFAULT_CLIENT,
): Promise<string> {
  const response = await login(gateway, credentials);
  if (response.status !== 200) throw new Error(`login returned ${response.status}`);
  const body = (await response.json()) as { access_token: string };

  return body.access_token;
}

/** Decodes the payload of a JWT without checking its signature. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';

  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Calls the DAP API with a bearer token. */
export function callApi(
  gateway: Gateway,
  path: string,
  headers: Record<string, string>,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const contentHeaders: Record<string, string> =
    body === undefined ? {} : { 'content-type': 'application/json' };

  return fetch(`${gateway.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...contentHeaders, ...headers },
    body,
    redirect: 'manual',
  });
}

/** Returns the header that sends `token` as a bearer. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/**
 * Sends a request with node:http, which can repeat a header and, unlike fetch, starts no
 * timers that fake timers would capture.
 */
export function rawRequest(
  url: string,
  headers: Record<string, string | string[]>,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: init.method ?? 'GET', agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    for (const [name, value] of Object.entries(headers)) request.setHeader(name, value);
    request.on('error', reject);
    request.end(init.body);
  });
}

/** Sends a default-client login with node:http; see {@link rawRequest}. */
export function rawLogin(gateway: Gateway): Promise<{ status: number; body: string }> {
  const headers = {
    authorization: basicAuthorization(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret),
    'content-type': 'application/x-www-form-urlencoded',
  };

  return rawRequest(`${gateway.url}/ids/auth/login`, headers, {
    method: 'POST',
    body: 'grant_type=client_credentials',
  });
}
