import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosAdapter } from 'axios';
import type { RequestFunction } from 'got';
import { inspectSentHeaders } from './header-view.js';
import type { RequestCounter } from './request-counter.js';

/**
 * Returns an axios adapter that counts each request on the way out, after every interceptor
 * ran, and then sends it with axios's own Node.js `http` adapter.
 */
export function countingAxiosAdapter(counter: RequestCounter): AxiosAdapter {
  const httpAdapter = axios.getAdapter('http');

  return async (config) => {
    counter.recordSent(inspectSentHeaders(config.headers));
    try {
      const response = await httpAdapter(config);
      counter.recordStatus(response.status);
      return response;
    } catch (error) {
      if (axios.isAxiosError(error)) counter.recordStatus(error.response?.status);
      throw error;
    }
  };
}

/**
 * Returns a got `request` function that counts each attempt after got's hooks ran, and then
 * sends it with `node:http` or `node:https`.
 */
export function countingGotRequest(counter: RequestCounter): RequestFunction {
  return (url, options, callback) => {
    const transport = url.protocol === 'https:' ? https : http;
    counter.recordSent(inspectSentHeaders(options.headers));
    const request = transport.request(url, options, callback);
    request.once('response', (response) => counter.recordStatus(response.statusCode));
    return request;
  };
}

/**
 * Returns a `fetch` that counts each call and then uses the global `fetch`. It sits under
 * the fetch adapter and under ky, so it receives every attempt with its final headers.
 */
export function countingFetch(counter: RequestCounter): typeof globalThis.fetch {
  return async (input, init) => {
    const headers = init?.headers ?? (input instanceof Request ? input.headers : undefined);
    counter.recordSent(
      inspectSentHeaders(headers === undefined ? undefined : new Headers(headers)),
    );
    const response = await globalThis.fetch(input, init);
    counter.recordStatus(response.status);
    return response;
  };
}
