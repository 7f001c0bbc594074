// Reads the time claims of a JWT without checking its signature: the client only needs `exp`
// and `iat`, and the gateway, not the client, is the party that verifies tokens.

const BASE64URL_PART = /^[A-Za-z0-9_-]*$/;

/** Time claims of a JWT, in epoch seconds. */
export interface JwtTimes {
  expSeconds: number;
  iatSeconds?: number;
}

/** Reason a token is not a usable JWT, for error messages that never include the token. */
export type JwtProblem = 'not-three-parts' | 'undecodable' | 'missing-exp';

/** Returns the `exp` and `iat` claims of `token`, or the reason it is not a usable JWT. */
export function readJwtTimes(token: string): JwtTimes | JwtProblem {
  const parts = token.split('.');
  const [header, payload] = parts;
  if (parts.length !== 3 || !header || !payload) return 'not-three-parts';

  if (!parts.every((part) => BASE64URL_PART.test(part))) return 'not-three-parts';

  const claims = decodeJsonObject(payload);
  if (!decodeJsonObject(header) || !claims) return 'undecodable';

  const { exp, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'missing-exp';

  if (typeof iat === 'number' && Number.isFinite(iat)) return { expSeconds: exp, iatSeconds: iat };

  return { expSeconds: exp };
}

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
