import type { ClientCredentials } from '@ids-auth/emulator';

/**
 * The client under test. Like real ones, its id has the `<region>#<uuid>` form and its secret
 * contains characters that break a percent-encoded or wrongly split Basic value.
 */
export const MAIN_CLIENT: Readonly<ClientCredentials> = Object.freeze({
  clientId: 'us-east-1#0d5e3c1a-7b92-4f60-a8d1-3e4f5a6b7c8d',
  clientSecret: 'main:Secret+/=%20 value-9f8e7d6c',
});

/** A second institution on the same gateway, whose token must never reach the first. */
export const NEIGHBOR_CLIENT: Readonly<ClientCredentials> = Object.freeze({
  clientId: 'eu-west-1#6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
  clientSecret: 'neighbor:Other+/=secret-1a2b3c4d',
});
