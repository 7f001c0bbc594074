import type { ErrorCode, TokenManager, TokenManagerEvents } from '@ids-auth/core';
import type {
  Gateway,
  GatewayCounters,
  GatewayStats,
  MalformedLoginKind,
} from '@ids-auth/emulator';
import { expect } from 'vitest';
import type { DriverRequest, DriverResponse } from './adapter-drivers.js';
import type { DriverName } from './host-clients.js';
import { MAIN_CLIENT } from './test-clients.js';

/** Path the client under test calls. The neighbor client calls another namespace. */
export const MAIN_PATH = '/dap/query/canvas/table';
export const NEIGHBOR_PATH = '/dap/query/canvas_logs/table';
/** Attempts per login in the matrix, so bursts of this size outlast the retries. */
export const MATRIX_LOGIN_ATTEMPTS = 3;

const HTML_ERROR_PAGE = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';
const CONCURRENT_REQUESTS = 20;

/** What the caller must see: a final HTTP status, or a rejection with an `IDS_AUTH_*` code. */
export type Expected = { status: number } | { code: ErrorCode };

/** What a cell can use while it runs. */
export interface CellContext {
  /** The adapter, or the adapter with an extra host version such as `got16`. */
  adapter: DriverName;
  gateway: Gateway;
  /** The manager of the client under test. */
  manager: TokenManager;
  /** Controller whose signal is the manager's `signal` option. */
  managerAbort: AbortController;
  /** Sends one request for the client under test, to `MAIN_PATH` unless `path` is given. */
  send(request?: DriverRequest & { path?: string }): Promise<DriverResponse>;
  /** Payloads of the manager's `login:failure` and `clock:skew` events so far. */
  loginFailures: Array<TokenManagerEvents['login:failure']>;
  clockSkews: Array<TokenManagerEvents['clock:skew']>;
}

/** One fault, how to trigger it, and the outcome every adapter must produce. */
export interface FaultCell {
  name: string;
  expected: Expected;
  /** Outcomes that differ by adapter or host version, by a documented host difference. */
  expectedByAdapter?: Readonly<Partial<Record<DriverName, Expected>>>;
  /** Arms the fault before the first request. */
  arrange?(gateway: Gateway): void;
  /** Sends the cell's requests and resolves with the outcome to compare. @default one `send()` */
  act?(context: CellContext): Promise<DriverResponse>;
  /** Checks on what the gateway and the manager saw, after the cell's requests. */
  verify?(stats: GatewayStats, context: CellContext): void;
  /**
   * The gateway itself issued an already expired token, so the first request may carry it.
   * The client measures expiry by `expires_in` on its own clock and cannot know.
   */
  gatewayIssuesExpiredToken?: boolean;
  /** The client under test logs in with a wrong secret. */
  wrongSecret?: boolean;
}

/** Counters of the client under test, leaving out the neighbor's logins and requests. */
export function mainCounters(stats: GatewayStats): GatewayCounters {
  const counters = stats.clients[MAIN_CLIENT.clientId];
  if (!counters) throw new Error(`the gateway has no counters for ${MAIN_CLIENT.clientId}`);

  return counters;
}

/** API requests the client under test sent. */
export function mainRequests(stats: GatewayStats) {
  return stats.requests.filter((request) => request.path === MAIN_PATH);
}

function loginBurst(status: number): FaultCell[] {
  return [
    {
      name: `login ${status} burst, then success`,
      expected: { status: 200 },
      arrange: (gateway) => gateway.faults.failLogins(MATRIX_LOGIN_ATTEMPTS - 1, status),
      verify: (stats) => {
        expect(mainCounters(stats).loginAttempts).toBe(MATRIX_LOGIN_ATTEMPTS);
        expect(mainCounters(stats).logins).toBe(1);
      },
    },
    {
      name: `login ${status} burst beyond the retries`,
      expected: { code: 'IDS_AUTH_LOGIN_FAILED' },
      arrange: (gateway) => gateway.faults.failLogins(MATRIX_LOGIN_ATTEMPTS, status),
      verify: (stats) => {
        expect(mainCounters(stats).loginAttempts).toBe(MATRIX_LOGIN_ATTEMPTS);
        expect(mainRequests(stats)).toEqual([]);
      },
    },
  ];
}

/** Formats the HTTP-date `seconds` from now, at the whole-second precision of the header. */
function httpDateIn(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toUTCString();
}

