import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-io.js';
import type { StatsRecorder } from './stats-recorder.js';

/**
 * Returns the listener of the second origin. It records whether credentials arrived and
 * responds 200, so a test can see which headers a client forwarded across a redirect.
 */
export function createOtherOriginListener(stats: StatsRecorder) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    stats.recordOtherOrigin({
      path: request.url ?? '/',
      hadAuthorization: request.headers.authorization !== undefined,
      hadInstauth: request.headers['x-instauth'] !== undefined,
    });
    request.resume();
    sendJson(response, 200, { origin: 'other', path: request.url ?? '/' });
  };
}
