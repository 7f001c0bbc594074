// Structural views of the axios objects this adapter touches. They avoid a compile-time
// dependency on one axios version, so instances of axios 1.7 and of the newest 1.x both fit.

/** The parts of an axios request config that the interceptors read or change. */
export interface AxiosRequestConfigLike {
  url?: string;
  baseURL?: string;
  allowAbsoluteUrls?: boolean;
  method?: string;
  // biome-ignore lint/suspicious/noExplicitAny: AxiosHeaders and plain objects both fit here.
  headers?: any;
  data?: unknown;
  auth?: unknown;
  // biome-ignore lint/suspicious/noExplicitAny: axios types this as a generic abort signal.
  signal?: any;
  // biome-ignore lint/suspicious/noExplicitAny: follow-redirects passes untyped options.
  beforeRedirect?: (...args: any[]) => void;
}

/** The parts of an axios response that the 401 handling reads. */
export interface AxiosResponseLike {
  status: number;
  config: AxiosRequestConfigLike;
}

/** One of an instance's interceptor managers (`interceptors.request` or `.response`). */
export interface AxiosInterceptorManagerLike {
  // biome-ignore lint/suspicious/noExplicitAny: axios declares these with its own generics.
  use(onFulfilled?: any, onRejected?: any): number;
  eject(id: number): void;
}

/** The parts of an axios instance that `withIdsAuth()` uses. */
export interface AxiosInstanceLike {
  interceptors: {
    request: AxiosInterceptorManagerLike;
    response: AxiosInterceptorManagerLike;
  };
  // biome-ignore lint/suspicious/noExplicitAny: the config comes back from axios untyped.
  request(config: any): Promise<unknown>;
  /** Instance defaults that axios merges into every request config. */
  defaults: { headers?: unknown; auth?: unknown };
  /** Present on `axios` and on every instance made by `axios.create()` in axios 1.x. */
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  create?(config?: any): AxiosInstanceLike;
}
