import type { AxiosRequestConfigLike } from './axios-like.js';

const GUARD_MARK = Symbol('ids-auth.redirect-guard');

type BeforeRedirect = NonNullable<AxiosRequestConfigLike['beforeRedirect']>;
type GuardedBeforeRedirect = BeforeRedirect & { [GUARD_MARK]?: BeforeRedirect | undefined };

interface RedirectOptions {
  href?: string;
  headers?: Record<string, unknown>;
}

const SENSITIVE_HEADERS = new Set(['authorization', 'x-instauth']);

/**
 * Installs a `beforeRedirect` hook (used by axios's http adapter) that removes `Authorization`
 * and `x-instauth` whenever a redirect leaves `origin`. axios 1.7 and follow-redirects keep
 * `Authorization` on a redirect to a subdomain or to another port of a subdomain host, which
 * is a different origin. A `beforeRedirect` the caller set still runs, after this one.
 * `onLeave` runs each time the hook removes the headers.
 */
export function guardRedirects(
  config: AxiosRequestConfigLike,
  origin: string,
  onLeave?: () => void,
): void {
  const current = config.beforeRedirect as GuardedBeforeRedirect | undefined;
  const callerHook = current && GUARD_MARK in current ? current[GUARD_MARK] : current;
  const guard: GuardedBeforeRedirect = (options: RedirectOptions, ...rest: unknown[]) => {
    if (leavesOrigin(options, origin)) {
      stripSensitiveHeaders(options.headers);
      onLeave?.();
    }
    callerHook?.(options, ...rest);
  };
  guard[GUARD_MARK] = callerHook;
  config.beforeRedirect = guard;
}

function leavesOrigin(options: RedirectOptions, origin: string): boolean {
  try {
    return new URL(options.href ?? '').origin !== origin;
  } catch {
    // An unreadable target is treated as another origin: stripping is the safe side.
    return true;
  }
}

function stripSensitiveHeaders(headers: Record<string, unknown> | undefined): void {
  if (!headers) return;

  for (const name of Object.keys(headers)) {
    if (SENSITIVE_HEADERS.has(name.toLowerCase())) delete headers[name];
  }
}
