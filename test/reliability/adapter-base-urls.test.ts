import { withIdsAuth } from '@ids-auth/axios';
import { createTokenManager, type TokenManager } from '@ids-auth/core';
import { idsAuth as gotIdsAuth } from '@ids-auth/got';
import { idsAuth as kyIdsAuth } from '@ids-auth/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLogin } from '../helpers/fake-login.js';
import { entriesNamed } from '../helpers/header-shapes.js';
import { type RecordingServer, startRecordingServer } from '../helpers/recording-server.js';

const TOKEN_LIFETIME_SECONDS = 3600;
const RELATIVE_PATH = 'dap/query/canvas/table';

/** Sends a GET to `path` relative to `baseUrl`, the way each host resolves relative URLs. */
type RelativeSender = (manager: TokenManager, baseUrl: string, path: string) => Promise<unknown>;

const SENDERS: ReadonlyArray<readonly [string, RelativeSender]> = [
  [
    'axios baseURL',
    (manager, baseUrl, path) => {
      const instance = axios.create({ baseURL: baseUrl });
      withIdsAuth(instance, manager);
      return instance.get(`/${path}`);
    },
  ],
  [
    'got prefixUrl',
    (manager, baseUrl, path) => got.extend({ prefixUrl: baseUrl }, gotIdsAuth(manager)).get(path),
  ],
  [
    'ky prefixUrl',
    (manager, baseUrl, path) =>
      ky.create({ prefixUrl: baseUrl }).extend(kyIdsAuth(manager)).get(path).arrayBuffer(),
  ],
];

let gateway: RecordingServer;
let other: RecordingServer;
let manager: TokenManager;
let token: string;

beforeAll(async () => {
  gateway = await startRecordingServer();
  other = await startRecordingServer();
  const login = createFakeLogin({
    loginUrl: `${gateway.url}/ids/auth/login`,
    lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
    now: Date.now,
  });
  manager = createTokenManager({
    clientId: 'base-url-client',
    clientSecret: 'base-url-secret',
    baseUrl: gateway.url,
    fetch: login.fetch,
  });
  token = await manager.getToken();
});

afterAll(async () => {
  await manager.close();
  await gateway.close();
  await other.close();
});

// The origin rule must see the URL after the host joins its base URL and the relative path.
describe.each(SENDERS)('origin rule with %s', (_label, send) => {
  it('sends the bearer to the gateway base', async () => {
    await send(manager, gateway.url, RELATIVE_PATH);

    const wire = gateway.requests.at(-1) ?? [];
    expect(entriesNamed(wire, 'authorization').map(([, value]) => value)).toEqual([
      `Bearer ${token}`,
    ]);
  });

  it('sends nothing to another base', async () => {
    const before = other.requests.length;

    await send(manager, other.url, RELATIVE_PATH);

    expect(other.requests).toHaveLength(before + 1);
    expect(entriesNamed(other.requests.at(-1) ?? [], 'authorization')).toEqual([]);
  });
});
