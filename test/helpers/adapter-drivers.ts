import type { Agent as HttpAgent } from 'node:http';
import { Readable } from 'node:stream';
import { withIdsAuth as withAxiosIdsAuth } from '@ids-auth/axios';
import type { TokenManager } from '@ids-auth/core';
import { withIdsAuth as withFetchIdsAuth } from '@ids-auth/fetch';
import { idsAuth as gotIdsAuth } from '@ids-auth/got';
import { idsAuth as kyIdsAuth } from '@ids-auth/ky';
import type { AxiosHeaders } from 'axios';
import type { HeaderShape } from './header-shapes.js';
import { axiosHost, type DriverName, gotHost, kyHost } from './host-clients.js';

/** The adapters every reliability test runs through. */
export const ADAPTER_NAMES = ['axios', 'got', 'ky', 'fetch'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

/**
 * Request headers in any container a caller may pass. Each host accepts only some of them:
 * got takes plain objects, axios adds `AxiosHeaders`, ky and fetch add `Headers` and arrays of
 * pairs (see `HOST_HEADER_SHAPES`).
 */
export type HeaderInput = Record<string, string> | Headers | Array<[string, string]> | AxiosHeaders;

/** The header containers each host client accepts. */
export const HOST_HEADER_SHAPES = {
  axios: ['object', 'axios-headers'],
  got: ['object'],
  ky: ['object', 'headers', 'pairs'],
  fetch: ['object', 'headers', 'pairs'],
} as const satisfies Record<AdapterName, readonly HeaderShape[]>;

/** What one request sends. */
export interface DriverRequest {
  method?: 'GET' | 'POST';
  headers?: HeaderInput;
  /** A string body, which every adapter can send again after a 401. */
  body?: string;
  /**
   * Text sent as a one-shot stream in the host's stream type (a Node `Readable` for axios and
   * got, a web `ReadableStream` for ky and fetch). An adapter can send it again only from a copy the
   * host client kept.
   */
  streamBody?: string;
}

function nodeStream(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}

function webStream(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

/** Returns the fetch `init` fields for a request's body, with `duplex` for a streamed one. */
function fetchBody(request: DriverRequest): RequestInit {
  if (request.streamBody === undefined) return { body: request.body };

  // Node's fetch needs `duplex: 'half'` to send a stream, and `RequestInit` does not list it.
  return { body: webStream(request.streamBody), duplex: 'half' } as RequestInit;
}

/** The final HTTP response status a caller saw, 4xx and 5xx included. */
export interface DriverResponse {
  status: number;
}

/** One HTTP client with ids-auth installed, behind one calling convention. */
export interface AdapterDriver {
  /** The adapter, or the adapter with an extra host version such as `got16`. */
  name: DriverName;
  /**
   * Sends one request and resolves with the final status, 4xx and 5xx included. Rejects only
   * when no response reached the caller: an ids-auth error, a network error or a timeout.
   */
  send(url: string, request?: DriverRequest): Promise<DriverResponse>;
  /** Removes ids-auth from the host client where the adapter offers that. */
  detach(): void;
}

export interface DriverOptions {
  /** Per-request timeout of the host client, in milliseconds. */
  requestTimeoutMs: number;
  /** Keep-alive agent for the Node `http` based clients (axios, got). */
  httpAgent?: HttpAgent;
  /** Transport for the fetch based clients (ky, fetch). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * Receives the error objects of axios, got and ky for 4xx and 5xx responses, which `send()`
   * turns into a status, so a leak scan can inspect them too.
   */
  onHttpError?: (error: unknown) => void;
}

function createAxiosDriver(
  name: 'axios' | 'axios-oldest',
  manager: TokenManager,
  options: DriverOptions,
): AdapterDriver {
  const axios = axiosHost(name);
  const instance = axios.create({
    timeout: options.requestTimeoutMs,
    ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
  });
  const detach = withAxiosIdsAuth(instance, manager);

  return {
    name,
    async send(url, request = {}) {
      try {
        const response = await instance.request({
          url,
          method: request.method ?? 'GET',
          headers: request.headers as Record<string, string> | AxiosHeaders | undefined,
          data: request.streamBody === undefined ? request.body : nodeStream(request.streamBody),
        });
        return { status: response.status };
      } catch (error) {
        if (axios.isAxiosError(error) && error.response) {
          options.onHttpError?.(error);
          return { status: error.response.status };
        }
        throw error;
      }
    },
    detach,
  };
}

function createGotDriver(
  name: 'got' | 'got16',
  manager: TokenManager,
  options: DriverOptions,
): AdapterDriver {
  const { got, HTTPError } = gotHost(name);
  const client = got.extend(
    {
      retry: { limit: 0 },
      timeout: { request: options.requestTimeoutMs },
      ...(options.httpAgent ? { agent: { http: options.httpAgent } } : {}),
    },
    gotIdsAuth(manager),
  );

  return {
    name,
    async send(url, request = {}) {
      try {
        const response = await client(url, {
          method: request.method ?? 'GET',
          headers: request.headers as Record<string, string> | undefined,
          body: request.streamBody === undefined ? request.body : nodeStream(request.streamBody),
        });
        return { status: response.statusCode };
      } catch (error) {
        if (error instanceof HTTPError) {
          options.onHttpError?.(error);
          return { status: error.response.statusCode };
        }
        throw error;
      }
    },
    detach: () => undefined,
  };
}

function createKyDriver(
  name: 'ky' | 'ky2',
  manager: TokenManager,
  options: DriverOptions,
): AdapterDriver {
  const { ky, HTTPError } = kyHost(name);
  const api = ky
    .create({
      retry: 0,
      timeout: options.requestTimeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    })
    .extend(kyIdsAuth(manager));

  return {
    name,
    async send(url, request = {}) {
      try {
        const response = await api(url, {
          method: request.method ?? 'GET',
          headers: request.headers as RequestInit['headers'],
          ...fetchBody(request),
        });
        await response.arrayBuffer();
        return { status: response.status };
      } catch (error) {
        if (error instanceof HTTPError) {
          options.onHttpError?.(error);
          await error.response.arrayBuffer().catch(() => undefined);
          return { status: error.response.status };
        }
        throw error;
      }
    },
    detach: () => undefined,
  };
}

function createFetchDriver(manager: TokenManager, options: DriverOptions): AdapterDriver {
  const authedFetch = withFetchIdsAuth(options.fetch ?? fetch, manager);

  return {
    name: 'fetch',
    async send(url, request = {}) {
      const response = await authedFetch(url, {
        method: request.method ?? 'GET',
        headers: request.headers as RequestInit['headers'],
        ...fetchBody(request),
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      await response.arrayBuffer();
      return { status: response.status };
    },
    detach: () => undefined,
  };
}

/**
 * Creates a driver for `name` whose requests go through `manager`. Throws for got 16 and ky 2
 * on a runtime older than they need (see `EXTRA_HOSTS` for the skip reason).
 */
export function createDriver(
  name: DriverName,
  manager: TokenManager,
  options: DriverOptions,
): AdapterDriver {
  switch (name) {
    case 'axios':
    case 'axios-oldest':
      return createAxiosDriver(name, manager, options);
    case 'got':
    case 'got16':
      return createGotDriver(name, manager, options);
    case 'ky':
    case 'ky2':
      return createKyDriver(name, manager, options);
    case 'fetch':
      return createFetchDriver(manager, options);
  }
}

/**
 * Finds the `IDS_AUTH_*` code of a rejection, looking through the host client's wrapping:
 * the error itself, then its `cause` chain.
 */
export function idsAuthCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('IDS_AUTH_')) return code;
    current = (current as { cause?: unknown }).cause;
  }

  return undefined;
}
