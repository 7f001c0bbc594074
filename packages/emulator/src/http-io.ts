import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1_048_576;

/** Thrown by {@link readBody} when a request body exceeds {@link MAX_BODY_BYTES}. */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body is larger than ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a whole request body as UTF-8 text. A body past {@link MAX_BODY_BYTES} is read to
 * the end and dropped before the error is thrown, so the socket stays usable for the 413.
 */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }

  if (size > MAX_BODY_BYTES) {
    throw new BodyTooLargeError();
  }

  return Buffer.concat(chunks).toString('utf8');
}

/** Sends `body` with `status` and `Content-Type`, unless the socket is already gone. */
export function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: OutgoingHttpHeaders = {},
): void {
  if (response.destroyed || response.headersSent) {
    return;
  }

  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

/** Sends `body` as JSON. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  sendText(response, status, 'application/json', JSON.stringify(body), headers);
}

/** Extra fields of a DAP error envelope, such as `id` and `kind` on a 404. */
export type EnvelopeFields = Record<string, string>;

/** Builds the DAP error envelope `{error: {type, uuid, message, ...}}`. */
export function errorEnvelope(type: string, message: string, fields: EnvelopeFields = {}) {
  return { error: { type, uuid: randomUUID(), message, ...fields } };
}
