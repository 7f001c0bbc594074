// Reading the login response with a size limit, so that a server that is not the gateway
// cannot fill memory with an endless or huge 200 response.

/**
 * Maximum size of a login response, in bytes. The response has four short fields, and its JWT has
 * to fit in one request header, which Node's HTTP server limits to 16 KiB by default.
 */
export const MAX_LOGIN_RESPONSE_BYTES = 64 * 1024;

/**
 * Reads the body of `response` as UTF-8 text, like `response.text()`, or returns `undefined`
 * and cancels the rest of the body as soon as it exceeds `maxBytes`.
 */
export async function readBoundedText(
  response: Response,
  maxBytes: number,
): Promise<string | undefined> {
  const body = response.body;
  if (!body) return '';

  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;

    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }

    chunks.push(value);
  }

  // TextDecoder drops a leading byte order mark, as response.text() does.
  return new TextDecoder().decode(Buffer.concat(chunks));
}
