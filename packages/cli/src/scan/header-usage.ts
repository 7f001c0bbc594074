import ts from 'typescript';
import type { FindingKind } from './finding.js';

/** Classification of one `x-instauth` string literal by the code around it. */
export interface HeaderUsage {
  kind: Exclude<FindingKind, 'login-request' | 'login-url'>;
  /** `axios.defaults.headers` is the object being changed or read. */
  axiosDefaults: boolean;
}

const SET_METHODS = new Set(['set', 'append', 'setHeader', 'appendHeader']);
const READ_METHODS = new Set(['get', 'has', 'getHeader', 'hasHeader', 'getHeaders']);
const DELETE_METHODS = new Set(['delete', 'removeHeader']);
// Express-style `header(name)` reads and `header(name, value)` sets.
const READ_OR_SET_METHODS = new Set(['header']);

const AXIOS_DEFAULTS_PATTERN = /\.\s*defaults\s*\.\s*headers\b/;

/** Classifies the use of a string literal whose value is the legacy header name. */
export function classifyHeaderLiteral(literal: ts.Node): HeaderUsage {
  const owner = ts.isComputedPropertyName(literal.parent) ? literal.parent : literal;
  const parent = owner.parent;

  if (ts.isPropertyAssignment(parent) && parent.name === owner) {
    return { kind: 'header-set', axiosDefaults: isAssignedToAxiosDefaults(parent) };
  }

  if (ts.isBindingElement(parent) && parent.propertyName === owner) {
    return { kind: 'header-read', axiosDefaults: false };
  }

  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal) {
    return classifyElementAccess(parent);
  }

  if (ts.isCallExpression(parent) && parent.arguments[0] === literal) {
    return classifyMethodCall(parent);
  }

  if (isFirstOfHeaderPair(literal)) return { kind: 'header-set', axiosDefaults: false };

  return { kind: 'header-name', axiosDefaults: false };
}

function classifyElementAccess(access: ts.ElementAccessExpression): HeaderUsage {
  const axiosDefaults = AXIOS_DEFAULTS_PATTERN.test(access.expression.getText());
  const parent = skipParentheses(access);

  if (ts.isDeleteExpression(parent)) return { kind: 'header-delete', axiosDefaults };

  if (isAssignmentTarget(access)) return { kind: 'header-set', axiosDefaults };

  return { kind: 'header-read', axiosDefaults };
}

function classifyMethodCall(call: ts.CallExpression): HeaderUsage {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return { kind: 'header-name', axiosDefaults: false };

  const method = callee.name.text;
  const axiosDefaults = AXIOS_DEFAULTS_PATTERN.test(callee.expression.getText());

  if (SET_METHODS.has(method)) return { kind: 'header-set', axiosDefaults };

  if (READ_METHODS.has(method)) return { kind: 'header-read', axiosDefaults };

  if (DELETE_METHODS.has(method)) return { kind: 'header-delete', axiosDefaults };

  if (READ_OR_SET_METHODS.has(method)) {
    const kind = call.arguments.length > 1 ? 'header-set' : 'header-read';
    return { kind, axiosDefaults };
  }

  return { kind: 'header-name', axiosDefaults: false };
}

// `[['x-instauth', token]]` as given to `new Headers()` or `Object.fromEntries()`.
function isFirstOfHeaderPair(literal: ts.Node): boolean {
  const pair = literal.parent;
  if (!ts.isArrayLiteralExpression(pair)) return false;

  return pair.elements.length === 2 && pair.elements[0] === literal;
}

function isAssignmentTarget(node: ts.Expression): boolean {
  const parent = skipParentheses(node);
  if (!ts.isBinaryExpression(parent)) return false;

  const operator = parent.operatorToken.kind;
  const isAssignment =
    operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
  return isAssignment && parent.left === outermostParentheses(node);
}

// `axios.defaults.headers.common = { 'x-instauth': token }`
function isAssignedToAxiosDefaults(property: ts.PropertyAssignment): boolean {
  const objectLiteral = property.parent;
  const parent = skipParentheses(objectLiteral);
  if (!ts.isBinaryExpression(parent) || parent.right !== outermostParentheses(objectLiteral)) {
    return false;
  }

  return AXIOS_DEFAULTS_PATTERN.test(parent.left.getText());
}

function skipParentheses(node: ts.Node): ts.Node {
  return outermostParentheses(node).parent;
}

function outermostParentheses(node: ts.Node): ts.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;

  return current;
}
