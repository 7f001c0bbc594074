import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CANVAS_TABLES, type Gateway, startGateway } from '../src/index.js';
import { bearer, callApi, getToken } from './helpers.js';

const PREFIXES = ['/dap', '/dap/beta'];
const OTHER_CLIENT = {
  clientId: 'eu-central-1#2b7f3c1d-4e5a-4b6c-8d7e-9f0a1b2c3d4e',
  clientSecret: 'other-secret',
};

let gateway: Gateway;
let token: string;

beforeEach(async () => {
  gateway = await startGateway({
    clients: [
      { clientId: 'us-east-1#5b0c7d3e-9f42-4a1b-8e6d-2c71f0a9b384', clientSecret: 'main' },
      OTHER_CLIENT,
    ],
  });
  token = await getToken(gateway, {
    clientId: 'us-east-1#5b0c7d3e-9f42-4a1b-8e6d-2c71f0a9b384',
    clientSecret: 'main',
  });
});

afterEach(async () => {
  await gateway.close();
});

interface Job {
  id: string;
  status: string;
  objects?: { id: string }[];
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function createJob(prefix: string, table = 'courses'): Promise<Response> {
  return callApi(gateway, `${prefix}/query/canvas/table/${table}/data`, bearer(token), {
    method: 'POST',
    body: { format: 'jsonl' },
  });
}

async function runJobToCompletion(prefix: string): Promise<Job> {
  const created = await json<Job>(await createJob(prefix));
  let job = created;
  while (job.status !== 'complete') {
    job = await json<Job>(await callApi(gateway, `${prefix}/job/${created.id}`, bearer(token)));
  }

  return job;
}

describe.each(PREFIXES)('DAP under %s', (prefix) => {
  test('lists the 90 canvas tables', async () => {
    const response = await callApi(gateway, `${prefix}/query/canvas/table`, bearer(token));
    const body = await json<{ tables: string[] }>(response);

    expect(response.status).toBe(200);
    expect(body.tables).toHaveLength(90);
    expect(body.tables).toEqual([...CANVAS_TABLES]);
    expect(body.tables).toContain('submissions');
  });

  test('lists the other namespaces', async () => {
    const logs = await callApi(gateway, `${prefix}/query/canvas_logs/table`, bearer(token));
    const catalog = await callApi(gateway, `${prefix}/query/catalog/table`, bearer(token));

    expect(await json(logs)).toEqual({ tables: ['web_logs'] });
    expect(catalog.status).toBe(200);
  });

  test('returns 404 for an unknown namespace', async () => {
    const response = await callApi(gateway, `${prefix}/query/nope/table`, bearer(token));
    const body = await json<{ error: Record<string, string> }>(response);

    expect(response.status).toBe(404);
    expect(body.error.id).toBe('nope');
    expect(body.error.kind).toBe('namespace');
    expect(body.error.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof body.error.type).toBe('string');
    expect(typeof body.error.message).toBe('string');
  });

  test('returns a table schema', async () => {
    const path = `${prefix}/query/canvas/table/accounts/schema`;
    const response = await callApi(gateway, path, bearer(token));
    const body = await json<{ schema: Record<string, unknown>; version: number }>(response);

    expect(response.status).toBe(200);
    expect(body.version).toBe(1);
    expect(body.schema.type).toBe('object');
    expect(body.schema.$schema).toMatch(/json-schema\.org/);
  });

  test('returns 404 for an unknown table', async () => {
    const path = `${prefix}/query/canvas/table/nope/schema`;
    const response = await callApi(gateway, path, bearer(token));
    const body = await json<{ error: Record<string, string> }>(response);

    expect(response.status).toBe(404);
    expect(body.error).toMatchObject({ id: 'nope', kind: 'table' });
  });

  test('runs a job from 202 to 200', async () => {
    const created = await createJob(prefix);
    const job = await json<Job>(created);
    const statuses: number[] = [];
    for (let poll = 0; poll < 3; poll += 1) {
      statuses.push((await callApi(gateway, `${prefix}/job/${job.id}`, bearer(token))).status);
    }
    const done = await json<Job>(await callApi(gateway, `${prefix}/job/${job.id}`, bearer(token)));

    expect(created.status).toBe(202);
    expect(job.status).toBe('running');
    expect(statuses).toEqual([202, 202, 200]);
    expect(done.status).toBe('complete');
    expect(done.objects).toEqual([{ id: `${job.id}/part-00000.jsonl` }]);
  });

  test('returns object URLs that serve records', async () => {
    const job = await runJobToCompletion(prefix);
    const response = await callApi(gateway, `${prefix}/object/url`, bearer(token), {
      method: 'POST',
      body: job.objects,
    });
    const body = await json<{ urls: Record<string, { url: string }> }>(response);
    const objectId = job.objects?.[0]?.id ?? '';
    const url = body.urls[objectId]?.url ?? '';
    const download = await fetch(url);
    const lines = (await download.text()).trim().split('\n');

    expect(response.status).toBe(200);
    expect(url.startsWith(`${gateway.url}/objects/`)).toBe(true);
    expect(download.status).toBe(200);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] ?? '')).toHaveProperty('key.id', 1);
  });

  test('returns 404 for an unknown job', async () => {
    const response = await callApi(gateway, `${prefix}/job/missing`, bearer(token));
    const body = await json<{ error: Record<string, string> }>(response);

    expect(response.status).toBe(404);
    expect(body.error).toMatchObject({ id: 'missing', kind: 'job' });
  });
});

