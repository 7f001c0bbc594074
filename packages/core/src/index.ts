export * from './adapter-kit.js';
export * from './errors.js';
export type * from './types.js';
