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

/** Returns the token in `Authorization: Bearer <token>`, or the whole value if not a bearer. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.replace(/^Bearer /, '');
}