const RATE_LIMIT_CELLS: FaultCell[] = [
  {
    name: 'login 429 with Retry-After seconds',
    expected: { status: 200 },
    arrange: (gateway) => gateway.faults.rateLimitLogins(1, 1),
    verify: (stats, context) => {
      expect(mainCounters(stats).loginAttempts).toBe(2);
      expect(context.loginFailures.map((failure) => failure.retryInMs)).toEqual([1000]);
    },
  },
  {
    name: 'login 429 with Retry-After date',
    expected: { status: 200 },
    // Three seconds ahead, because the header has whole seconds and a slow response shortens it.
    arrange: (gateway) => gateway.faults.rateLimitLogins(1, httpDateIn(3)),
    verify: (stats, context) => {
      expect(mainCounters(stats).loginAttempts).toBe(2);
      const [failure] = context.loginFailures;
      expect(failure?.status).toBe(429);
      expect(failure?.retryInMs).toBeGreaterThan(0);
      expect(failure?.retryInMs).toBeLessThanOrEqual(4000);
    },
  },
  {
    name: 'login 429 beyond the retries',
    expected: { code: 'IDS_AUTH_RATE_LIMITED' },
    arrange: (gateway) => gateway.faults.rateLimitLogins(MATRIX_LOGIN_ATTEMPTS, 1),
    verify: (stats) => expect(mainCounters(stats).loginAttempts).toBe(MATRIX_LOGIN_ATTEMPTS),
  },
];

/** Delay of a slow login response, above the runner's `timeoutMs` of `SLOW_LOGIN_MS / 1.5`. */
export const SLOW_LOGIN_MS = 3000;

const TRANSPORT_CELLS: FaultCell[] = [
  {
    name: 'login slower than the timeout once',
    expected: { status: 200 },
    arrange: (gateway) => gateway.faults.slowLogins(SLOW_LOGIN_MS, 1),
    verify: (_stats, context) => {
      expect(context.loginFailures.map((failure) => failure.code)).toEqual(['IDS_AUTH_TIMEOUT']);
    },
  },
  {
    name: 'login slower than the timeout always',
    expected: { code: 'IDS_AUTH_TIMEOUT' },
    arrange: (gateway) => gateway.faults.slowLogins(SLOW_LOGIN_MS, MATRIX_LOGIN_ATTEMPTS),
  },
  {
    name: 'login connection reset once',
    expected: { status: 200 },
    arrange: (gateway) => gateway.faults.resetLoginConnections(1),
    verify: (stats) => expect(mainCounters(stats).loginAttempts).toBe(2),
  },
  {
    name: 'login connection reset always',
    expected: { code: 'IDS_AUTH_LOGIN_FAILED' },
    arrange: (gateway) => gateway.faults.resetLoginConnections(MATRIX_LOGIN_ATTEMPTS),
  },
  {
    name: 'login 502 HTML error page',
    expected: { status: 200 },
    arrange: (gateway) =>
      gateway.faults.failLogins(1, 502, { body: HTML_ERROR_PAGE, contentType: 'text/html' }),
  },
];

const INVALID_ANSWERS: MalformedLoginKind[] = [
  'html',
  'truncated-json',
  'missing-fields',
  'not-jwt',
  'no-exp',
];

const MALFORMED_CELLS: FaultCell[] = [
  // Every attempt gets the bad response, so the outcome is the same whether or not it is retried.
  ...INVALID_ANSWERS.map(
    (kind): FaultCell => ({
      name: `login answer ${kind}`,
      expected: { code: 'IDS_AUTH_INVALID_RESPONSE' },
      arrange: (gateway) => gateway.faults.malformedLogins(kind, MATRIX_LOGIN_ATTEMPTS),
      verify: (stats) => expect(mainRequests(stats)).toEqual([]),
    }),
  ),
  {
    name: 'login answer with expired JWT',
    expected: { status: 200 },
    gatewayIssuesExpiredToken: true,
    arrange: (gateway) => gateway.faults.malformedLogins('expired', 1),
    verify: (stats) => {
      expect(mainCounters(stats).logins).toBe(2);
      expect(mainRequests(stats).map((request) => request.status)).toEqual([401, 200]);
    },
  },
  {
    name: 'login answer with far-future exp',
    expected: { status: 200 },
    arrange: (gateway) => gateway.faults.malformedLogins('far-future-exp', 1),
    act: async (context) => {
      await context.send();
      return context.send();
    },
    verify: (stats, context) => {
      expect(mainCounters(stats).logins).toBe(1);
      expect(context.clockSkews).toHaveLength(1);
    },
  },
];

