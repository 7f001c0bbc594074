// An injected `fetch` that plays the gateway's login endpoint, for unit tests with fake time.

export const CLIENT_ID = 'us-east-1#0f6c2f8e-5a4b-4c1e-9d7a-3b2a1c0d9e8f';
export const CLIENT_SECRET = 'se:cr%et+with/=and space';
export const BASE_URL = 'https://gateway.test';

/** One scripted reply of the fake gateway: a response, an error to throw, or a function returning a response. */
export type Reply = Response | Error | ((request: Request) => Response | Promise<Response>);

export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

let tokenSerial = 0;

/** Builds an unsigned JWT with the given claims. */
export function makeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

/** Creates a successful login response whose JWT is issued now (by `Date.now()`) for `lifetimeSeconds`. */
export function tokenResponse(lifetimeSeconds = 3600, gatewayOffsetMs = 0): Response {
  tokenSerial += 1;
  const iat = Math.floor((Date.now() + gatewayOffsetMs) / 1000);
  const accessToken = makeJwt({ iat, exp: iat + lifetimeSeconds, jti: `token-${tokenSerial}` });

  return jsonResponse({
    access_token: accessToken,
    expires_in: lifetimeSeconds,
    scope: 'urn:dap principal:test region:us-east-1',
    token_type: 'bearer',
  });
}

/** Creates a response with a JSON body. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Creates a fake login endpoint. Queued replies come first, then fresh tokens. */
export function createFakeGateway(options: { lifetimeSeconds?: number } = {}) {
  const requests: SeenRequest[] = [];
  const queue: Reply[] = [];
  let fallback: Reply | undefined;

  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    });
    const reply = queue.shift() ?? fallback ?? (() => tokenResponse(options.lifetimeSeconds));
    if (reply instanceof Error) throw reply;

    return reply instanceof Response ? reply : reply(request);
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    get logins() {
      return requests.length;
    },
    /** Scripts the replies to the next logins, in order. */
    enqueue(...replies: Reply[]) {
      queue.push(...replies);
    },
    /** Scripts the reply to every later login not covered by the queue. */
    replyAlways(reply: Reply | undefined) {
      fallback = reply;
    },
  };
}

/** Lets pending promise callbacks run. */
export async function flushPromises(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) await Promise.resolve();
}
