/** Credentials read from an HTTP Basic `Authorization` header. */
export interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

const BASIC_PREFIX = /^basic +/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Parses a Basic `Authorization` value the way the gateway does: base64 of the UTF-8
 * string `id:secret`, split at the first `:`, with no percent-decoding. Returns `undefined`
 * when the header is missing, uses another scheme, is not base64 or has no `:`.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined || !BASIC_PREFIX.test(header)) {
    return undefined;
  }

  const encoded = header.replace(BASIC_PREFIX, '').trim();
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    return undefined;
  }

  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) {
    return undefined;
  }

  return { clientId: decoded.slice(0, separator), clientSecret: decoded.slice(separator + 1) };
}
