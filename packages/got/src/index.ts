export type {
  GotRequestOptions,
  GotResponse,
  GotRetryOptions,
  IdsAuthGotOptions,
} from './got-hooks.js';
export { idsAuth, RETRIED_CONTEXT_KEY } from './got-hooks.js';
