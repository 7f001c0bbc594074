import type { ServerResponse } from 'node:http';
import { sendText } from './http-io.js';

const HTML_LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head>' +
  '<body><p>The service is temporarily unavailable.</p></body></html>';

/**
 * Sends a 200 login response whose body is not valid JSON: an HTML page, or the JSON
 * response cut in the middle. The token inside a truncated response is never registered.
 */
export function sendMalformedLogin(
  response: ServerResponse,
  shape: 'html' | 'truncated-json',
  tokenResponse: object,
): void {
  if (shape === 'html') {
    sendText(response, 200, 'text/html; charset=utf-8', HTML_LOGIN_PAGE);
    return;
  }

  const json = JSON.stringify(tokenResponse);
  sendText(response, 200, 'application/json', json.slice(0, Math.floor(json.length / 2)));
}
