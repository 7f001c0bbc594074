// Errors about the configuration, shared by the manager and the adapter kit.
import { ErrorCode, IdsAuthConfigError, IdsAuthError } from './errors.js';

/** Creates the error for a manager with no client id or secret in its options or environment. */
export function missingCredentialsError(): IdsAuthConfigError {
  return new IdsAuthConfigError(
    ErrorCode.MISSING_CREDENTIALS,
    'No client credentials are configured. Pass the clientId and clientSecret options, or set the DAP_CLIENT_ID and DAP_CLIENT_SECRET environment variables.',
  );
}

/** Creates the error for a base URL that would send the token over plain http. */
export function insecureBaseUrlError(baseUrl: string): IdsAuthConfigError {
  return new IdsAuthConfigError(
    ErrorCode.INSECURE_URL,
    `Option baseUrl ${baseUrl} uses plain http to a host that is not loopback, which would expose the token. Use https.`,
  );
}

/** Creates the error for a request that would send the token over plain http. */
export function insecureRequestError(origin: string): IdsAuthConfigError {
  return new IdsAuthConfigError(
    ErrorCode.INSECURE_URL,
    `A token cannot be sent to ${origin} over plain http, which is allowed only for loopback hosts. Use https for this origin.`,
  );
}

/** Creates the error that calls to a closed manager reject with. */
export function closedError(): IdsAuthError {
  return new IdsAuthError(
    ErrorCode.CLOSED,
    'The token manager is closed. Create a new one with createTokenManager() to get tokens.',
  );
}
