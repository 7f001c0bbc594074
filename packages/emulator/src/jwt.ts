import { createHmac } from 'node:crypto';

/** Claims of a JWT that the emulator issues. */
export type JwtClaims = Record<string, string | number>;

const JWT_HEADER = { alg: 'HS256', typ: 'JWT' } as const;

function encodeJsonPart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Signs `claims` as a compact HS256 JWT with `key`. */
export function signJwt(claims: JwtClaims, key: Buffer): string {
  const signingInput = `${encodeJsonPart(JWT_HEADER)}.${encodeJsonPart(claims)}`;
  const signature = createHmac('sha256', key).update(signingInput).digest('base64url');

  return `${signingInput}.${signature}`;
}
