import type { IncomingMessage } from 'node:http';
import type { RouteMatch } from './dap-routes.js';
import type { GatewayContext } from './gateway-context.js';
import { errorEnvelope, readBody } from './http-io.js';
import { describeJob } from './job-store.js';
import { findNamespaceTables } from './namespaces.js';
import { buildTableSchema } from './table-schema.js';

/** Status and JSON body of a DAP response. */
export interface DapResult {
  status: number;
  body: unknown;
}

const JOB_FORMATS: ReadonlySet<string> = new Set(['jsonl', 'csv', 'tsv', 'parquet']);

function notFound(kind: string, id: string, message: string): DapResult {
  return { status: 404, body: errorEnvelope('ObjectNotFound', message, { id, kind }) };
}

function invalid(message: string): DapResult {
  return { status: 400, body: errorEnvelope('ValidationError', message) };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function findTable(params: Record<string, string>): DapResult | undefined {
  const namespace = params.namespace ?? '';
  const tables = findNamespaceTables(namespace);
  if (tables === undefined) {
    return notFound('namespace', namespace, `namespace ${namespace} does not exist`);
  }

  const table = params.table;
  if (table !== undefined && !tables.includes(table)) {
    return notFound('table', table, `table ${table} does not exist in namespace ${namespace}`);
  }

  return undefined;
}

function listTables(match: RouteMatch): DapResult {
  const missing = findTable(match.params);
  if (missing !== undefined) return missing;

  return {
    status: 200,
    body: { tables: [...(findNamespaceTables(match.params.namespace ?? '') ?? [])] },
  };
}

function getSchema(match: RouteMatch): DapResult {
  const missing = findTable(match.params);
  if (missing !== undefined) return missing;

  const { namespace = '', table = '' } = match.params;
  return { status: 200, body: { schema: buildTableSchema(namespace, table), version: 1 } };
}

async function createJob(
  context: GatewayContext,
  match: RouteMatch,
  clientId: string,
  request: IncomingMessage,
): Promise<DapResult> {
  const missing = findTable(match.params);
  if (missing !== undefined) return missing;

  const query = await readJson(request);
  const format = (query as { format?: unknown } | null)?.format;
  if (typeof format !== 'string' || !JOB_FORMATS.has(format)) {
    return invalid(`body must be a JSON object with format one of ${[...JOB_FORMATS].join(', ')}`);
  }

  const { namespace = '', table = '' } = match.params;
  const job = context.jobs.create({
    clientId,
    namespace,
    table,
    format,
    createdAtMs: context.now(),
  });
  const body = describeJob(job);

  return { status: body.status === 'complete' ? 200 : 202, body };
}

function getJob(context: GatewayContext, match: RouteMatch, clientId: string): DapResult {
  const id = match.params.id ?? '';
  const job = context.jobs.find(id, clientId);
  if (job === undefined) {
    return notFound('job', id, `job ${id} does not exist or has expired`);
  }

  const body = context.jobs.poll(job);
  return { status: body.status === 'complete' ? 200 : 202, body };
}

function parseObjectIds(body: unknown): string[] | undefined {
  if (!Array.isArray(body) || body.length === 0) {
    return undefined;
  }

  const ids = body.map((item: { id?: unknown } | null) => item?.id);
  return ids.every((id): id is string => typeof id === 'string') ? ids : undefined;
}

async function getObjectUrls(
  context: GatewayContext,
  clientId: string,
  request: IncomingMessage,
): Promise<DapResult> {
  const ids = parseObjectIds(await readJson(request));
  if (ids === undefined) {
    return invalid('body must be a non-empty JSON array of objects like {"id": "..."}');
  }

  const urls: Record<string, { url: string }> = {};
  for (const id of ids) {
    const job = context.jobs.findByObjectId(id);
    if (job?.clientId !== clientId) return notFound('object', id, `object ${id} does not exist`);
    urls[id] = { url: `${context.origins.gateway}/objects/${id}` };
  }

  return { status: 200, body: { urls } };
}

/** Builds the response to a matched DAP request of an authenticated `clientId`. */
export async function handleDapRequest(
  context: GatewayContext,
  match: RouteMatch,
  clientId: string,
  request: IncomingMessage,
): Promise<DapResult> {
  switch (match.endpoint) {
    case 'listTables':
      return listTables(match);
    case 'getSchema':
      return getSchema(match);
    case 'createJob':
      return createJob(context, match, clientId, request);
    case 'getJob':
      return getJob(context, match, clientId);
    case 'objectUrls':
      return getObjectUrls(context, clientId, request);
  }
}
