// An origin oracle written from the URL standard, independent of the core, so property tests
// do not agree with the core's bugs.

/** Origins as the WHATWG URL parser serializes them (lower-case host, default port dropped). */
export function toOrigins(urls: readonly string[]): Set<string> {
  return new Set(urls.map((url) => new URL(url).origin));
}

/**
 * True when `url` has exactly one of `origins` and no user info: the bearer must be attached.
 * A URL with user info may be refused either way, because both outcomes keep the token on the
 * same host.
 */
export function isExactOrigin(url: string | URL, origins: ReadonlySet<string>): boolean {
  const parsed = new URL(url);

  return origins.has(parsed.origin) && parsed.username === '' && parsed.password === '';
}

/**
 * True when `url` names the same scheme, port and DNS host as one of `origins`, where a single
 * trailing dot on the host (the fully qualified spelling) counts as the same host. Outside this
 * set the bearer must never be attached.
 */
export function isSameHost(url: string | URL, origins: ReadonlySet<string>): boolean {
  const parsed = new URL(url);
  const host = parsed.hostname.endsWith('.') ? parsed.hostname.slice(0, -1) : parsed.hostname;
  const port = parsed.port === '' ? '' : `:${parsed.port}`;

  return origins.has(`${parsed.protocol}//${host}${port}`);
}

/** True when `url` is the login endpoint itself, which must never be touched. */
export function isLoginUrl(url: string | URL, loginUrl: string): boolean {
  return isLoginPath(url, loginUrl) && !new URL(url).search;
}

/**
 * True when `url` has the login endpoint's origin and path, with or without a query. A login
 * path with a query may be treated either as the login request or as an API request.
 */
export function isLoginPath(url: string | URL, loginUrl: string): boolean {
  const parsed = new URL(url);
  const login = new URL(loginUrl);

  return parsed.origin === login.origin && parsed.pathname === login.pathname;
}
