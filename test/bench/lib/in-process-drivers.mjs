// Drivers that run one request's worth of adapter work without a socket, for the
// million-request memory run. Each calls the interceptors or hooks that the real client has
// (or, for fetch, the wrapper around a function that returns a Response) with fresh request
// objects shaped like the host's own, so per-request state the adapter keeps is exercised.
// Running the whole axios or ky pipeline in process costs 80 to 300 microseconds a request
// on the 2-core VM, too slow for a million, so the host's own pipeline is left out here and
// covered by the real HTTP part of the memory bench.
import { withIdsAuth as withIdsAuthAxios } from '@ids-auth/axios';
import { withIdsAuth as withIdsAuthFetch } from '@ids-auth/fetch';
import { idsAuth as idsAuthGot } from '@ids-auth/got';
import { idsAuth as idsAuthKy } from '@ids-auth/ky';
import axios, { AxiosHeaders } from 'axios';
import got from 'got';
import ky from 'ky';
import { BENCH_PATH } from './clients.mjs';

/**
 * Creates an in-process driver for `adapter`: `send()` runs one request through its hooks,
 * and `hookCounts()` returns how many interceptors or hooks the client has.
 *
 * @param {string} adapter
 * @param {string} baseUrl - Gateway URL the requests name; no request reaches it.
 * @param {import('@ids-auth/core').TokenManager} manager - A manager with a warm token.
 */
export function createInProcessDriver(adapter, baseUrl, manager) {
  if (adapter === 'axios') return axiosDriver(baseUrl, manager);
  if (adapter === 'got') return gotDriver(baseUrl, manager);
  if (adapter === 'ky') return kyDriver(baseUrl, manager);

  return fetchDriver(baseUrl, manager);
}

function axiosDriver(baseUrl, manager) {
  const instance = axios.create({ baseURL: baseUrl });
  withIdsAuthAxios(instance, manager);
  const live = (handlers) => handlers.filter((handler) => handler !== null);
  const [onRequest] = live(instance.interceptors.request.handlers);
  const [onResponse] = live(instance.interceptors.response.handlers);

  return {
    send: async () => {
      const config = { baseURL: baseUrl, url: BENCH_PATH, method: 'get' };
      config.headers = new AxiosHeaders({ Accept: 'application/json' });
      const sent = await onRequest.fulfilled(config);
      await onResponse.fulfilled({ status: 200, headers: {}, data: '', config: sent });
    },
    hookCounts: () => ({
      request: live(instance.interceptors.request.handlers).length,
      response: live(instance.interceptors.response.handlers).length,
    }),
  };
}

function gotDriver(baseUrl, manager) {
  const client = got.extend(idsAuthGot(manager));
  const hooks = client.defaults.options.hooks;
  const url = `${baseUrl}${BENCH_PATH}`;
  const retry = () => {
    throw new Error('The in-process got driver never sees a 401, so it never retries.');
  };

  return {
    send: async () => {
      const requestOptions = { url: new URL(url), headers: {}, context: {}, signal: undefined };
      await hooks.beforeRequest[0](requestOptions);
      const response = { statusCode: 200, url, request: { options: requestOptions } };
      await hooks.afterResponse[0](response, retry);
    },
    hookCounts: () => countHookArrays(hooks),
  };
}

function kyDriver(baseUrl, manager) {
  const options = idsAuthKy(manager);
  const url = `${baseUrl}${BENCH_PATH}`;
  const response = new Response(null, { status: 200 });
  ky.create(options);

  return {
    // ky builds a new Request, and in ky 1.14 a new `context` object, for every call.
    send: async () => {
      const request = new Request(url);
      const hookOptions = { context: {}, signal: undefined };
      await options.hooks.beforeRequest[0](request, hookOptions, { retryCount: 0 });
      await options.hooks.afterResponse[0](request, hookOptions, response, { retryCount: 0 });
    },
    hookCounts: () => countHookArrays(options.hooks),
  };
}

function fetchDriver(baseUrl, manager) {
  const response = new Response(null, { status: 200 });
  const authedFetch = withIdsAuthFetch(async () => response, manager);
  const url = `${baseUrl}${BENCH_PATH}`;

  return {
    send: () => authedFetch(url, { headers: { accept: 'application/json' } }),
    hookCounts: () => ({ wrapper: 1 }),
  };
}

function countHookArrays(hooks) {
  return Object.fromEntries(Object.entries(hooks).map(([name, list]) => [name, list.length]));
}

/**
 * Creates the baseline for `createInProcessDriver()`: it builds the same request objects and
 * sets a fixed `Authorization` header on them, the work a static-header client does instead.
 *
 * @param {string} adapter
 * @param {string} baseUrl
 * @param {string} token
 */
export function createStaticInProcessDriver(adapter, baseUrl, token) {
  const authorization = `Bearer ${token}`;
  const url = `${baseUrl}${BENCH_PATH}`;
  if (adapter === 'axios') {
    return async () => {
      const config = { baseURL: baseUrl, url: BENCH_PATH, method: 'get' };
      config.headers = new AxiosHeaders({ Accept: 'application/json' });
      config.headers.set('Authorization', authorization);
    };
  }
  if (adapter === 'got') {
    return async () => {
      const requestOptions = { url: new URL(url), headers: {}, context: {}, signal: undefined };
      requestOptions.headers.authorization = authorization;
    };
  }
  if (adapter === 'ky') {
    return async () => {
      const request = new Request(url);
      request.headers.set('authorization', authorization);
    };
  }

  const response = new Response(null, { status: 200 });
  const plainFetch = async (_input, init) => (init ? response : response);
  return () => plainFetch(url, { headers: { accept: 'application/json', authorization } });
}
