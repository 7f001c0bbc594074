import type { ServerResponse } from 'node:http';
import type { GatewayContext } from './gateway-context.js';
import { sendJson, sendText } from './http-io.js';

/** Path prefix of the result-object downloads, which need no token like presigned URLs. */
export const OBJECTS_PREFIX = '/objects/';

const SAMPLE_RECORD_COUNT = 3;

/**
 * Sends the content of a result object: a few JSON lines in DAP record layout.
 * NOTE: real objects are gzip-compressed files in the requested format; these are always
 * uncompressed JSON lines.
 */
export function handleObjectDownload(
  context: GatewayContext,
  response: ServerResponse,
  pathname: string,
): void {
  const encodedId = pathname.slice(OBJECTS_PREFIX.length);
  const objectId = decodeObjectId(encodedId);
  const job = objectId === undefined ? undefined : context.jobs.findByObjectId(objectId);
  if (job === undefined) {
    sendJson(response, 404, { message: `object ${objectId ?? encodedId} does not exist` });
    return;
  }

  const ts = new Date(job.createdAtMs).toISOString();
  const lines = Array.from({ length: SAMPLE_RECORD_COUNT }, (_, index) =>
    JSON.stringify({
      key: { id: index + 1 },
      value: { created_at: ts, updated_at: ts, workflow_state: 'active' },
      meta: { ts, action: 'U' },
    }),
  );
  sendText(response, 200, 'application/x-ndjson', `${lines.join('\n')}\n`);
}

// A malformed percent-escape names no object, so it gets the same 404 as an unknown id.
function decodeObjectId(encodedId: string): string | undefined {
  try {
    return decodeURIComponent(encodedId);
  } catch {
    return undefined;
  }
}
