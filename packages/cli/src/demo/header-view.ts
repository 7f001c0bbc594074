/** Authorization facts about the headers of one request as it leaves the client. */
export interface SentHeaders {
  /** An `x-instauth` header (any letter case) was still present. */
  legacyHeader: boolean;
  /** `Authorization` carried a bearer token. */
  bearer: boolean;
}

/**
 * Reads the sent headers from a fetch `Headers`, an axios `AxiosHeaders` (through its
 * `toJSON()`) or a plain object, as the demo's transports see them.
 */
export function inspectSentHeaders(headers: unknown): SentHeaders {
  const entries = headerEntries(headers);
  const find = (name: string) => entries.find(([key]) => key.toLowerCase() === name)?.[1];

  return {
    legacyHeader: find('x-instauth') !== undefined,
    bearer: /^bearer\s+\S/i.test(String(find('authorization') ?? '')),
  };
}

function headerEntries(headers: unknown): [string, unknown][] {
  if (headers === undefined || headers === null) return [];

  if (headers instanceof Headers) return [...headers.entries()];

  const withToJson = headers as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return headerEntries(withToJson.toJSON());

  if (typeof headers !== 'object') return [];

  return Object.entries(headers).filter(([, value]) => value !== undefined && value !== null);
}
