export { idsAuth, RETRIED_CONTEXT_KEY } from './got-hooks.js';
export type {
  GotRequestOptions,
  GotResponse,
  GotRetryOptions,
  IdsAuthGotOptions,
} from './got-types.js';
export type { GotHeaders } from './header-access.js';
