// Structural views of the axios objects this adapter touches. They avoid a compile-time
// dependency on one axios version, so instances of axios 1.7 and of the newest 1.x both fit.

/** The parts of an axios request config that the interceptors read or change. */
export interface AxiosRequestConfigLike {
  /** Request URL, absolute or relative to `baseURL`. */
  url?: string;
  /** Prefix for a relative `url`, which the interceptor applies as axios does. */
  baseURL?: string;
  /** When `false`, axios prefixes `baseURL` even to an absolute `url` (axios 1.8 and later). */
  allowAbsoluteUrls?: boolean;
  /** HTTP method, in any letter case. @default 'get' */
  method?: string;
  /** Request headers: an `AxiosHeaders` object or a plain object. */
  // biome-ignore lint/suspicious/noExplicitAny: AxiosHeaders and plain objects both fit here.
  headers?: any;
  /** Request body. The 401 retry re-sends it only if it can be sent again (not a stream). */
  data?: unknown;
  /** Basic credentials. Removed from requests that get the bearer, which axios would replace. */
  auth?: unknown;
  /** Abort signal of the request. It also abandons the request's wait for a token. */
  // biome-ignore lint/suspicious/noExplicitAny: axios types this as a generic abort signal.
  signal?: any;
  /**
   * Redirect hook of axios's http adapter. The interceptor wraps it to strip the bearer on a
   * redirect to another origin, and still calls the caller's hook afterwards.
   */
  // biome-ignore lint/suspicious/noExplicitAny: follow-redirects passes untyped options.
  beforeRedirect?: (...args: any[]) => void;
}

/** The parts of an axios response that the 401 handling reads. */
export interface AxiosResponseLike {
  /** HTTP status code. */
  status: number;
  /** The config the request was sent with. */
  config: AxiosRequestConfigLike;
}

/** One of an instance's interceptor managers (`interceptors.request` or `.response`). */
export interface AxiosInterceptorManagerLike {
  /** Adds an interceptor and returns its id for `eject()`. */
  // biome-ignore lint/suspicious/noExplicitAny: axios declares these with its own generics.
  use(onFulfilled?: any, onRejected?: any): number;
  /** Removes the interceptor with `id`. */
  eject(id: number): void;
}

/** The parts of an axios instance that `withIdsAuth()` uses. */
export interface AxiosInstanceLike {
  /** The instance's interceptor managers. */
  interceptors: {
    /** Interceptors that run before each request is sent. */
    request: AxiosInterceptorManagerLike;
    /** Interceptors that run on each response and error. */
    response: AxiosInterceptorManagerLike;
  };
  /** Sends a request. The 401 handling uses it to re-send a request config. */
  // biome-ignore lint/suspicious/noExplicitAny: the config comes back from axios untyped.
  request(config: any): Promise<unknown>;
  /** Instance defaults that axios merges into every request config. */
  defaults: {
    /** Default headers of every request. */
    headers?: unknown;
    /** Default Basic credentials of every request. */
    auth?: unknown;
  };
  /** Present on `axios` and on every instance made by `axios.create()` in axios 1.x. */
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  create?(config?: any): AxiosInstanceLike;
}
