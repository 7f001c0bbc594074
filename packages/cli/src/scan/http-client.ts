import ts from 'typescript';
import type { HttpClient } from './finding.js';

// HTTP client by the leftmost identifier of a call's callee, such as `axios` in
// `axios.create().get(…)`. An instance in a variable (`const api = axios.create()`) is not
// recognised, so its findings get the generic suggestion.
const CLIENT_BY_ROOT_NAME: Readonly<Record<string, HttpClient>> = {
  axios: 'axios',
  got: 'got',
  ky: 'ky',
  fetch: 'fetch',
  undici: 'fetch',
  http: 'node-http',
  https: 'node-http',
};

// `globalThis.fetch(…)` and `window.fetch(…)` are fetch calls too.
const GLOBAL_OBJECT_NAMES = new Set(['globalThis', 'window', 'self', 'global']);

/** Returns the HTTP client that `callee` belongs to, judged by its leftmost names. */
export function clientOfCallee(callee: ts.Expression): HttpClient | undefined {
  const names = calleeNames(callee);
  const [first, second] = names;
  if (first === undefined) return undefined;

  if (GLOBAL_OBJECT_NAMES.has(first) && second === 'fetch') return 'fetch';

  return CLIENT_BY_ROOT_NAME[first];
}

/**
 * Returns the HTTP client of the nearest call or `new` expression around `node` that has
 * `node` inside its arguments. Callbacks count, so code in a function passed to
 * `axios.interceptors.request.use()` belongs to axios.
 */
export function enclosingClient(node: ts.Node): HttpClient | undefined {
  let child: ts.Node = node;

  for (let parent = node.parent; parent !== undefined; parent = parent.parent) {
    if (
      (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      parent.expression !== child
    ) {
      const client = clientOfCallee(parent.expression);
      if (client !== undefined) return client;
    }

    child = parent;
  }

  return undefined;
}

// Names from the leftmost identifier rightwards: `a.b().c` gives ['a', 'b', 'c'].
function calleeNames(expression: ts.Expression): string[] {
  if (ts.isIdentifier(expression)) return [expression.text];

  if (ts.isPropertyAccessExpression(expression)) {
    return [...calleeNames(expression.expression), expression.name.text];
  }

  if (ts.isCallExpression(expression) || ts.isNonNullExpression(expression)) {
    return calleeNames(expression.expression);
  }

  if (ts.isParenthesizedExpression(expression) || ts.isAwaitExpression(expression)) {
    return calleeNames(expression.expression);
  }

  return [];
}
