/** First argument of fetch: a URL string, a `URL` or a `Request`. */
export type FetchInput = string | URL | Request;

/**
 * The `fetch` signature this package wraps and returns.
 *
 * @example
 * ```ts
 * const authedFetch: FetchLike = withIdsAuth(fetch, tokens);
 * ```
 */
export type FetchLike = (input: FetchInput, init?: RequestInit) => Promise<Response>;

/** Parts of one fetch call's `input` and `init`, read without consuming either. */
export interface RequestParts {
  url: string;
  method: string;
  /** A copy of the headers fetch would send: `init.headers` if given, else the Request's. */
  headers: Headers;
  /** The body fetch would send, or `undefined` when it comes from a `Request`. */
  initBody: RequestInit['body'];
  /** The `Request` passed as `input`, if any. */
  request: Request | undefined;
  signal: AbortSignal | undefined;
}

/** Reads the URL, headers, body and signal of a fetch call the way fetch itself combines them. */
export function readRequestParts(input: FetchInput, init?: RequestInit): RequestParts {
  const request = isRequest(input) ? input : undefined;
  const headerSource = init?.headers !== undefined ? init.headers : request?.headers;

  return {
    url: request ? request.url : String(input),
    method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
    headers: new Headers(headerSource),
    initBody: init?.body,
    request,
    signal: init?.signal ?? request?.signal ?? undefined,
  };
}

// Duck-typed, so a Request from another fetch implementation (the undici package) counts too.
function isRequest(input: unknown): input is Request {
  if (typeof input !== 'object' || input === null || input instanceof URL) return false;

  const candidate = input as Partial<Request>;
  return typeof candidate.url === 'string' && typeof candidate.clone === 'function';
}
