export * from './adapter-kit.js';
export {
  DEFAULT_BASE_URL,
  DEFAULT_LOGIN_PATH,
  DEFAULT_LOGIN_TIMEOUT_MS,
  DEFAULT_REFRESH_MARGIN_MS,
} from './defaults.js';
export * from './errors.js';
export { diagnosticsChannelName, TOKEN_MANAGER_EVENTS } from './events.js';
export { LEGACY_HEADER_WARNING_CODE } from './legacy-warning.js';
export { createMemoryTokenStore, type MemoryTokenStoreOptions } from './memory-store.js';
export { createTokenStoreScope } from './store-scope.js';
export { createTokenManager } from './token-manager.js';
export type * from './types.js';
