// Keeps the bearer out of logged axios errors. An AxiosError carries the request config and the
// request object (Node's ClientRequest or a fetch Request), and both hold the sent headers.
import { fingerprintToken } from '@ids-auth/core';
import { axiosHeaderAccess } from './axios-headers.js';
import type { AxiosRequestConfigLike } from './axios-like.js';

// axios 1.7's fetch adapter wraps its error in another AxiosError as `cause`.
const MAX_CAUSE_DEPTH = 3;

interface AxiosErrorLike {
  config?: AxiosRequestConfigLike;
  response?: { config?: AxiosRequestConfigLike };
  cause?: unknown;
}

/**
 * Replaces `Authorization: Bearer <token>` in the configs of `error`, of its response and of
 * its causes with the token's fingerprint, and makes their `request` properties non-enumerable,
 * so `util.inspect` and `JSON.stringify` of the error do not print the token.
 * NOTE: `util.inspect` with `showHidden: true` still shows the request objects.
 */
export function redactAxiosError(error: unknown, token: string | undefined): void {
  if (token === undefined) return;

  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH; depth += 1) {
    if (typeof current !== 'object' || current === null) return;

    const { config, response, cause } = current as AxiosErrorLike;
    redactConfig(config, token);
    redactConfig(response?.config, token);
    hideRequest(current);
    hideRequest(response);
    current = cause;
  }
}

function redactConfig(config: AxiosRequestConfigLike | undefined, token: string): void {
  if (!config?.headers) return;

  const headers = axiosHeaderAccess(config.headers);
  const bearer = `Bearer ${token}`;
  for (const name of [...headers.names()]) {
    if (name.toLowerCase() !== 'authorization' || headers.get(name) !== bearer) continue;

    headers.set(name, `Bearer [redacted ${fingerprintToken(token)}]`);
  }
}

function hideRequest(target: unknown): void {
  if (typeof target !== 'object' || target === null) return;

  const descriptor = Object.getOwnPropertyDescriptor(target, 'request');
  if (!descriptor?.configurable) return;

  Object.defineProperty(target, 'request', { ...descriptor, enumerable: false });
}
