import type { ClientCredentials } from './types.js';

/**
 * The client that {@link startGateway} accepts when no `clients` option is given. The id has
 * the `<aws-region>#<uuid>` form and the secret contains `:`, `+`, `/`, `=` and `%`, so a
 * client that percent-encodes or splits the Basic value at the wrong `:` fails to log in.
 */
export const DEFAULT_CLIENT: Readonly<ClientCredentials> = Object.freeze({
  clientId: 'us-east-1#5b0c7d3e-9f42-4a1b-8e6d-2c71f0a9b384',
  clientSecret: 'emulator:Sx9+k/Qz=Lp%2Fw7==',
});
