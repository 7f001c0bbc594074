import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CANVAS_TABLES, type Gateway, startGateway } from '../src/index.js';
import { bearer, callApi, getToken } from './helpers.js';

let gateway: Gateway;
let token: string;

beforeEach(async () => {
  gateway = await startGateway();
  token = await getToken(gateway);
});

afterEach(async () => {
  await gateway.close();
});

describe('table list', () => {
  test('lists the 90 canvas tables', async () => {
    const response = await callApi(gateway, '/dap/query/canvas/table', bearer(token));
    const body = (await response.json()) as { tables: string[] };

    expect(response.status).toBe(200);
    expect(body.tables).toHaveLength(90);
    expect(body.tables).toEqual([...CANVAS_TABLES]);
    expect(body.tables).toContain('submissions');
  });
});
