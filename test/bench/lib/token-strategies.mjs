// The two token strategies the expiry bench compares with ids-auth, written here on plain
// fetch. Each sender counts the requests that had to wait for a login.
import { logIn } from './login-client.mjs';

const HTTP_UNAUTHORIZED = 401;
/** Margin of Instructure's own DAP client: it logs in again when less than this remains. */
const RELOGIN_MARGIN_MS = 5 * 60 * 1000;

/**
 * Keeps one token until the gateway returns 401, then logs in once for every request that
 * saw that 401 and sends each of them again once, the usual refresh-after-401 interceptor.
 *
 * @param {string} baseUrl
 * @param {{ token: string }} first - A token obtained before the load starts.
 */
export function createRefreshAfter401Sender(baseUrl, first) {
  const counters = { waitedForLogin: 0 };
  let current = first.token;
  let pendingLogin;

  const sharedLogin = () => {
    pendingLogin ??= logIn(baseUrl).finally(() => {
      pendingLogin = undefined;
    });
    return pendingLogin;
  };

  const send = async (path) => {
    const sentToken = current;
    const response = await sendWithToken(baseUrl, path, sentToken);
    if (response.status !== HTTP_UNAUTHORIZED) return response.status;

    // A request whose 401 arrives after the new token is in place retries without waiting.
    if (current === sentToken) {
      counters.waitedForLogin += 1;
      current = (await sharedLogin()).token;
    }

    return (await sendWithToken(baseUrl, path, current)).status;
  };

  return { send, counters };
}

/**
 * Logs in before any request whose token has less than five minutes left, each request on its
 * own, the rule of Instructure's own DAP client. With tokens shorter than five minutes every
 * request logs in.
 *
 * @param {string} baseUrl
 * @param {{ token: string, expiresAtMs: number }} first
 */
export function createReloginUnderMarginSender(baseUrl, first) {
  const counters = { waitedForLogin: 0 };
  let current = first;

  const send = async (path) => {
    if (current.expiresAtMs - Date.now() < RELOGIN_MARGIN_MS) {
      counters.waitedForLogin += 1;
      current = await logIn(baseUrl);
    }
    return (await sendWithToken(baseUrl, path, current.token)).status;
  };

  return { send, counters };
}

async function sendWithToken(baseUrl, path, token) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();

  return response;
}
