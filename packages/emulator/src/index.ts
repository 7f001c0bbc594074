export { CANVAS_TABLES } from './canvas-tables.js';
export { DEFAULT_CLIENT } from './default-client.js';
export { startGateway } from './gateway.js';
export { DEFAULT_TOKEN_LIFETIME_SECONDS } from './gateway-options.js';
export { NAMESPACE_TABLES } from './namespaces.js';
export { type LimitedEndpoint, REQUESTS_PER_MINUTE } from './rate-limiter.js';
export type * from './types.js';
