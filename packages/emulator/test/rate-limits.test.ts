import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Gateway, REQUESTS_PER_MINUTE, startGateway } from '../src/index.js';
import { bearer, callApi, getToken } from './helpers.js';

const WINDOW_MS = 60_000;
// 501 sequential requests take several seconds on a loaded 2-core CI machine.
const BULK_TEST_TIMEOUT_MS = 60_000;
const START_MS = Date.UTC(2026, 8, 1);
const SECOND_CLIENT = {
  clientId: 'us-east-1#00000000-0000-4000-8000-0000000000b2',
  clientSecret: 's',
};
const FIRST_CLIENT = {
  clientId: 'us-east-1#00000000-0000-4000-8000-0000000000b1',
  clientSecret: 'f',
};

let gateway: Gateway;
let nowMs: number;
let token: string;

beforeEach(async () => {
  nowMs = START_MS;
  gateway = await startGateway({
    clients: [FIRST_CLIENT, SECOND_CLIENT],
    rateLimits: true,
    tokenLifetimeSeconds: 24 * 3600,
    now: () => nowMs,
  });
  token = await getToken(gateway, FIRST_CLIENT);
});

afterEach(async () => {
  await gateway.close();
});

function listTables(prefix = '/dap', headers = bearer(token)): Promise<Response> {
  return callApi(gateway, `${prefix}/query/canvas/table`, headers);
}

async function sendMany(count: number, send: () => Promise<Response>): Promise<number[]> {
  const statuses = [];
  for (let index = 0; index < count; index += 1) statuses.push((await send()).status);

  return statuses;
}

describe('per-minute limits', () => {
  test('admits five table lists per minute', async () => {
    const statuses = await sendMany(5, () => listTables());
    const over = await listTables();
    const body = (await over.json()) as { error: { type: string } };

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    expect(body.error.type).toBe('TooManyRequests');
  });

  test('admits again exactly one window later', async () => {
    await sendMany(5, () => listTables());
    nowMs = START_MS + WINDOW_MS - 1;
    const before = await listTables();
    nowMs = START_MS + WINDOW_MS;
    const at = await listTables();
    nowMs = START_MS + WINDOW_MS + 1;
    const after = await sendMany(4, () => listTables());
    const overAfter = await listTables();

    expect(before.status).toBe(429);
    expect(before.headers.get('retry-after')).toBe('1');
    expect(at.status).toBe(200);
    expect(after).toEqual([200, 200, 200, 200]);
    expect(overAfter.status).toBe(429);
  });

  test('slides the window per request', async () => {
    await listTables();
    nowMs += 30_000;
    await sendMany(4, () => listTables());
    nowMs = START_MS + WINDOW_MS;
    const freed = await listTables();
    const full = await listTables();

    expect(freed.status).toBe(200);
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('30');
  });

  test('counts each client apart', async () => {
    await sendMany(5, () => listTables());
    const other = await getToken(gateway, SECOND_CLIENT);

    expect((await listTables('/dap', bearer(other))).status).toBe(200);
    expect((await listTables()).status).toBe(429);
  });

  test('shares the limit with the beta prefix', async () => {
    await sendMany(3, () => listTables('/dap'));
    const beta = await sendMany(3, () => listTables('/dap/beta'));

    expect(beta).toEqual([200, 200, 429]);
  });

  test('counts each endpoint apart', async () => {
    await sendMany(5, () => listTables());
    const schema = await callApi(gateway, '/dap/query/canvas/table/users/schema', bearer(token));

    expect(schema.status).toBe(200);
  });

  test('does not count rejected requests', async () => {
    await sendMany(5, () => listTables());
    nowMs = START_MS + WINDOW_MS / 2;
    const rejected = await sendMany(3, () => listTables());
    nowMs = START_MS + WINDOW_MS;

    expect(rejected).toEqual([429, 429, 429]);

    expect(await sendMany(6, () => listTables())).toEqual([200, 200, 200, 200, 200, 429]);
  });

  test('applies no limit by default', async () => {
    const unlimited = await startGateway();
    const unlimitedToken = await getToken(unlimited);
    const statuses = await sendMany(6, () =>
      callApi(unlimited, '/dap/query/canvas/table', bearer(unlimitedToken)),
    );
    await unlimited.close();

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });
});

describe('documented limit values', { timeout: BULK_TEST_TIMEOUT_MS }, () => {
  test('uses the documented numbers', () => {
    expect(REQUESTS_PER_MINUTE).toEqual({
      listTables: 5,
      createJob: 5,
      getJob: 500,
      getSchema: 500,
      objectUrls: 200,
    });
  });

  test('limits job creation at five', async () => {
    const create = () =>
      callApi(gateway, '/dap/query/canvas/table/users/data', bearer(token), {
        method: 'POST',
        body: { format: 'jsonl' },
      });

    expect(await sendMany(6, create)).toEqual([202, 202, 202, 202, 202, 429]);
  });

  test('limits schemas at 500', async () => {
    const schema = () => callApi(gateway, '/dap/query/canvas/table/users/schema', bearer(token));
    const statuses = await sendMany(501, schema);

    expect(statuses.slice(0, 500).every((status) => status === 200)).toBe(true);
    expect(statuses[500]).toBe(429);
  });

  test('limits job polls at 500', async () => {
    const poll = () => callApi(gateway, '/dap/job/unknown', bearer(token));
    const statuses = await sendMany(501, poll);

    expect(statuses.slice(0, 500).every((status) => status === 404)).toBe(true);
    expect(statuses[500]).toBe(429);
  });

  test('limits object URLs at 200', async () => {
    const urls = () =>
      callApi(gateway, '/dap/object/url', bearer(token), { method: 'POST', body: [{ id: 'x' }] });
    const statuses = await sendMany(201, urls);

    expect(statuses.slice(0, 200).every((status) => status === 404)).toBe(true);
    expect(statuses[200]).toBe(429);
  });
});
