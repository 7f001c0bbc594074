// A minimal login for the strategies the bench compares against ids-auth. It follows the
// gateway's client-credentials login so those strategies need no ids-auth code.
import { DEFAULT_CLIENT } from '@ids-auth/emulator';

const BASIC_VALUE = Buffer.from(
  `${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`,
  'utf8',
).toString('base64');

/**
 * Logs in at `baseUrl` with the emulator's default client and returns the token with its
 * local expiry time (epoch milliseconds, counted from when the response arrived).
 *
 * @param {string} baseUrl - Gateway URL on loopback.
 * @returns {Promise<{ token: string, expiresAtMs: number }>}
 */
export async function logIn(baseUrl) {
  const response = await fetch(`${baseUrl}/ids/auth/login`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${BASIC_VALUE}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (response.status !== 200) {
    throw new Error(`Login at ${baseUrl} failed with status ${response.status}.`);
  }

  const answer = await response.json();
  return { token: answer.access_token, expiresAtMs: Date.now() + answer.expires_in * 1000 };
}
