import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BasicCredentials, parseBasicAuthorization } from './basic-auth.js';
import type { LoginFault } from './fault-state.js';
import type { GatewayContext } from './gateway-context.js';
import { readBody, sendJson, sendText } from './http-io.js';
import { sendMalformedLogin } from './malformed-login.js';
import { issueAccessToken } from './token-issuer.js';
import type { MalformedLoginKind } from './types.js';

/** Path of the IDS client-credentials login. */
export const LOGIN_PATH = '/ids/auth/login';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

function oauthError(code: string, description: string) {
  return { error: code, error_description: description };
}

function secretsMatch(expected: string, presented: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

  return timingSafeEqual(digest(expected), digest(presented));
}

function findGrantTypeProblem(request: IncomingMessage, body: string): string | undefined {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== FORM_CONTENT_TYPE) {
    return `Content-Type must be ${FORM_CONTENT_TYPE}`;
  }

  const grantType = new URLSearchParams(body).get('grant_type');
  if (grantType !== 'client_credentials') {
    return 'grant_type must be client_credentials';
  }

  return undefined;
}

function sendInjectedFailure(response: ServerResponse, fault: LoginFault & { kind: 'fail' }) {
  const { status, options } = fault;
  const headers =
    options.retryAfter === undefined ? {} : { 'retry-after': String(options.retryAfter) };
  const body =
    options.body ??
    JSON.stringify(oauthError('temporarily_unavailable', `injected ${status} response`));
  sendText(response, status, options.contentType ?? 'application/json', body, headers);
}

/**
 * Handles one login request: 400 for a wrong content type or `grant_type`, 403 for missing or
 * wrong credentials, otherwise 200 with the four-field token response. Queued faults replace
 * the response, and a malformed-response fault applies only to a login that would succeed.
 */
export async function handleLogin(
  context: GatewayContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const credentials = parseBasicAuthorization(request.headers.authorization);
  const knownClientId =
    credentials !== undefined && context.secrets.has(credentials.clientId)
      ? credentials.clientId
      : undefined;
  const body = await readBody(request).catch((error: unknown) => {
    context.stats.recordLogin(knownClientId, 'failed');
    throw error;
  });
  const delayMs = context.faults.loginDelays.take();
  if (delayMs !== undefined) await context.delay(delayMs);

  const fault = context.faults.loginFaults.take();
  if (fault?.kind === 'reset') {
    context.stats.recordLogin(knownClientId, 'failed');
    request.socket.destroy();
    return;
  }

  if (fault?.kind === 'fail') {
    context.stats.recordLogin(knownClientId, 'failed');
    sendInjectedFailure(response, fault);
    return;
  }

  const shape = fault?.kind === 'malformed' ? fault.shape : undefined;
  const issued = respondToLogin(context, request, response, body, credentials, shape);
  context.stats.recordLogin(knownClientId, issued ? 'issued' : 'failed');
}

function respondToLogin(
  context: GatewayContext,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  credentials: BasicCredentials | undefined,
  shape: MalformedLoginKind | undefined,
): boolean {
  const problem = findGrantTypeProblem(request, body);
  if (problem !== undefined) {
    sendJson(response, 400, oauthError('invalid_request', problem));
    return false;
  }

  const expected = credentials && context.secrets.get(credentials.clientId);
  if (credentials === undefined || expected === undefined) {
    const message = 'Basic credentials are missing or name an unknown client id';
    sendJson(response, 403, oauthError('invalid_client', message));
    return false;
  }

  if (!secretsMatch(expected, credentials.clientSecret)) {
    sendJson(response, 403, oauthError('invalid_client', 'client secret does not match'));
    return false;
  }

  return issueAndSend(context, response, credentials.clientId, shape);
}

function issueAndSend(
  context: GatewayContext,
  response: ServerResponse,
  clientId: string,
  shape: MalformedLoginKind | undefined,
): boolean {
  const issued = issueAccessToken({
    clientId,
    lifetimeSeconds: context.lifetimeSeconds,
    nowMs: context.now(),
    skewMs: context.faults.skewMs,
    signingKey: context.signingKey,
    shape,
  });
  const tokenResponse = {
    access_token: issued.accessToken,
    expires_in: context.lifetimeSeconds,
    scope: issued.scope,
    token_type: 'bearer',
  };
  if (shape === 'html' || shape === 'truncated-json') {
    sendMalformedLogin(response, shape, tokenResponse);
    return false;
  }

  context.registry.add(issued.accessToken, clientId, issued.expiresAtMs);
  if (shape === 'missing-fields') {
    sendJson(response, 200, {
      access_token: tokenResponse.access_token,
      scope: tokenResponse.scope,
    });
    return true;
  }

  sendJson(response, 200, tokenResponse);
  return true;
}
