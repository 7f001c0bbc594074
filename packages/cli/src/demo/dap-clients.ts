import { withIdsAuth as withAxiosIdsAuth } from '@ids-auth/axios';
import type { TokenManager } from '@ids-auth/core';
import { withIdsAuth as withFetchIdsAuth } from '@ids-auth/fetch';
import { idsAuth as gotIdsAuth } from '@ids-auth/got';
import { idsAuth as kyIdsAuth } from '@ids-auth/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { countingAxiosAdapter, countingFetch, countingGotRequest } from './counting-transports.js';
import type { DapClient, DapResponse } from './dap-client.js';
import { RequestCounter } from './request-counter.js';

/** Timeout of one DAP request in every client. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Label of the client that runs the legacy `x-instauth` code. */
export const LEGACY_CLIENT_NAME = 'legacy (axios)';

/** The demo's clients, all sharing one token manager. */
export interface DapClients {
  axios: DapClient;
  got: DapClient;
  ky: DapClient;
  fetch: DapClient;
  /** A second axios instance, used only by the legacy code. */
  legacy: DapClient;
}

/** Creates one DAP client per HTTP client, each with the ids-auth adapter of that client. */
export function createDapClients(manager: TokenManager, baseUrl: string): DapClients {
  return {
    axios: createAxiosClient(manager, baseUrl, 'axios'),
    got: createGotClient(manager, baseUrl),
    ky: createKyClient(manager, baseUrl),
    fetch: createFetchClient(manager, baseUrl),
    legacy: createAxiosClient(manager, baseUrl, LEGACY_CLIENT_NAME),
  };
}

function createAxiosClient(manager: TokenManager, baseUrl: string, name: string): DapClient {
  const counter = new RequestCounter(name);
  const instance = axios.create({
    baseURL: `${baseUrl}/`,
    adapter: countingAxiosAdapter(counter),
    timeout: REQUEST_TIMEOUT_MS,
  });
  withAxiosIdsAuth(instance, manager);

  return {
    counter,
    getJson: (path, headers) =>
      counted(counter, async () => {
        const response = await instance.get(path, { headers });
        return { status: response.status, body: response.data };
      }),
    postJson: (path, body) =>
      counted(counter, async () => {
        const response = await instance.post(path, body);
        return { status: response.status, body: response.data };
      }),
  };
}

function createGotClient(manager: TokenManager, baseUrl: string): DapClient {
  const counter = new RequestCounter('got');
  const client = got.extend(
    {
      prefixUrl: baseUrl,
      request: countingGotRequest(counter),
      timeout: { request: REQUEST_TIMEOUT_MS },
    },
    gotIdsAuth(manager),
  );

  return {
    counter,
    getJson: (path, headers) =>
      counted(counter, async () => {
        const response = await client.get(path, { headers, responseType: 'json' });
        return { status: response.statusCode, body: response.body };
      }),
    postJson: (path, body) =>
      counted(counter, async () => {
        const response = await client.post(path, { json: body, responseType: 'json' });
        return { status: response.statusCode, body: response.body };
      }),
  };
}

function createKyClient(manager: TokenManager, baseUrl: string): DapClient {
  const counter = new RequestCounter('ky');
  const client = ky
    .create({ prefixUrl: baseUrl, fetch: countingFetch(counter), timeout: REQUEST_TIMEOUT_MS })
    .extend(kyIdsAuth(manager));

  return {
    counter,
    getJson: (path, headers) =>
      counted(counter, async () => {
        const response = await client.get(path, { headers });
        return { status: response.status, body: await response.json() };
      }),
    postJson: (path, body) =>
      counted(counter, async () => {
        const response = await client.post(path, { json: body });
        return { status: response.status, body: await response.json() };
      }),
  };
}

function createFetchClient(manager: TokenManager, baseUrl: string): DapClient {
  const counter = new RequestCounter('fetch');
  const authedFetch = withFetchIdsAuth(countingFetch(counter), manager);
  const send = async (path: string, init: RequestInit): Promise<DapResponse> => {
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const response = await authedFetch(`${baseUrl}/${path}`, { ...init, signal });
    if (!response.ok) {
      throw new Error(
        `Request failed with status code ${response.status}: ${init.method} /${path}`,
      );
    }
    return { status: response.status, body: await response.json() };
  };

  return {
    counter,
    getJson: (path, headers) => counted(counter, () => send(path, { method: 'GET', headers })),
    postJson: (path, body) =>
      counted(counter, () =>
        send(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
  };
}

async function counted(
  counter: RequestCounter,
  call: () => Promise<DapResponse>,
): Promise<DapResponse> {
  counter.recordCall();
  try {
    return await call();
  } catch (error) {
    counter.recordFailure();
    throw error;
  }
}
