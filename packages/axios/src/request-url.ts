import type { AxiosRequestConfigLike } from './axios-like.js';

// Same test as axios's isAbsoluteURL: a scheme followed by `//`, or a protocol-relative URL.
const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/**
 * Returns the URL axios will request, combining `baseURL` and `url` the way axios does, or
 * `undefined` when they do not form an absolute URL (axios then fails the request in Node).
 */
export function resolveRequestUrl(config: AxiosRequestConfigLike): URL | undefined {
  const url = config.url ?? '';
  const baseURL = config.baseURL;
  const useBase = baseURL && (!ABSOLUTE_URL.test(url) || config.allowAbsoluteUrls === false);
  const fullPath = useBase ? combineUrls(baseURL, url) : url;

  try {
    return new URL(fullPath);
  } catch {
    return undefined;
  }
}

function combineUrls(baseURL: string, relativeURL: string): string {
  if (!relativeURL) return baseURL;

  return `${baseURL.replace(/\/?\/$/, '')}/${relativeURL.replace(/^\/+/, '')}`;
}
