import { type IdsAuthOptions, resolveTokenManager, type TokenManager } from '@ids-auth/core';
import type { TestGateway } from '@ids-auth/test-support/scripted-gateway';
import axios, { type AxiosHeaders, type AxiosInstance, type CreateAxiosDefaults } from 'axios';
import axiosOldest from 'axios-oldest';

/** One axios build with one of its adapters. Tests run against each. */
export interface AxiosVariant {
  name: string;
  create(config?: CreateAxiosDefaults): AxiosInstance;
  /** The `AxiosHeaders` class of this build: builds do not accept each other's. */
  AxiosHeaders: typeof AxiosHeaders;
}

const build = (label: string, factory: typeof axios, adapter: 'http' | 'fetch'): AxiosVariant => ({
  name: `${label} ${adapter} adapter`,
  create: (config) => factory.create({ ...config, adapter }),
  AxiosHeaders: factory.AxiosHeaders,
});

export const AXIOS_VARIANTS: AxiosVariant[] = [
  build(`axios ${axios.VERSION}`, axios, 'http'),
  build(`axios ${axios.VERSION}`, axios, 'fetch'),
  // The alias is axios 1.7.9, the oldest release the peer range allows.
  build(`axios ${axiosOldest.VERSION}`, axiosOldest as unknown as typeof axios, 'http'),
  build(`axios ${axiosOldest.VERSION}`, axiosOldest as unknown as typeof axios, 'fetch'),
];

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

export function createManager(gateway: TestGateway, extra: IdsAuthOptions = {}): TokenManager {
  return resolveTokenManager(managerOptions(gateway, extra));
}

/** Returns the token in `Authorization: Bearer <token>`, or the whole value if not a bearer. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.replace(/^Bearer /, '');
}