describe('DAP validation', () => {
  test('hides a job from another client', async () => {
    const job = await json<Job>(await createJob('/dap'));
    const otherToken = await getToken(gateway, OTHER_CLIENT);
    const response = await callApi(gateway, `/dap/job/${job.id}`, bearer(otherToken));

    expect(response.status).toBe(404);
  });

  test('hides an object from another client', async () => {
    const job = await runJobToCompletion('/dap');
    const otherToken = await getToken(gateway, OTHER_CLIENT);
    const response = await callApi(gateway, '/dap/object/url', bearer(otherToken), {
      method: 'POST',
      body: job.objects,
    });

    expect(response.status).toBe(404);
  });

  test('returns 400 for a job without format', async () => {
    const response = await callApi(gateway, '/dap/query/canvas/table/users/data', bearer(token), {
      method: 'POST',
      body: { mode: 'snapshot' },
    });
    const body = await json<{ error: Record<string, string> }>(response);

    expect(response.status).toBe(400);
    expect(body.error.type).toBe('ValidationError');
  });

  test('returns 400 for a bad object list', async () => {
    const response = await callApi(gateway, '/dap/object/url', bearer(token), {
      method: 'POST',
      body: { id: 'x' },
    });

    expect(response.status).toBe(400);
  });

  test('returns 404 for an unknown object', async () => {
    const response = await callApi(gateway, '/dap/object/url', bearer(token), {
      method: 'POST',
      body: [{ id: 'nope/part-00000.jsonl' }],
    });
    const body = await json<{ error: Record<string, string> }>(response);

    expect(response.status).toBe(404);
    expect(body.error).toMatchObject({ id: 'nope/part-00000.jsonl', kind: 'object' });
  });

  test('returns 405 for a wrong method', async () => {
    const response = await callApi(gateway, '/dap/query/canvas/table', bearer(token), {
      method: 'POST',
      body: {},
    });

    expect(response.status).toBe(405);
    expect(gateway.stats().routes).toEqual({ 'POST /dap/query/{namespace}/table': 1 });
  });

  test('returns 404 for an unknown path', async () => {
    const response = await callApi(gateway, '/dap/nothing/here', bearer(token));

    expect(response.status).toBe(404);
    expect(gateway.stats().routes).toEqual({ 'GET (no route)': 1 });
  });

  test('checks the token before the route', async () => {
    const response = await callApi(gateway, '/dap/nothing/here', {});

    expect(response.status).toBe(401);
  });

  test('returns 413 for a huge job body', async () => {
    const response = await callApi(gateway, '/dap/query/canvas/table/users/data', bearer(token), {
      method: 'POST',
      body: { format: 'jsonl', pad: 'x'.repeat(1_048_576) },
    });

    expect(response.status).toBe(413);
    expect(gateway.stats().requests[0]?.status).toBe(413);
  });

  test('returns 404 for an unknown object download', async () => {
    const response = await fetch(`${gateway.url}/objects/nope/part-00000.jsonl`);

    expect(response.status).toBe(404);
  });

  test('returns 404 for a malformed object id', async () => {
    for (const objectId of ['%', '%E0%A4%A', 'x%zz']) {
      const response = await fetch(`${gateway.url}/objects/${objectId}`);

      expect(response.status, objectId).toBe(404);
    }
  });

  test('completes a job at once with zero polls', async () => {
    const quick = await startGateway({ jobPollsUntilComplete: 0 });
    const quickToken = await getToken(quick);
    const response = await callApi(
      quick,
      '/dap/query/canvas/table/users/data',
      bearer(quickToken),
      {
        method: 'POST',
        body: { format: 'csv' },
      },
    );
    const job = await json<Job>(response);
    await quick.close();

    expect(response.status).toBe(200);
    expect(job.status).toBe('complete');
    expect(job.objects).toEqual([{ id: `${job.id}/part-00000.csv` }]);
  });
});
