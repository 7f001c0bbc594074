export type { IdsAuthOptions } from '@ids-auth/core';
export type {
  AxiosInstanceLike,
  AxiosInterceptorManagerLike,
  AxiosRequestConfigLike,
  AxiosResponseLike,
} from './axios-like.js';
export { type IdsAuthRequestInterceptor, idsAuth } from './request-interceptor.js';
export { type DetachIdsAuth, withIdsAuth } from './with-ids-auth.js';