function skewCell(label: string, skewMs: number): FaultCell {
  return {
    name: `gateway clock ${label}`,
    expected: { status: 200 },
    arrange: (gateway) => gateway.faults.skewClock(skewMs),
    act: async (context) => {
      await context.send();
      return context.send();
    },
    verify: (stats, context) => {
      expect(mainCounters(stats).logins).toBe(1);
      expect(context.clockSkews).toHaveLength(1);
      expect(Math.sign(context.clockSkews[0]?.skewMs ?? 0)).toBe(Math.sign(skewMs));
    },
  };
}

const HOUR_MS = 60 * 60 * 1000;

function revokedCell(challenge: boolean): FaultCell {
  return {
    name: `API 401 ${challenge ? 'with' : 'without'} WWW-Authenticate`,
    expected: { status: 200 },
    act: async (context) => {
      await context.send();
      context.gateway.faults.unauthorizedWithChallenge(challenge);
      context.gateway.faults.revokeAll();
      return context.send();
    },
    verify: (stats) => {
      expect(mainCounters(stats).logins).toBe(2);
      expect(mainRequests(stats).map((request) => request.status)).toEqual([200, 401, 200]);
    },
  };
}

const TOKEN_CELLS: FaultCell[] = [
  skewCell('one hour ahead', HOUR_MS),
  skewCell('one hour behind', -HOUR_MS),
  revokedCell(true),
  revokedCell(false),
  {
    name: 'token revoked under concurrent load',
    expected: { status: 200 },
    act: async (context) => {
      await context.send();
      context.gateway.faults.revokeAll();
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT_REQUESTS }, () => context.send()),
      );
      expect(responses.map((response) => response.status)).toEqual(
        Array(CONCURRENT_REQUESTS).fill(200),
      );
      return responses[0] ?? { status: 0 };
    },
    verify: (stats) => {
      expect(mainCounters(stats).logins).toBe(2);
      const statuses = mainRequests(stats).map((request) => request.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(CONCURRENT_REQUESTS + 1);
      // Each request is sent at most twice, because the 401s are the old token's first attempts.
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(
        CONCURRENT_REQUESTS,
      );
    },
  },
  {
    name: 'API 401 to every token',
    expected: { status: 401 },
    act: async (context) => {
      await context.send();
      context.gateway.faults.failRequests(2, 401);
      return context.send();
    },
    verify: (stats) => {
      expect(mainCounters(stats).logins).toBe(2);
      expect(mainRequests(stats).map((request) => request.status)).toEqual([200, 401, 401]);
    },
  },
];

/** Sends one request and, once its login has started, stops the manager with `stop`. */
async function stopDuringLogin(context: CellContext, stop: () => void): Promise<DriverResponse> {
  const loginStarted = new Promise<void>((resolve) => {
    context.manager.on('login:start', () => resolve());
  });
  const request = context.send();
  await loginStarted;
  stop();

  return request;
}

const SHUTDOWN_CELLS: FaultCell[] = [
  {
    name: 'manager closed during a slow login',
    expected: { code: 'IDS_AUTH_CLOSED' },
    arrange: (gateway) => gateway.faults.slowLogins(SLOW_LOGIN_MS, 1),
    act: (context) =>
      stopDuringLogin(context, () => {
        void context.manager.close();
      }),
    verify: (stats) => expect(mainRequests(stats)).toEqual([]),
  },
  {
    name: 'manager signal aborted during a slow login',
    expected: { code: 'IDS_AUTH_ABORTED' },
    arrange: (gateway) => gateway.faults.slowLogins(SLOW_LOGIN_MS, 1),
    act: (context) => stopDuringLogin(context, () => context.managerAbort.abort()),
    verify: (stats) => expect(mainRequests(stats)).toEqual([]),
  },
];

/** Job creation takes a JSON body, so a streamed body is a realistic upload. */
const JOB_PATH = '/dap/query/canvas/table/accounts/data';

/**
 * ky 1 clones every request for its own retries (`Request.clone()` buffers a stream), and the
 * ky adapter sends that clone after a 401, as its README states. ky 2 keeps no clone with
 * `retry: 0`, which the matrix sets, so it fails like every other adapter.
 */
const STREAM_OUTCOMES: Readonly<Record<DriverName, Expected>> = {
  axios: { code: 'IDS_AUTH_BODY_NOT_REPLAYABLE' },
  'axios-oldest': { code: 'IDS_AUTH_BODY_NOT_REPLAYABLE' },
  got: { code: 'IDS_AUTH_BODY_NOT_REPLAYABLE' },
  got16: { code: 'IDS_AUTH_BODY_NOT_REPLAYABLE' },
  ky: { status: 202 },
  ky2: { code: 'IDS_AUTH_BODY_NOT_REPLAYABLE' },
  fetch: { code: 'IDS_AUTH_BODY_NOT_REPLAYABLE' },
};

