import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { type AuthResult, authenticate } from './api-auth.js';
import { type DapResult, handleDapRequest } from './dap-handlers.js';
import { matchDapRoute, type RouteMatch } from './dap-routes.js';
import type { RequestFault } from './fault-state.js';
import type { GatewayContext } from './gateway-context.js';
import { BodyTooLargeError, errorEnvelope, sendJson } from './http-io.js';
import type { UnauthorizedReason } from './types.js';

const UNAUTHORIZED_MESSAGES: Readonly<Record<UnauthorizedReason, string>> = {
  missing: 'the request has no Authorization or x-instauth header',
  invalid: 'the token is malformed or was not issued by this gateway',
  expired: 'the token has expired. Log in again for a new one',
  revoked: 'the token has been revoked. Log in again for a new one',
};

/** One API request on its way through the checks, with what stats need to record. */
interface ApiExchange {
  context: GatewayContext;
  request: IncomingMessage;
  response: ServerResponse;
  pathname: string;
  match: RouteMatch | undefined;
  auth: AuthResult;
}

function finish(
  exchange: ApiExchange,
  result: DapResult,
  headers: OutgoingHttpHeaders = {},
  unauthorizedReason?: UnauthorizedReason,
): void {
  const { context, request, response, pathname, match, auth } = exchange;
  sendJson(response, result.status, result.body, headers);
  context.stats.recordApiRequest({
    method: request.method ?? 'GET',
    path: pathname,
    route: match?.template ?? null,
    carrier: auth.carrier,
    clientId: auth.clientId,
    tokenExpired: auth.tokenExpired,
    status: result.status,
    ...(unauthorizedReason === undefined ? {} : { unauthorizedReason }),
  });
}

function applyRequestFault(exchange: ApiExchange, fault: RequestFault): void {
  if (fault.kind === 'redirect') {
    const origin =
      fault.target === 'cross-origin'
        ? exchange.context.origins.other
        : exchange.context.origins.gateway;
    const location = `${origin}${exchange.request.url ?? '/'}`;
    const body = { location };
    finish(exchange, { status: fault.status, body }, { location });
    return;
  }

  const headers = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
  const message = `injected ${fault.status} response`;
  // A 504 from the DAP API carries only a message.
  const body = fault.status === 504 ? { message } : errorEnvelope('ServerError', message);
  finish(exchange, { status: fault.status, body }, headers);
}

function rejectUnauthorized(exchange: ApiExchange, reason: UnauthorizedReason): void {
  const headers = exchange.context.faults.challengeOn401 ? { 'www-authenticate': 'Bearer' } : {};
  const body = errorEnvelope('AuthenticationError', UNAUTHORIZED_MESSAGES[reason]);
  finish(exchange, { status: 401, body }, headers, reason);
}

function findRouteProblem(exchange: ApiExchange): DapResult | undefined {
  const { match, pathname } = exchange;
  if (match === undefined) {
    const body = errorEnvelope('ObjectNotFound', `no DAP endpoint at ${pathname}`, {
      id: pathname,
      kind: 'endpoint',
    });
    return { status: 404, body };
  }

  if (!match.methodAllowed) {
    const message = `${pathname} accepts only ${match.expectedMethod}`;
    return { status: 405, body: errorEnvelope('MethodNotAllowed', message) };
  }

  return undefined;
}

/**
 * Handles a DAP API request. Checks run in this order: queued request faults, the token,
 * an injected account error, the route, the per-minute limit, then the endpoint itself.
 */
export async function handleApiRequest(
  context: GatewayContext,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): Promise<void> {
  const match = matchDapRoute(request.method ?? 'GET', pathname);
  const { faults, registry } = context;
  const auth = authenticate(request, registry, context.now(), faults.newestTokenOnly);
  const exchange: ApiExchange = { context, request, response, pathname, match, auth };
  const fault = faults.requestFaults.take();
  if (fault !== undefined) {
    applyRequestFault(exchange, fault);
    return;
  }

  if (auth.rejection !== undefined || auth.clientId === null) {
    rejectUnauthorized(exchange, auth.rejection ?? 'invalid');
    return;
  }

  if (faults.accountErrorType !== undefined) {
    const message = `account error ${faults.accountErrorType}, which a new token cannot fix`;
    finish(exchange, { status: 403, body: errorEnvelope(faults.accountErrorType, message) });
    return;
  }

  await respondAuthorized(exchange, auth.clientId);
}

async function respondAuthorized(exchange: ApiExchange, clientId: string): Promise<void> {
  const problem = findRouteProblem(exchange);
  if (problem !== undefined || exchange.match === undefined) {
    finish(exchange, problem ?? { status: 404, body: {} });
    return;
  }

  const { context, match } = exchange;
  const retryAfterSeconds = context.rateLimiter?.admit(clientId, match.endpoint, context.now());
  if (retryAfterSeconds !== undefined) {
    const message = `rate limit of ${match.endpoint} exceeded. Retry in ${retryAfterSeconds} s`;
    const body = errorEnvelope('TooManyRequests', message);
    finish(exchange, { status: 429, body }, { 'retry-after': String(retryAfterSeconds) });
    return;
  }

  const result = await handleDapRequest(context, match, clientId, exchange.request).catch(
    (error: unknown) => {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return { status: 413, body: errorEnvelope('ValidationError', error.message) };
    },
  );
  finish(exchange, result);
}
