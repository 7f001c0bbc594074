export type { KyHookOptions } from './hook-arguments.js';
export type { IdsAuthKyOptions, KyHook } from './ky-hooks.js';
export { idsAuth } from './ky-hooks.js';
