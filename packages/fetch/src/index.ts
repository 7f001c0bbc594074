export type { IdsAuthOptions } from '@ids-auth/core';
export type { FetchInput, FetchLike } from './request-parts.js';
export { withIdsAuth } from './with-ids-auth.js';
