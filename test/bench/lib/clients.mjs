// Builds the clients the benches compare: for each adapter, the host client sending a fixed
// `Authorization` header (the baseline) and the same client with the ids-auth adapter.
// Every sender resolves to the HTTP status after reading the whole body, and no client
// throws on 4xx, so a 401 reaches the caller as a status the bench can count.
import { withIdsAuth as withIdsAuthAxios } from '@ids-auth/axios';
import { withIdsAuth as withIdsAuthFetch } from '@ids-auth/fetch';
import { idsAuth as idsAuthGot } from '@ids-auth/got';
import { idsAuth as idsAuthKy } from '@ids-auth/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';

/** Adapters in the order every table lists them. */
export const ADAPTERS = ['axios', 'got', 'ky', 'fetch'];

/** A small authenticated DAP response (about 600 bytes), so client overhead is not hidden. */
export const BENCH_PATH = '/dap/query/canvas/table/accounts/schema';

/**
 * Creates a sender for `adapter` that sends `Authorization: Bearer <token>` as a fixed header.
 *
 * @param {string} adapter - One of `ADAPTERS`.
 * @param {string} baseUrl - Gateway URL on loopback.
 * @param {string} token - A token the gateway issued.
 * @returns {(path: string) => Promise<number>}
 */
export function createStaticSender(adapter, baseUrl, token) {
  const headers = { authorization: `Bearer ${token}` };
  if (adapter === 'axios') {
    const instance = axios.create({ baseURL: baseUrl, headers, validateStatus: () => true });
    return async (path) => (await instance.get(path)).status;
  }
  if (adapter === 'got') {
    const client = got.extend({ prefixUrl: baseUrl, headers, throwHttpErrors: false });
    return async (path) => (await client.get(path.slice(1))).statusCode;
  }
  if (adapter === 'ky') {
    const api = ky.create({ prefixUrl: baseUrl, headers, throwHttpErrors: false });
    return (path) => readStatus(api.get(path.slice(1)));
  }

  return (path) => readStatus(fetch(`${baseUrl}${path}`, { headers }));
}

/**
 * Creates a sender for `adapter` whose token comes from `manager` through the ids-auth
 * adapter, configured as each package's README shows.
 *
 * @param {string} adapter - One of `ADAPTERS`.
 * @param {string} baseUrl - Gateway URL on loopback.
 * @param {import('@ids-auth/core').TokenManager} manager - The manager the adapter uses.
 * @returns {(path: string) => Promise<number>}
 */
export function createAuthSender(adapter, baseUrl, manager) {
  if (adapter === 'axios') {
    const instance = axios.create({ baseURL: baseUrl, validateStatus: () => true });
    withIdsAuthAxios(instance, manager);
    return async (path) => (await instance.get(path)).status;
  }
  if (adapter === 'got') {
    const client = got.extend({ prefixUrl: baseUrl, throwHttpErrors: false }, idsAuthGot(manager));
    return async (path) => (await client.get(path.slice(1))).statusCode;
  }
  if (adapter === 'ky') {
    const api = ky.create({ prefixUrl: baseUrl, throwHttpErrors: false, ...idsAuthKy(manager) });
    return (path) => readStatus(api.get(path.slice(1)));
  }

  const authedFetch = withIdsAuthFetch(fetch, manager);
  return (path) => readStatus(authedFetch(`${baseUrl}${path}`));
}

/**
 * Creates the ky baseline with one afterResponse hook that does nothing, to separate what ky
 * itself spends on running such a hook from what the ids-auth hooks do.
 *
 * @param {string} baseUrl
 * @param {string} token
 */
export function createKyNoOpHookSender(baseUrl, token) {
  const api = ky.create({
    prefixUrl: baseUrl,
    headers: { authorization: `Bearer ${token}` },
    throwHttpErrors: false,
    hooks: { afterResponse: [() => undefined] },
  });

  return (path) => readStatus(api.get(path.slice(1)));
}

/**
 * Creates a fetch sender that reads the token from `manager.getToken()` before each request
 * and sets the header itself, to separate the token lookup from the rest of the adapter.
 *
 * @param {string} baseUrl
 * @param {import('@ids-auth/core').TokenManager} manager
 */
export function createGetTokenSender(baseUrl, manager) {
  return async (path) => {
    const token = await manager.getToken();
    return readStatus(
      fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }),
    );
  };
}

async function readStatus(responsePromise) {
  const response = await responsePromise;
  await response.arrayBuffer();

  return response.status;
}