const STREAM_CELLS: FaultCell[] = [
  {
    name: 'API 401 on a streamed body',
    expected: STREAM_OUTCOMES.axios,
    expectedByAdapter: STREAM_OUTCOMES,
    act: async (context) => {
      await context.send();
      context.gateway.faults.revokeAll();
      const upload = await context
        .send({
          method: 'POST',
          path: JOB_PATH,
          headers: { 'content-type': 'application/json' },
          streamBody: JSON.stringify({ format: 'jsonl' }),
        })
        .then(
          (response) => ({ response }),
          (error: unknown) => ({ error }),
        );
      // The 401 refreshed the token for later requests, whether or not the upload was retried.
      const later = await context.send();
      expect(later.status).toBe(200);
      if ('error' in upload) throw upload.error;

      return upload.response;
    },
    verify: (stats, context) => {
      const retried = 'status' in STREAM_OUTCOMES[context.adapter];
      expect(mainCounters(stats).logins).toBe(2);
      const jobRequests = stats.requests.filter((request) => request.path === JOB_PATH);
      expect(jobRequests.map((request) => request.status)).toEqual(retried ? [401, 202] : [401]);
      expect(mainRequests(stats).map((request) => request.status)).toEqual([200, 200]);
    },
  },
];

const CREDENTIAL_CELLS: FaultCell[] = [
  {
    name: 'login 403 wrong secret',
    expected: { code: 'IDS_AUTH_INVALID_CREDENTIALS' },
    wrongSecret: true,
    act: async (context) => {
      await context.send().catch(() => undefined);
      return context.send();
    },
    verify: (stats) => {
      // The second request falls in the back-off after rejected credentials, so no new login.
      expect(mainCounters(stats).loginAttempts).toBe(1);
      expect(mainRequests(stats)).toEqual([]);
    },
  },
];

const ACCOUNT_ERRORS = [
  'AccountNotOnboarded',
  'AccountDisabled',
  'AccountUnderMaintenance',
  'RequestTypeForbidden',
] as const;

const ACCOUNT_CELLS: FaultCell[] = ACCOUNT_ERRORS.map((type) => ({
  name: `API 403 ${type}`,
  expected: { status: 403 },
  arrange: (gateway) => gateway.faults.accountError(type),
  verify: (stats) => {
    expect(mainCounters(stats).logins).toBe(1);
    expect(mainRequests(stats).map((request) => request.status)).toEqual([403]);
  },
}));

const LEGACY_HEADERS = { 'X-InstAuth': 'legacy-caller-token' };

function redirectCell(target: 'same-origin' | 'cross-origin', status: 302 | 307): FaultCell {
  return {
    name: `${target} redirect ${status}`,
    expected: { status: 200 },
    arrange: (gateway) => gateway.faults.redirectRequests(1, target, { status }),
    act: (context) => context.send({ headers: LEGACY_HEADERS }),
    verify: (stats) => {
      const carriers = mainRequests(stats).map((request) => [request.status, request.carrier]);
      if (target === 'same-origin') {
        expect(carriers).toEqual([
          [status, 'authorization'],
          [200, 'authorization'],
        ]);
        expect(stats.otherOriginRequests).toEqual([]);
        return;
      }

      expect(carriers).toEqual([[status, 'authorization']]);
      expect(stats.otherOriginRequests).toEqual([
        { path: MAIN_PATH, hadAuthorization: false, hadInstauth: false },
      ]);
    },
  };
}

const REDIRECT_CELLS: FaultCell[] = [
  redirectCell('same-origin', 302),
  redirectCell('same-origin', 307),
  redirectCell('cross-origin', 302),
  redirectCell('cross-origin', 307),
];

/** Every fault every adapter runs, in table order. */
export const FAULT_CELLS: readonly FaultCell[] = [
  ...[500, 502, 503, 504].flatMap(loginBurst),
  ...RATE_LIMIT_CELLS,
  ...TRANSPORT_CELLS,
  ...MALFORMED_CELLS,
  ...CREDENTIAL_CELLS,
  ...TOKEN_CELLS,
  ...STREAM_CELLS,
  ...SHUTDOWN_CELLS,
  ...ACCOUNT_CELLS,
  ...REDIRECT_CELLS,
];
