export type { KyHookOptions } from './hook-arguments.js';
export { idsAuth } from './ky-hooks.js';
export type { IdsAuthKyOptions, KyBeforeErrorHook, KyHook } from './ky-types.js';
