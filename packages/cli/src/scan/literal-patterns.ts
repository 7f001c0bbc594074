import ts from 'typescript';

const LEGACY_HEADER = 'x-instauth';

// A URL or path whose path ends in the login endpoint: an optional `scheme://host`, any
// leading segments (a gateway behind a path prefix), then `ids/auth/login` and the end, a
// `/`, a query or a fragment. A template piece that follows `${base}` starts at the path, so
// the same test fits it. Whitespace is excluded, so a message like 'POST /ids/auth/login
// failed' does not match.
const LOGIN_URL_PATTERN =
  /^(?:[a-z][a-z0-9+.-]*:\/\/[^/\s?#]*)?(?:[^\s?#]*\/)?ids\/auth\/login(?=$|[/?#])/i;

// A raw header line such as `x-instauth: ${token}` or curl's `-H "X-InstAuth: …"`: the name,
// at the start or after a quote or whitespace, then a colon. 'x-instauth-version: 2' and
// 'x-instauth is deprecated' do not match.
const HEADER_LINE_PATTERN = /(?:^|["'\s])x-instauth\s*:/i;

/** Tells whether `name` is the legacy header name in any letter case, and nothing more. */
export function isLegacyHeaderName(name: string): boolean {
  return name.toLowerCase() === LEGACY_HEADER;
}

/** Returns the value of a string literal or a template literal without substitutions. */
export function plainStringValue(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;

  return undefined;
}

/**
 * Tells whether a string or template literal is a login URL. A template matches when its
 * head or any literal piece after a substitution matches, as in `${baseUrl}/ids/auth/login`.
 */
export function isLoginUrlLiteral(node: ts.Node): boolean {
  const value = plainStringValue(node);
  if (value !== undefined) return LOGIN_URL_PATTERN.test(value);

  if (!ts.isTemplateExpression(node)) return false;

  const pieces = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  return pieces.some((piece) => LOGIN_URL_PATTERN.test(piece));
}

/** Tells whether a string or template literal contains a raw `x-instauth:` header line. */
export function isHeaderLineLiteral(node: ts.Node): boolean {
  const value = plainStringValue(node);
  if (value !== undefined) return HEADER_LINE_PATTERN.test(value);

  if (!ts.isTemplateExpression(node)) return false;

  const pieces = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  return pieces.some((piece) => HEADER_LINE_PATTERN.test(piece));
}

/** Tells whether a string literal names a module, as in `import … from './ids/auth/login'`. */
export function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;

  if (ts.isExternalModuleReference(parent)) return true;

  if (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) return true;

  if (!ts.isCallExpression(parent)) return false;

  const callee = parent.expression;
  return (
    callee.kind === ts.SyntaxKind.ImportKeyword ||
    (ts.isIdentifier(callee) && callee.text === 'require')
  );
}
