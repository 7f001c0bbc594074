// ky 1 calls `beforeRequest(request, options, state)` and
// `afterResponse(request, options, response, state)`; ky 2 passes one object with the same
// fields. `beforeRetry` takes one object in both majors. These helpers read either form.

/** The fields of ky's normalized options that the hooks read (ky 1 and 2). */
export interface KyHookOptions {
  /** One object per `ky()` call in ky 1.14 and later and ky 2. */
  context?: object;
  /** Body as passed to ky, attached again when a request already sent must go out after a 401. */
  body?: unknown;
  /** Abort signal of the call. It also abandons the call's wait for a token. */
  signal?: AbortSignal | null;
  /** ky 1 only: ky 2 leaves `fetch` out of the options it passes to hooks. */
  fetch?: typeof globalThis.fetch;
}

export interface KyRequestHookArguments {
  request: Request;
  options: KyHookOptions;
  /** True for ky 1's positional arguments, false for ky 2's single object. */
  positional: boolean;
}

export interface KyResponseHookArguments extends KyRequestHookArguments {
  response: Response;
}

/** Reads the arguments of a `beforeRequest` or `beforeRetry` hook. */
export function readRequestHookArguments(args: readonly unknown[]): KyRequestHookArguments {
  const [first, second] = args;
  if (first instanceof Request) {
    return { request: first, options: asOptions(second), positional: true };
  }

  const state = first as { request: Request; options?: unknown };
  return { request: state.request, options: asOptions(state.options), positional: false };
}

/** Reads the arguments of an `afterResponse` hook. */
export function readResponseHookArguments(args: readonly unknown[]): KyResponseHookArguments {
  const [first, second, third] = args;
  if (first instanceof Request) {
    const response = third as Response;
    return { request: first, options: asOptions(second), response, positional: true };
  }

  const state = first as { request: Request; options?: unknown; response: Response };
  const { request, response } = state;
  return { request, options: asOptions(state.options), response, positional: false };
}

function asOptions(value: unknown): KyHookOptions {
  return typeof value === 'object' && value !== null ? (value as KyHookOptions) : {};
}

/** The fields of a ky error that the `beforeError` hook reads. */
export interface KyHookError {
  request?: Request;
  options?: KyHookOptions;
}

/** Reads the arguments of a `beforeError` hook: `(error, state)` in ky 1, one object in ky 2. */
export function readErrorHookArguments(args: readonly unknown[]): {
  error: unknown;
  request?: Request;
  options?: KyHookOptions;
} {
  const [first] = args;
  const state = first as { error?: unknown; request?: Request; options?: KyHookOptions };
  const error = first instanceof Error ? first : state.error;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as KyHookError;

  return {
    error,
    request: fields.request ?? (first instanceof Error ? undefined : state.request),
    options: fields.options ?? (first instanceof Error ? undefined : state.options),
  };
}
