import { type IdsAuthOptions, resolveTokenManager, type TokenManager } from '@ids-auth/core';
import type { TestGateway } from './scripted-gateway.js';

export const CLIENT_ID = 'us-east-1#test-client';
export const CLIENT_SECRET = 'test-secret:+/=%';

/** Options for a manager that logs in to `gateway`, ignoring the process environment. */
export function managerOptions(gateway: TestGateway, extra: IdsAuthOptions = {}): IdsAuthOptions {
  return {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: gateway.url,
    env: {},
    ...extra,
  };
}

/** Creates a token manager that logs in to `gateway`, with `extra` overriding the defaults. */
export function createManager(gateway: TestGateway, extra: IdsAuthOptions = {}): TokenManager {
  return resolveTokenManager(managerOptions(gateway, extra));
}
