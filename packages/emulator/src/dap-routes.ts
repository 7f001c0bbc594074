import type { LimitedEndpoint } from './rate-limiter.js';

/** A DAP request matched to its endpoint, with the path parameters decoded. */
export interface RouteMatch {
  endpoint: LimitedEndpoint;
  /** Template such as `GET /dap/beta/query/{namespace}/table`. */
  template: string;
  params: Record<string, string>;
  /** Whether the method is the one the endpoint expects. */
  methodAllowed: boolean;
  expectedMethod: 'GET' | 'POST';
}

interface RouteShape {
  endpoint: LimitedEndpoint;
  method: 'GET' | 'POST';
  /** Segments after the prefix; `{name}` captures one segment. */
  segments: string[];
}

const ROUTES: readonly RouteShape[] = [
  { endpoint: 'listTables', method: 'GET', segments: ['query', '{namespace}', 'table'] },
  {
    endpoint: 'getSchema',
    method: 'GET',
    segments: ['query', '{namespace}', 'table', '{table}', 'schema'],
  },
  {
    endpoint: 'createJob',
    method: 'POST',
    segments: ['query', '{namespace}', 'table', '{table}', 'data'],
  },
  { endpoint: 'getJob', method: 'GET', segments: ['job', '{id}'] },
  { endpoint: 'objectUrls', method: 'POST', segments: ['object', 'url'] },
];

const PREFIXES = ['/dap/beta/', '/dap/'] as const;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(shape: RouteShape, segments: string[]): Record<string, string> | undefined {
  if (shape.segments.length !== segments.length) {
    return undefined;
  }

  const params: Record<string, string> = {};
  for (const [index, expected] of shape.segments.entries()) {
    const actual = decodeSegment(segments[index] ?? '');
    if (actual === undefined || actual === '') return undefined;
    if (expected.startsWith('{')) params[expected.slice(1, -1)] = actual;
    else if (expected !== actual) return undefined;
  }

  return params;
}

/** Matches `method` and `pathname` against the DAP endpoints under `/dap/` and `/dap/beta/`. */
export function matchDapRoute(method: string, pathname: string): RouteMatch | undefined {
  const prefix = PREFIXES.find((candidate) => pathname.startsWith(candidate));
  if (prefix === undefined) {
    return undefined;
  }

  const segments = pathname.slice(prefix.length).split('/');
  for (const shape of ROUTES) {
    const params = matchSegments(shape, segments);
    if (params === undefined) continue;

    return {
      endpoint: shape.endpoint,
      template: `${method} ${prefix}${shape.segments.join('/')}`,
      params,
      methodAllowed: method === shape.method,
      expectedMethod: shape.method,
    };
  }

  return undefined;
}
