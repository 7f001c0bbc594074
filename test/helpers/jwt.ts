import { randomBytes } from 'node:crypto';

/** Claims of a test JWT, in epoch seconds. An omitted claim is left out of the token. */
export interface TestJwtClaims {
  iat?: number;
  exp?: number;
  sub?: string;
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Builds an unsigned three-part JWT. Clients never check the signature, so the third part is
 * random bytes, which also makes every token unique.
 */
export function makeJwt(claims: TestJwtClaims): string {
  const header = encodeSegment({ alg: 'HS256', typ: 'JWT' });
  const payload = encodeSegment(claims);
  const signature = randomBytes(32).toString('base64url');

  return `${header}.${payload}.${signature}`;
}
