import type { FindingKind, HttpClient } from './finding.js';

// How to attach the managed bearer with each client's adapter.
const ADAPTER_BY_CLIENT: Readonly<Record<HttpClient, string>> = {
  axios: 'withIdsAuth(axiosInstance) from @ids-auth/axios',
  got: 'got.extend(idsAuth()) from @ids-auth/got',
  ky: 'ky.create(idsAuth()) from @ids-auth/ky',
  fetch: 'withIdsAuth(fetch) from @ids-auth/fetch',
  'node-http': 'withIdsAuth(fetch) from @ids-auth/fetch, or tokens.getToken() from @ids-auth/core',
};

const ANY_ADAPTER = 'the ids-auth adapter of your HTTP client (@ids-auth/axios, got, ky or fetch)';

/** Returns the one-sentence replacement that `ids-auth scan` prints for a finding. */
export function suggestReplacement(
  kind: FindingKind,
  client: HttpClient | undefined,
  axiosDefaults: boolean,
): string {
  const adapter = axiosDefaults
    ? ADAPTER_BY_CLIENT.axios
    : client === undefined
      ? ANY_ADAPTER
      : ADAPTER_BY_CLIENT[client];

  switch (kind) {
    case 'header-set':
      return `Remove the header and attach the token as Authorization: Bearer with ${adapter}.`;
    case 'header-read':
      return 'Get the token from tokens.getToken() (@ids-auth/core), or read Authorization: Bearer.';
    case 'header-delete':
      return 'Remove this line once an adapter is attached: adapters remove x-instauth themselves.';
    case 'header-name':
      return `Remove the name once its users send Authorization: Bearer with ${adapter}.`;
    case 'login-request':
      return `Remove the hand-built login and let ${adapter} log in and refresh.`;
    case 'login-url':
      return 'Remove the hand-built login: createTokenManager() from @ids-auth/core logs in and refreshes.';
  }
}

/** Returns the one-sentence description of what was found. */
export function describeFinding(
  kind: FindingKind,
  client: HttpClient | undefined,
  axiosDefaults: boolean,
): string {
  const where = axiosDefaults
    ? ' in axios defaults'
    : client
      ? ` on a request made with ${client}`
      : '';

  switch (kind) {
    case 'header-set':
      return `sets the x-instauth header${where}`;
    case 'header-read':
      return `reads the x-instauth header${where}`;
    case 'header-delete':
      return `deletes the x-instauth header${where}`;
    case 'header-name':
      return 'names the x-instauth header';
    case 'login-request':
      return `sends the /ids/auth/login request by hand with ${client ?? 'an HTTP client'}`;
    case 'login-url':
      return 'contains the /ids/auth/login URL';
  }
}
