// Origin rules for the bearer. A request carries it only to an exact allowed origin, compared
// after the normalization a browser applies and with the trailing dot of a host name removed.

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Returns the origin of `url` as `scheme://host[:port]`: lower-case host, default port
 * dropped, IPv6 in brackets, no trailing dot on the host.
 */
export function normalizeOrigin(url: URL): string {
  const hostname = url.hostname.replace(/\.$/, '');
  const port = url.port === '' ? '' : `:${url.port}`;

  return `${url.protocol}//${hostname}${port}`;
}

/** Tells whether `hostname` (as `URL.hostname` gives it) is 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/\.$/, '').toLowerCase();

  return host === 'localhost' || host === '[::1]' || IPV4_LOOPBACK.test(host);
}

/** Tells whether sending a token to `url` would expose it: plain `http` to a non-loopback host. */
export function isInsecureUrl(url: URL): boolean {
  return url.protocol === 'http:' && !isLoopbackHostname(url.hostname);
}

/**
 * Parses an `http:` or `https:` URL given as option `optionName`, throwing a `TypeError` that
 * names the option when it is malformed, uses another scheme or embeds credentials.
 */
/** Names an option, or an environment variable when `name` is one of the `DAP_*` variables. */
export function describeSetting(name: string): string {
  return name.startsWith('DAP_') ? `Environment variable ${name}` : `Option ${name}`;
}

export function parseHttpUrlOption(optionName: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Node's URL error keeps the whole input in `input`, which may hold a secret (a URL with
    // user info, or a secret passed in the wrong option), so it is not kept as the cause.
    throw new TypeError(`${describeSetting(optionName)} must be an absolute http or https URL.`);
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `${describeSetting(optionName)} must use http or https, not ${url.protocol.slice(0, -1)}.`,
    );
  }

  if (url.username !== '' || url.password !== '') {
    throw new TypeError(
      `${describeSetting(optionName)} must not contain a user name or password; pass credentials as clientId and clientSecret.`,
    );
  }

  return url;
}

/**
 * Returns the normalized origin of `url` if it is in `allowedOrigins`, else `undefined`.
 * A URL with a user name or password never matches.
 */
export function matchAllowedOrigin(
  url: URL,
  allowedOrigins: readonly string[],
): string | undefined {
  if (url.username !== '' || url.password !== '') return undefined;

  const origin = normalizeOrigin(url);

  return allowedOrigins.includes(origin) ? origin : undefined;
}

/** Tells whether `url` addresses `loginUrl`, ignoring query, hash and a trailing `/`. */
export function isLoginUrl(url: URL, loginUrl: string): boolean {
  const login = parsedLoginUrl(loginUrl);

  return login.origin === normalizeOrigin(url) && login.path === withoutTrailingSlash(url.pathname);
}

function withoutTrailingSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

// A process has one login URL per manager, and every request is checked against it, so
// parsed forms are kept instead of parsing the same string per request.
const parsedLoginUrls = new Map<string, { origin: string; path: string }>();

function parsedLoginUrl(loginUrl: string): { origin: string; path: string } {
  let parsed = parsedLoginUrls.get(loginUrl);
  if (!parsed) {
    const url = new URL(loginUrl);
    parsed = { origin: normalizeOrigin(url), path: withoutTrailingSlash(url.pathname) };
    parsedLoginUrls.set(loginUrl, parsed);
  }

  return parsed;
}
